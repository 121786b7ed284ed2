"""Exports: the store's claims as datasets fact-checkers and dataset users take away.

    from liveaudit.publish.export import export
    export(Store.open("liveaudit.db"), "croissant", "export/")

Public: `export` (one format into a folder), `FORMATS`, `COLUMNS` (the data dictionary),
`RATINGS` (our verdicts as ClaimReview ratings), `bench_export` (`liveaudit bench export`).
Formats and files are listed in `publish/export/run.py`; columns in `columns.py`.
DOCS: docs/design.md, step 5.
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # for type checkers and readers; at run time each name is imported on first use
    from liveaudit.publish.export.bench import bench_export
    from liveaudit.publish.export.claimreview import RATINGS
    from liveaudit.publish.export.columns import COLUMNS
    from liveaudit.publish.export.run import FORMATS, export

# Lazy, so that `liveaudit --help` does not import this stage's heavy dependencies.
_EXPORTS = {
    "COLUMNS": "liveaudit.publish.export.columns",
    "FORMATS": "liveaudit.publish.export.run",
    "RATINGS": "liveaudit.publish.export.claimreview",
    "bench_export": "liveaudit.publish.export.bench",
    "export": "liveaudit.publish.export.run",
}
__all__ = ["COLUMNS", "FORMATS", "RATINGS", "bench_export", "export"]  # the same names as _EXPORTS (a test checks)
__getattr__ = lazy_exports(__name__, _EXPORTS)
