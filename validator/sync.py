"""Before any command judges: the shipped registry, hardware catalogue, analyses and GPU runs in the store.

    sync_for_judging(store)                       # registry, hardware, published-default analyses, shipped runs
    sync_for_judging(store, document_ids=[42])    # ... and the settings the claims of document 42 state

Other stages reach it as the registered "sync" step (validator/stage.py), never by import:
`get_stage("sync").run(store, StageSettings(..., document_ids=(42,)), progress)`.

A verdict depends on what the store knows about the claim's system. Without this, a fresh
store judged "X is not in the system registry" for every registered X, and the same page
got other verdicts than in the demo store. This is the sync `liveaudit analyze` does
(`sync_catalogues`), with FLOP counting only for a setting whose analysis (by its
cache key: networks, schedule, catalogue, method) is not in the store yet, plus the shipped
GPU measurements `liveaudit measure` loads. Each step is idempotent: a second call adds no rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sqlalchemy as sa

from liveaudit.store import Store
from liveaudit.store.runs import utcnow
from liveaudit.validator.analysis.row import analyze, cache_key
from liveaudit.validator.analysis.store_analyses import _GRID
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.measure.shipped import load_shipped
from liveaudit.validator.registry import load_systems
from liveaudit.validator.store_catalogues import sync_catalogues

MAX_SETTINGS_PER_SYSTEM = 3  # claimed settings analysed per system and call, as `analyze` does


def _schedule(spec: dict, over: dict | None) -> dict:
    """The schedule `validator.analyze` counts for these overrides (frames filled in the same way)."""
    schedule = {**spec["architecture"]["schedule"], **(over or {})}
    if over and "seconds" in over and "frames" not in over:
        schedule["frames"] = None
    if not schedule.get("frames"):
        schedule["frames"] = round(schedule["fps"] * schedule["seconds"])
        if schedule["family"] != "unet_stream":
            schedule["frames"] = schedule["frames"] // 4 * 4 + 1
    return schedule


def _claimed(store: Store, spec: dict, document_ids: list[int]) -> list[tuple[dict, str]]:
    where = sa.and_(sa.column("system") == spec["name"], sa.column("document_id").in_(document_ids))
    grid = _GRID[spec["architecture"]["schedule"]["family"]]
    out, seen = [], set()
    for claim in store.rows("current_claims", where=where):
        fig = claim.get("figures") or {}
        over = {}
        if fig.get("width") and fig.get("height"):
            w, h = int(fig["width"]) // grid * grid, int(fig["height"]) // grid * grid
            if 0 < w <= 4096 and 0 < h <= 4096:
                over |= {"width": w, "height": h}
        if fig.get("steps") and 0 < int(fig["steps"]) <= 100:
            over["steps"] = int(fig["steps"])
        key = tuple(sorted(over.items()))
        if over and key not in seen:
            seen.add(key)
            out.append((over, f"claim #{claim['id']}"))
    return out[:MAX_SETTINGS_PER_SYSTEM]


def sync_for_judging(
    store: Store, document_ids: Iterable[int] = (), *, progress: Callable[[str], None] | None = None
) -> dict:
    """Registry, hardware, missing analyses and shipped runs into the store; returns what was added."""
    say = progress or (lambda message: None)
    systems, gpus = load_systems(), load_hardware()
    docs = list(document_ids)
    known = {(r["result"] or {}).get("cache_key") for r in store.rows("analyses")}
    with store.run("sync", {"documents": docs, "why": "judging needs the registry"}) as run:
        counts = sync_catalogues(store, run, systems, gpus)
        new = 0
        for spec in systems.values():
            if spec["architecture"] is None:
                continue
            jobs = [(None, "published default")] + (_claimed(store, spec, docs) if docs else [])
            for over, label in jobs:
                if cache_key(spec, _schedule(spec, over), gpus) in known:
                    continue
                say(f"analysing {spec['name']} ({label})")
                row = analyze(spec, gpus, over, label) | {"created_at": utcnow()}
                if row["result"]["cache_key"] not in known:
                    store.insert("analyses", [row], run)
                    known.add(row["result"]["cache_key"])
                    new += 1
        shipped = load_shipped(store, run=run)
        run.summary = {**counts, "analyses_new": new, "shipped_new": shipped["shipped_new"]}
        return dict(run.summary)
