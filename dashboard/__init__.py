"""The dashboard stage: a Streamlit app over the store (`liveaudit dashboard --help`).

Public:
    serve(store_path, port)      start the app on 127.0.0.1, print its URL, block until Ctrl-C
    bench(sizes, ...)            time to first render of each page on synthetic stores
    APP                          the entry script (`streamlit run` target)
The pages live in `views/`, their reads in `queries` (SQL over the `current_*` views).
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # for type checkers and readers; at run time each name is imported on first use
    from liveaudit.dashboard.render_bench import bench
    from liveaudit.dashboard.server import APP, serve, start

# Lazy: `bench` needs Streamlit's AppTest, and `liveaudit --help` should not import the server.
_EXPORTS = {
    "APP": "liveaudit.dashboard.server",
    "bench": "liveaudit.dashboard.render_bench",
    "serve": "liveaudit.dashboard.server",
    "start": "liveaudit.dashboard.server",
}
__all__ = ["APP", "bench", "serve", "start"]  # the same names as _EXPORTS (a test checks)
__getattr__ = lazy_exports(__name__, _EXPORTS)
