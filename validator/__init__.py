"""The validator, part 1: system registry, hardware catalogue, meta-device analysis, roofline bounds.

Entry points (the rest of the package is private):

    load_systems()              data/systems/*.yaml, validated          (registry.py)
    load_hardware()             data/hardware.yaml, validated           (hardware.py)
    analyze(spec, gpus, ...)    one analyses row for one system/setting  (analysis.py)
    analyze_store(store, ...)   registry + hardware + analyses into the store (store.py)
    bench_analyze(...)          the `liveaudit bench analyze` figures    (store.py)

Docs: docs/design.md, step 3; each schedule family is one module (whole_clip.py, chunked_ar.py,
unet_stream.py); the bytes model is in counting.py, the bound in roofline.py.
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # for type checkers and readers; at run time each name is imported on first use
    from liveaudit.validator.analysis import analyze
    from liveaudit.validator.hardware import load_hardware
    from liveaudit.validator.registry import load_systems
    from liveaudit.validator.store import analyze_store, bench_analyze, sync_catalogues

# Lazy, so that `liveaudit --help` does not import this stage's heavy dependencies.
_EXPORTS = {
    "analyze": "liveaudit.validator.analysis",
    "analyze_store": "liveaudit.validator.store",
    "bench_analyze": "liveaudit.validator.store",
    "load_hardware": "liveaudit.validator.hardware",
    "load_systems": "liveaudit.validator.registry",
    "sync_catalogues": "liveaudit.validator.store",
}
__all__ = ["analyze", "analyze_store", "bench_analyze", "load_hardware", "load_systems", "sync_catalogues"]  # the same names as _EXPORTS (a test checks)
__getattr__ = lazy_exports(__name__, _EXPORTS)
