"""The validator's demo stages: analyse every open system, then the offline timing stage.

`analyze_stage` and `measure_stage` are listed in liveaudit/pipeline.py. Offline and on CPU the
demo cannot time the real systems, so `measure_stage` does two honest things:
1. loads the GPU runs shipped in data/measurements/ (origin "shipped", with their environment);
2. runs one open system of each schedule family end to end in the tiny smoke config on CPU,
   stored with `settings.tiny = true` and `settings.label = "tiny CPU smoke config"`, which
   proves the harness works here and never stands for the systems' performance.
"""

from __future__ import annotations

import time

from liveaudit.store import Store

DEMO_REPETITIONS = 2  # the smoke runs only show the schedule runs; two timed clips keep the demo short


def analyze_stage(store: Store, ctx) -> dict:
    """Load data/systems and data/hardware.yaml, analyse every open system at its published
    settings and at the settings the stored claims state; returns the run's summary."""
    from liveaudit.validator.analysis import analyze_store

    out = analyze_store(store)
    return {k: out[k] for k in ("systems", "analyses_new", "analyses_reused", "closed_or_unbuildable",
                                "systems_new", "hardware_new", "seconds")}


def measure_stage(store: Store, ctx) -> dict:
    """Shipped measurements into the store, then one tiny CPU smoke run per schedule family."""
    from liveaudit.store.runs import utcnow
    from liveaudit.validator.measure import Options, load_shipped, measure
    from liveaudit.validator.registry import load_systems

    started = time.perf_counter()
    shipped = load_shipped(store)
    picks: dict[str, dict] = {}
    for spec in load_systems().values():
        if spec["architecture"] is not None:
            picks.setdefault(spec["architecture"]["schedule"]["family"], spec)
    opts = Options(device="cpu", tiny=True, warmup=0, repetitions=DEMO_REPETITIONS, count_flops=False)
    smoke = []
    with store.run("measure", {"demo": True, "systems": [s["name"] for s in picks.values()], "tiny": True}) as run:
        for spec in picks.values():
            rows = measure(spec, opts)
            for row in rows:
                row["created_at"] = utcnow()
            store.insert("measurements", rows, run)
            smoke += rows
        run.summary = {"tiny_runs": len(smoke), **shipped}
    return {"shipped": shipped["shipped"], "shipped_new": shipped["shipped_new"], "tiny_cpu_runs": len(smoke),
            "tiny_systems": ", ".join(r["system"] for r in smoke), "seconds": round(time.perf_counter() - started, 1)}
