"""The validator's demo stage: registry and hardware into the store, every open system analysed.

`analyze_stage` is listed in liveaudit/pipeline.py; the timing stage (`measure_stage`) belongs to
the validator's part 2: it only forwards to measure_demo.py.
"""

from __future__ import annotations

from liveaudit.store import Store


def analyze_stage(store: Store, ctx) -> dict:
    """Load data/systems and data/hardware.yaml, analyse every open system at its published
    settings and at the settings the stored claims state; returns the run's summary."""
    from liveaudit.validator.store import analyze_store

    out = analyze_store(store)
    return {k: out[k] for k in ("systems", "analyses_new", "analyses_reused", "closed_or_unbuildable",
                                "systems_new", "hardware_new", "seconds")}


def measure_stage(store: Store, ctx) -> dict:
    """Shipped GPU measurements into the store, then a tiny CPU smoke run per schedule family
    (validator part 2: the work is in measure_demo.py)."""
    from liveaudit.validator.measure_demo import measure_stage as run

    return run(store, ctx)
