"""The offline demo: fixture site on 127.0.0.1, every built stage into a fresh store."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from liveaudit import config
from liveaudit.pipeline import DemoContext, Stage, StageResult, run_stages, resolve
from liveaudit.store import Store
from liveaudit.store.engine import normalize_url


@dataclass
class DemoReport:
    store_url: str
    store_path: str | None
    moved_aside: str | None
    results: list[StageResult]


def _move_aside(url: str) -> str | None:
    """Keep an existing SQLite store (and its WAL files) under a timestamped name."""
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url.removeprefix("sqlite:///"))
    if not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(path) + suffix)
        if src.exists():
            shutil.move(src, str(target) + suffix)
    return str(target)


def run_demo(db: str | None = None, on_stage=None) -> DemoReport:
    from liveaudit.fixture_site.server import FixtureServer

    settings = config.load_settings({"STORE_URL": db} if db is not None else None)
    url = normalize_url(settings["STORE_URL"])
    moved = _move_aside(url)
    store = Store.open(url)
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
    workdir = Path(path).parent if path else Path.cwd()
    with FixtureServer(port=settings["DEMO_FIXTURE_PORT"]) as site, store.run("demo", {"db": store.url, "fixture_url": site.url}) as run:
        ctx = DemoContext(fixture_url=site.url, workdir=workdir)
        results = run_stages(store, ctx, on_stage)
        run.summary = {r.name: {"status": r.status, **{k: v for k, v in r.summary.items() if k != "table"}} for r in results}
    store.close()
    return DemoReport(store.url, path, moved, results)


def start_dashboard(store_path: str | None, port: int) -> None:
    """Hand over to the dashboard stage when it is built."""
    from liveaudit.cli.common import console

    func = resolve(Stage("dashboard", "liveaudit.dashboard:serve", "the Streamlit app"))
    if isinstance(func, str):
        console.print(f"dashboard: {func}; the store is ready at {store_path}")
        return
    func(store_path, port)
