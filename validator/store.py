"""The validator and the store: catalogues in, analyses out (the library behind `liveaudit analyze`).

    summary = analyze_store(store, system=None)   # registry + hardware rows, one analyses row per setting
    figures = bench_analyze()                     # wall time and FlopCounter/analytic ratio per system

A registry file or catalogue entry gets a new version row only when its content hash changes.
An analysis whose inputs (networks, schedule, catalogue, method) hash to a key already in the
store is reused, not recomputed: the store is the cache.
"""

from __future__ import annotations

import time
from typing import Callable

import sqlalchemy as sa

from liveaudit.errors import InputError
from liveaudit.store import Store, schema
from liveaudit.store.runs import utcnow
from liveaudit.validator import analysis
from liveaudit.validator.analysis import analyze, cache_key
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.networks import _build
from liveaudit.validator.registry import content_hash, load_systems, resolve

# Sizes a claimed resolution is rounded down to, so the latent grid divides evenly.
_GRID = {"whole_clip_dit": 32, "chunked_ar_dit": 16, "unet_stream": 8}
MAX_CLAIM_SETTINGS = 3  # distinct claimed settings analysed per system and run (each costs a count)


def sync_catalogues(store: Store, run, systems: dict, gpus: dict) -> dict:
    """Append a systems/hardware row for every entry whose content changed; returns the counts."""
    counts = {"systems_new": 0, "hardware_new": 0}
    with store.engine.begin() as conn:
        for table, key_col, items, label in (("systems", "name", systems, "systems_new"), ("hardware", "name", gpus, "hardware_new")):
            tbl = schema.metadata.tables[table]
            for name, spec in items.items():
                digest = content_hash(spec)
                latest = conn.execute(sa.select(tbl.c.content_sha256).where(tbl.c.name == name)
                                      .order_by(tbl.c.version.desc()).limit(1)).scalar()
                if latest == digest:
                    continue
                row = {"name": name, "version": store.next_version(table, key_col, name, conn),
                       "content_sha256": digest, "spec": {k: v for k, v in spec.items() if not k.startswith("_")}}
                if table == "systems":
                    row |= {"organisation": spec["organisation"], "open_weights": spec["open_weights"]}
                store.insert(table, [row], run, conn=conn)
                counts[label] += 1
    return counts


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


def analyze_store(store: Store, system: str | None = None, with_claims: bool = True,
                  progress: Callable[[str, int, int], None] | None = None) -> dict:
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
    skipped = {s["name"]: s["not_analysed_reason"] for s in systems.values() if s["architecture"] is None and not system}
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
        run.summary = {"systems": len(targets), "analyses_new": new, "analyses_reused": reused,
                       "closed_or_unbuildable": len(skipped), **counts,
                       "seconds": round(time.perf_counter() - started, 2)}
        summary = dict(run.summary)
    return {"rows": out_rows, "skipped": skipped, **summary}


def bench_analyze(progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Analyse every registered open system from cold (no cached counts); wall time and ratios.

    Returns {"total_s", "cpu_s", "threads", "systems": [{"system", "seconds", "cpu_seconds", "ratio",
    "flop_counter", "analytic", "params", "flops_per_video_second"}]}.
    """
    import torch

    analysis._COUNTS.clear()
    _build.cache_clear()
    systems, gpus = load_systems(), load_hardware()
    targets = [s for s in systems.values() if s["architecture"] is not None]
    figures = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for i, spec in enumerate(targets):
        if progress:
            progress(spec["name"], i, len(targets))
        t0, c0 = time.perf_counter(), time.process_time()
        row = analyze(spec, gpus)
        cc = row["result"]["crosscheck"] or {}
        figures.append({"system": spec["name"], "seconds": time.perf_counter() - t0,
                        "cpu_seconds": time.process_time() - c0, "ratio": cc.get("ratio"),
                        "flop_counter": cc.get("flop_counter"), "analytic": cc.get("analytic"), "params": row["params"],
                        "flops_per_video_second": row["flops_per_video_second"]})
    return {"total_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu_start, "systems": figures, "threads": torch.get_num_threads()}
