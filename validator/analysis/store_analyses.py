"""The analyses rows the validator writes (the library behind `liveaudit analyze`).

    summary = analyze_store(store, system=None)   # registry + hardware rows, one analyses row per setting

Catalogue rows are synced first (validator/store_catalogues.py). An analysis whose inputs
(networks, schedule, catalogue, method) hash to a key already in the store is reused, not
recomputed: the store is the cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import sqlalchemy as sa

from liveaudit.errors import InputError
from liveaudit.store import Store
from liveaudit.store.runs import utcnow
from liveaudit.validator.analysis.row import analyze, cache_key
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.registry import load_systems, resolve
from liveaudit.validator.store_catalogues import sync_catalogues

# Sizes a claimed resolution is rounded down to, so the latent grid divides evenly.
_GRID = {"whole_clip_dit": 32, "chunked_ar_dit": 16, "unet_stream": 8}
MAX_CLAIM_SETTINGS = 3  # distinct claimed settings analysed per system and run (each costs a count)


def _claim_settings(store: Store, spec: dict) -> list[tuple[dict, str]]:
    """Distinct settings the stored claims about `spec` state (resolution, steps), as schedule overrides."""
    schedule = spec["architecture"]["schedule"]
    grid = _GRID[schedule["family"]]
    out, seen = [], set()
    for claim in store.rows("current_claims", where=sa.column("system") == spec["name"]):
        fig = claim.get("figures") or {}
        over = {}
        if fig.get("width") and fig.get("height"):
            w, h = int(fig["width"]) // grid * grid, int(fig["height"]) // grid * grid
            if 0 < w <= 4096 and 0 < h <= 4096:
                over |= {"width": w, "height": h}
        if fig.get("steps") and 0 < int(fig["steps"]) <= 100:
            over["steps"] = int(fig["steps"])
        key = tuple(sorted(over.items()))
        if not over or all(schedule.get(k) == v for k, v in over.items()) or key in seen:
            continue
        seen.add(key)
        out.append((over, f"claim #{claim['id']}"))
    return out[:MAX_CLAIM_SETTINGS]


def analyze_store(
    store: Store,
    system: str | None = None,
    with_claims: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict:
    """Load the catalogues into the store and analyse every open system (or `system`).

    Returns {"rows": analyses rows (new or reused), "skipped": {name: reason}, and counts}.
    """
    systems, gpus = load_systems(), load_hardware()
    if system:
        spec = resolve(systems, system)
        if spec["architecture"] is None:
            raise InputError("E708", name=spec["name"], reason=spec["not_analysed_reason"])
        targets = [spec]
    else:
        targets = [s for s in systems.values() if s["architecture"] is not None]
    skipped = {
        s["name"]: s["not_analysed_reason"] for s in systems.values() if s["architecture"] is None and not system
    }
    existing = {}
    for row in store.rows("analyses"):
        existing[(row["result"] or {}).get("cache_key")] = row
    out_rows, new, reused = [], 0, 0
    started = time.perf_counter()
    with store.run("analyze", {"system": system, "with_claims": with_claims}) as run:
        counts = sync_catalogues(store, run, systems, gpus)
        jobs = []
        for spec in targets:
            jobs.append((spec, None, "published default"))
            if with_claims:
                jobs += [(spec, over, label) for over, label in _claim_settings(store, spec)]
        for i, (spec, over, label) in enumerate(jobs):
            if progress:
                progress(f"{spec['name']} ({label})", i, len(jobs))
            schedule = {**spec["architecture"]["schedule"], **(over or {})}
            key = cache_key(spec, schedule, gpus) if not over else None
            if key and key in existing:
                out_rows.append(existing[key])
                reused += 1
                continue
            row = analyze(spec, gpus, over, label)
            row["created_at"] = utcnow()
            if row["result"]["cache_key"] in existing:
                out_rows.append(existing[row["result"]["cache_key"]])
                reused += 1
                continue
            row["id"] = store.insert("analyses", [row], run)[0]
            row["run_id"] = run.id
            existing[row["result"]["cache_key"]] = row
            out_rows.append(row)
            new += 1
        if progress:
            progress("done", len(jobs), len(jobs))
        run.summary = {
            "systems": len(targets),
            "analyses_new": new,
            "analyses_reused": reused,
            "closed_or_unbuildable": len(skipped),
            **counts,
            "seconds": round(time.perf_counter() - started, 2),
        }
        summary = dict(run.summary)
    return {"rows": out_rows, "skipped": skipped, **summary}
