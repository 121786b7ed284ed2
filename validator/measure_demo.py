"""The validator's timing stage of `liveaudit demo` (validator/demo.py forwards `measure_stage` here).

Offline and on CPU the demo cannot time the real systems, so it does two honest things:
1. loads the GPU runs shipped in data/measurements/ (origin "shipped", with their environment);
2. runs one open system of each schedule family end to end in the tiny smoke config on CPU,
   stored with `settings.tiny = true` and `settings.label = "tiny CPU smoke config"`, which
   proves the harness works here and never stands for the systems' performance.
"""

from __future__ import annotations

import time

DEMO_REPETITIONS = 2  # the smoke runs only show the schedule runs; two timed clips keep the demo short


def measure_stage(store, ctx) -> dict:
    """Shipped measurements into the store, then one tiny CPU smoke run per schedule family."""
    from liveaudit.validator.measure import Options, measure
    from liveaudit.validator.measure_shipped import load_shipped
    from liveaudit.validator.registry import load_systems
    from liveaudit.store.runs import utcnow

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
