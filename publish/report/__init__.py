"""The report: "is 'live AI video generation' a meaningful category?", answered from the store.

    from liveaudit.publish.report import build_report
    build_report(Store.open("liveaudit.db"), "report/")   # report.html (+ report.pdf)

Public: `build_report`. What it shows is gathered in `facts.py`, drawn in `charts.py`,
written (escaped, self-contained) in `html.py`. DOCS: issue 12, docs/design.md, "Vocabulary".
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # for type checkers and readers; at run time each name is imported on first use
    from liveaudit.publish.report.build import build_report

# Lazy, so that `liveaudit --help` does not import this stage's heavy dependencies.
_EXPORTS = {
    "build_report": "liveaudit.publish.report.build",
}
__all__ = ["build_report"]  # the same names as _EXPORTS (a test checks)
__getattr__ = lazy_exports(__name__, _EXPORTS)
