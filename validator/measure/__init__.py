"""The measurement stage: time each system's real schedule on a device and store the figures.

    rows = measure(spec, Options(device="cuda"))                 # one row per mode (run.py)
    summary = measure_store(store, "Self-Forcing", Options())    # rows into the store (store_measurements.py)
    figures = bench_measure("Self-Forcing", Options(device="cuda"))   # `liveaudit bench measure` (bench.py)
    summary = load_shipped(store)                                # GPU runs of data/measurements/ (shipped.py)

options.py says how to measure, on_device.py builds the networks with real tensors, harness.py
holds the clocks and figures; the schedule of each family is in ../families/.
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # at run time each name is imported on first use
    from liveaudit.validator.measure.bench import bench_measure
    from liveaudit.validator.measure.options import MODES, Options, schedule_for
    from liveaudit.validator.measure.run import METHOD, MeasureContext, measure, run_key
    from liveaudit.validator.measure.shipped import load_shipped, read_shipped, write_shipped
    from liveaudit.validator.measure.store_measurements import measure_store

# Lazy, so that importing one module of the package (families import counting.py) does not
# import the rest of it: row.py imports the families, which would be a circular import.
_EXPORTS = {
    "METHOD": "liveaudit.validator.measure.run",
    "MODES": "liveaudit.validator.measure.options",
    "MeasureContext": "liveaudit.validator.measure.run",
    "Options": "liveaudit.validator.measure.options",
    "bench_measure": "liveaudit.validator.measure.bench",
    "load_shipped": "liveaudit.validator.measure.shipped",
    "measure": "liveaudit.validator.measure.run",
    "measure_store": "liveaudit.validator.measure.store_measurements",
    "read_shipped": "liveaudit.validator.measure.shipped",
    "run_key": "liveaudit.validator.measure.run",
    "schedule_for": "liveaudit.validator.measure.options",
    "write_shipped": "liveaudit.validator.measure.shipped",
}
__all__ = [
    "METHOD",
    "MODES",
    "MeasureContext",
    "Options",
    "bench_measure",
    "load_shipped",
    "measure",
    "measure_store",
    "read_shipped",
    "run_key",
    "schedule_for",
    "write_shipped",
]
__getattr__ = lazy_exports(__name__, _EXPORTS)
