"""Exports: the store's claims as datasets fact-checkers and dataset users take away.

    from liveaudit.publish.export import export
    export(Store.open("liveaudit.db"), "croissant", "export/")

Public: `export` (one format into a folder), `FORMATS`, `COLUMNS` (the data dictionary),
`RATINGS` (our verdicts as ClaimReview ratings), `bench_export` (`liveaudit bench export`).
Formats and files are listed in `publish/export/run.py`; columns in `columns.py`.
DOCS: DESIGN.md "Exports".
"""

from liveaudit.publish.export.claimreview import RATINGS
from liveaudit.publish.export.columns import COLUMNS
from liveaudit.publish.export.run import FORMATS, export

__all__ = ["COLUMNS", "FORMATS", "RATINGS", "bench_export", "export"]


def __getattr__(name: str):
    if name == "bench_export":  # lazy: the benchmark imports subprocess machinery only when asked
        from liveaudit.publish.export.bench import bench_export

        return bench_export
    raise AttributeError(f"module 'liveaudit.publish.export' has no attribute {name!r}")
