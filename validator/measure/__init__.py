"""The measurement stage: time each system's real schedule on a device and store the figures.

    rows = measure(spec, Options(device="cuda"))                 # one row per mode (run.py)
    summary = measure_store(store, "Self-Forcing", Options())    # rows into the store (store_measurements.py)
    figures = bench_measure("Self-Forcing", Options(device="cuda"))   # `liveaudit bench measure` (bench.py)
    summary = load_shipped(store)                                # GPU runs of data/measurements/ (shipped.py)

options.py says how to measure, on_device.py builds the networks with real tensors, harness.py
holds the clocks and figures; the schedule of each family is in ../families/.
"""

from liveaudit.validator.measure.bench import bench_measure
from liveaudit.validator.measure.options import MODES, Options, schedule_for
from liveaudit.validator.measure.run import METHOD, MeasureContext, measure, run_key
from liveaudit.validator.measure.shipped import load_shipped, read_shipped, write_shipped
from liveaudit.validator.measure.store_measurements import measure_store

__all__ = ["METHOD", "MODES", "MeasureContext", "Options", "bench_measure", "load_shipped", "measure", "measure_store",
           "read_shipped", "run_key", "schedule_for", "write_shipped"]
