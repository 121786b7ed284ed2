"""The validator's steps: analyze (meta device, roofline bounds), measure (timed runs), and sync.

analyze: load data/systems and data/hardware.yaml into the store, then analyse every open
system at its published settings and at the settings the stored claims state.
measure: offline and on CPU the real systems cannot be timed, so it does two honest things:
1. loads the GPU runs shipped in data/measurements/ (origin "shipped", with their environment);
2. runs one open system of each schedule family end to end in the tiny smoke config on CPU,
   stored with `settings.tiny = true` and `settings.label = "tiny CPU smoke config"`, which
   proves the harness works here and never stands for the systems' performance.
sync (not a demo step: analyze does the same and more): what every judging command needs
first, the shipped registry, hardware catalogue, published-default analyses and shipped GPU
runs, plus the settings the claims of `settings.document_ids` state (validator/sync.py).
`liveaudit check` and `liveaudit verdicts` run it through the registry.
"""

from __future__ import annotations

import time

from liveaudit.records import RunSummary, StageSettings
from liveaudit.stages import Progress, Stage
from liveaudit.store import Store

DEMO_REPETITIONS = 2  # the smoke runs only show the schedule runs; two timed clips keep the demo short


def analyze_run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Registry and hardware into the store, every open system analysed; returns the run's counts."""
    from liveaudit.validator.analysis import analyze_store

    progress("analysing every open system on the meta device")
    out = analyze_store(store)
    return RunSummary(
        "analyze",
        {
            k: out[k]
            for k in (
                "systems",
                "analyses_new",
                "analyses_reused",
                "closed_or_unbuildable",
                "systems_new",
                "hardware_new",
                "seconds",
            )
        },
    )


def measure_run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Shipped GPU measurements into the store, then one tiny CPU smoke run per schedule family."""
    from liveaudit.store.runs import utcnow
    from liveaudit.validator.measure import Options, load_shipped, measure
    from liveaudit.validator.registry import load_systems

    progress("loading shipped GPU runs; one tiny CPU smoke run per schedule family")
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
    return RunSummary(
        "measure",
        {
            "shipped": shipped["shipped"],
            "shipped_new": shipped["shipped_new"],
            "tiny_cpu_runs": len(smoke),
            "tiny_systems": ", ".join(r["system"] for r in smoke),
            "seconds": round(time.perf_counter() - started, 1),
        },
    )


def sync_run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Registry, hardware, missing analyses and shipped runs into the store; what was added."""
    from liveaudit.validator.sync import sync_for_judging

    progress("loading the system registry and hardware catalogue")
    return RunSummary("sync", sync_for_judging(store, settings.document_ids, progress=progress))


def _commands(app) -> None:
    from liveaudit.validator.cli import register

    register(app)


def _bench_analyze(**kwargs):
    from liveaudit.validator.analysis import bench_analyze

    return bench_analyze(**kwargs)


def _bench_measure(*args, **kwargs):
    from liveaudit.validator.measure import bench_measure

    return bench_measure(*args, **kwargs)


STAGES = (
    Stage(
        "analyze",
        "meta-device analysis and roofline bounds",
        analyze_run,
        extra="validator",
        requires=("torch", "diffusers", "transformers"),
        commands=_commands,
        bench=_bench_analyze,
    ),
    Stage(
        "measure",
        "timed runs (shipped GPU measurements offline)",
        measure_run,
        extra="validator",
        requires=("torch", "diffusers", "transformers"),
        bench=_bench_measure,
    ),
    Stage(
        "sync",
        "registry, hardware, analyses and shipped runs a verdict needs (before judging)",
        sync_run,
        extra="validator",
        requires=("torch", "diffusers", "transformers"),
        in_demo=False,
    ),
)
