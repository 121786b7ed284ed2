"""The validator: system registry, hardware catalogue, meta-device analysis, timed measurement.

Entry points (import these; the modules behind them may move):

    load_systems()              data/systems/*.yaml, validated            (registry.py)
    load_hardware()             data/hardware.yaml, validated             (hardware.py)
    sync_catalogues(...)        registry + hardware rows into the store   (store_catalogues.py)
    analyze(spec, gpus, ...)    one analyses row for one system/setting   (analysis/row.py)
    analyze_store(store, ...)   catalogues + analyses rows into the store (analysis/store_analyses.py)
    bench_analyze(...)          the `liveaudit bench analyze` figures     (analysis/bench.py)
    Options, measure(...)       timed runs of one system, a row per mode  (measure/options.py, run.py)
    measure_store(store, ...)   measurements rows into the store          (measure/store_measurements.py)
    bench_measure(...)          the `liveaudit bench measure` figures     (measure/bench.py)
    load_shipped / read_shipped / write_shipped   data/measurements/      (measure/shipped.py)

Layout: families/ holds one module per schedule family (whole_clip.py, chunked_ar.py,
unet_stream.py), each with its counted plan and its timed schedule; analysis/ is the
meta-device stage (counting, analytic cross-check, roofline); measure/ the timed stage
(options, harness, networks on a device); cli/ the `liveaudit analyze` and `measure` commands;
stage.py the analyze and measure steps as the demo and the CLI find them (liveaudit.stages).
Docs: docs/design.md, step 3.
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # for type checkers and readers; at run time each name is imported on first use
    from liveaudit.validator.analysis import analyze, analyze_store, bench_analyze
    from liveaudit.validator.hardware import load_hardware
    from liveaudit.validator.measure import (
        Options,
        bench_measure,
        load_shipped,
        measure_store,
        read_shipped,
        write_shipped,
    )
    from liveaudit.validator.registry import load_systems
    from liveaudit.validator.store_catalogues import sync_catalogues

# Lazy, so that `liveaudit --help` does not import torch, diffusers or transformers.
_EXPORTS = {
    "Options": "liveaudit.validator.measure",
    "analyze": "liveaudit.validator.analysis",
    "analyze_store": "liveaudit.validator.analysis",
    "bench_analyze": "liveaudit.validator.analysis",
    "bench_measure": "liveaudit.validator.measure",
    "load_hardware": "liveaudit.validator.hardware",
    "load_shipped": "liveaudit.validator.measure",
    "load_systems": "liveaudit.validator.registry",
    "measure_store": "liveaudit.validator.measure",
    "read_shipped": "liveaudit.validator.measure",
    "sync_catalogues": "liveaudit.validator.store_catalogues",
    "write_shipped": "liveaudit.validator.measure",
}
__all__ = [
    "Options",
    "analyze",
    "analyze_store",
    "bench_analyze",
    "bench_measure",
    "load_hardware",
    "load_shipped",
    "load_systems",
    "measure_store",
    "read_shipped",
    "sync_catalogues",
    "write_shipped",
]
__getattr__ = lazy_exports(__name__, _EXPORTS)
