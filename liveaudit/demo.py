"""The offline demo: the fixture site on 127.0.0.1, every available stage into a fresh store.

The stages come from the registry (liveaudit.stages), in flow order; a stage whose extra is
not installed is reported as skipped with the reason, never silently dropped. The dashboard
step (`in_demo=False`) runs after, unless `--no-dashboard`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from liveaudit import config
from liveaudit.records import RunSummary, StageSettings
from liveaudit.stages import Stage, get_stage, load_stages
from liveaudit.store import Store
from liveaudit.store.engine import normalize_url


@dataclass
class StageResult:
    name: str
    status: str  # ran | skipped
    summary: RunSummary


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


def run_stages(
    store: Store,
    settings: StageSettings,
    on_stage: Callable[[Stage], None] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> list[StageResult]:
    """Run every demo step in flow order; a step that cannot run here is skipped with its reason."""
    results = []
    for stage in load_stages():
        if not stage.in_demo:
            continue
        reason = stage.missing()
        if reason:
            results.append(StageResult(stage.name, "skipped", RunSummary(stage.name, {"reason": reason})))
            continue
        if on_stage:
            on_stage(stage)
        results.append(StageResult(stage.name, "ran", stage.run(store, settings, progress)))
    return results


def run_demo(db: str | None = None, on_stage: Callable[[Stage], None] | None = None) -> DemoReport:
    from liveaudit.fixture_site.server import FixtureServer

    values = config.load_settings({"STORE_URL": db} if db is not None else None)
    url = normalize_url(values["STORE_URL"])
    moved = _move_aside(url)
    store = Store.open(url)
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
    workdir = Path(path).parent if path else Path.cwd()
    with (
        FixtureServer(port=values["DEMO_FIXTURE_PORT"]) as site,
        store.run("demo", {"db": store.url, "fixture_url": site.url}) as run,
    ):
        settings = StageSettings(values=values, workdir=workdir, fixture_url=site.url)
        results = run_stages(store, settings, on_stage)
        run.summary = {r.name: {"status": r.status, **r.summary.figures} for r in results}
    store.close()
    return DemoReport(store.url, path, moved, results)


def start_dashboard(store_path: str | None, port: int) -> str | None:
    """Hand over to the show step; returns why it cannot start (its extra is missing), or None."""
    stage = get_stage("show")
    reason = stage.missing()
    if reason:
        return reason
    values = config.load_settings({"STORE_URL": store_path, "DASHBOARD_PORT": port})
    store = Store.open(values["STORE_URL"])
    stage.run(store, StageSettings(values=values, workdir=Path.cwd()), lambda message: None)
    return None
