"""The validator's two steps: analyze (meta device, roofline bounds) and measure (timed runs).

analyze: load data/systems and data/hardware.yaml into the store, then analyse every open
system at its published settings and at the settings the stored claims state.
measure: the GPU runs shipped in data/measurements/, then a tiny CPU smoke run per schedule
family (the work is in measure_demo.py; on CPU the real systems cannot be timed).
"""

from __future__ import annotations

from liveaudit.records import RunSummary, StageSettings
from liveaudit.stages import Progress, Stage
from liveaudit.store import Store


def analyze_run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Registry and hardware into the store, every open system analysed; returns the run's counts."""
    from liveaudit.validator.store import analyze_store

    progress("analysing every open system on the meta device")
    out = analyze_store(store)
    return RunSummary("analyze", {k: out[k] for k in ("systems", "analyses_new", "analyses_reused",
                                                      "closed_or_unbuildable", "systems_new", "hardware_new",
                                                      "seconds")})


def measure_run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Shipped GPU measurements into the store, then one tiny CPU smoke run per schedule family."""
    from liveaudit.validator.measure_demo import measure_stage

    progress("loading shipped GPU runs; one tiny CPU smoke run per schedule family")
    return RunSummary("measure", measure_stage(store, settings))


def _commands(app) -> None:
    from liveaudit.validator.cli import register

    register(app)


def _bench_analyze(**kwargs):
    from liveaudit.validator.store import bench_analyze

    return bench_analyze(**kwargs)


def _bench_measure(*args, **kwargs):
    from liveaudit.validator.measure import bench_measure

    return bench_measure(*args, **kwargs)


STAGES = (
    Stage("analyze", "meta-device analysis and roofline bounds", analyze_run, extra="validator",
          requires=("torch", "diffusers", "transformers"), commands=_commands, bench=_bench_analyze),
    Stage("measure", "timed runs (shipped GPU measurements offline)", measure_run, extra="validator",
          requires=("torch", "diffusers", "transformers"), bench=_bench_measure),
)
