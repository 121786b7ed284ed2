"""The dashboard stage: a Streamlit app over the store (`liveaudit dashboard --help`).

Public:
    serve(store_path, port)      start the app on 127.0.0.1, print its URL, block until Ctrl-C
    bench(sizes, ...)            time to first render of each page on synthetic stores
    APP                          the entry script (`streamlit run` target)
The pages live in `views/`, their reads in `queries` (SQL over the `current_*` views).
"""

from liveaudit.dashboard.server import APP, serve, start

__all__ = ["APP", "serve", "start", "bench"]


def bench(*args, **kwargs):
    """See `liveaudit.dashboard.render_bench.bench` (imported lazily: it needs Streamlit's AppTest)."""
    from liveaudit.dashboard.render_bench import bench as run_bench

    return run_bench(*args, **kwargs)
