"""The dashboard stage: a Streamlit app over the store (`liveaudit dashboard --help`).

Public:
    serve(store_path, port)      start the app on 127.0.0.1, print its URL, block until Ctrl-C
    bench(sizes, ...)            time to first render of each page on synthetic stores
    APP                          the entry script (`streamlit run` target)
The pages live in `views/`, their reads in `_queries` (SQL over the `current_*` views).
"""

from liveaudit.dashboard._server import APP, serve, start

__all__ = ["APP", "serve", "start", "bench"]


def bench(*args, **kwargs):
    """See `liveaudit.dashboard._bench.bench` (imported lazily: it needs Streamlit's AppTest)."""
    from liveaudit.dashboard._bench import bench as _bench

    return _bench(*args, **kwargs)
