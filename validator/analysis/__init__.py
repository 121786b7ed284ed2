"""The analysis stage: count one clip of each system on the meta device and bound it on every GPU.

    row = analyze(spec, gpus)                  # one analyses row (row.py)
    summary = analyze_store(store)             # catalogues + analyses rows into the store (store_analyses.py)
    figures = bench_analyze()                  # `liveaudit bench analyze` (bench.py)

The FLOP and bytes model is in counting.py, the analytic cross-check in analytic.py, the bound
in roofline.py; the schedule of each family is in ../families/. (The package is `analysis`, not
`analyze`, because `liveaudit.validator.analyze` is the public function.)
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # at run time each name is imported on first use
    from liveaudit.validator.analysis.bench import bench_analyze
    from liveaudit.validator.analysis.row import analyze, cache_key, clear_counts
    from liveaudit.validator.analysis.store_analyses import analyze_store

# Lazy, so that importing one module of the package (families import counting.py) does not
# import the rest of it: row.py imports the families, which would be a circular import.
_EXPORTS = {
    "analyze": "liveaudit.validator.analysis.row",
    "analyze_store": "liveaudit.validator.analysis.store_analyses",
    "bench_analyze": "liveaudit.validator.analysis.bench",
    "cache_key": "liveaudit.validator.analysis.row",
    "clear_counts": "liveaudit.validator.analysis.row",
}
__all__ = ["analyze", "analyze_store", "bench_analyze", "cache_key", "clear_counts"]
__getattr__ = lazy_exports(__name__, _EXPORTS)
