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
(options, harness, networks on a device); cli/ the `liveaudit analyze` and `measure` commands.
Docs: DESIGN.md step 3.
"""

from liveaudit.validator.analysis import analyze, analyze_store, bench_analyze
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.measure import (Options, bench_measure, load_shipped, measure_store, read_shipped,
                                         write_shipped)
from liveaudit.validator.registry import load_systems
from liveaudit.validator.store_catalogues import sync_catalogues

__all__ = ["Options", "analyze", "analyze_store", "bench_analyze", "bench_measure", "load_hardware", "load_shipped",
           "load_systems", "measure_store", "read_shipped", "sync_catalogues", "write_shipped"]
