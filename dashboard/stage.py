"""The show step: the Streamlit dashboard over the store, until Ctrl-C.

The demo runs it last and apart (`in_demo=False`): it blocks, and `--no-dashboard` skips it.
"""

from __future__ import annotations

from liveaudit.records import RunSummary, StageSettings
from liveaudit.stages import Progress, Stage
from liveaudit.store import Store


def run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Serve the dashboard on the store at DASHBOARD_PORT; returns when it is stopped."""
    from liveaudit.dashboard.server import serve

    path = store.url.removeprefix("sqlite:///") if store.url.startswith("sqlite:///") else store.url
    serve(path, settings["DASHBOARD_PORT"])
    return RunSummary("show", {"store": path})


def _commands(app) -> None:
    from liveaudit.dashboard.cli import register

    register(app)


def _bench(**kwargs):
    from liveaudit.dashboard.render_bench import bench

    return bench(**kwargs)


STAGES = (
    Stage(
        "show",
        "the Streamlit dashboard: overview, claims, systems, cards, runs",
        run,
        extra="dashboard",
        requires=("streamlit", "altair", "pandas"),
        commands=_commands,
        bench=_bench,
        in_demo=False,
    ),
)
