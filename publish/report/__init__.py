"""The report: "is 'live AI video generation' a meaningful category?", answered from the store.

    from liveaudit.publish.report import build_report
    build_report(Store.open("liveaudit.db"), "report/")   # report.html (+ report.pdf)

Public: `build_report`. What it shows is gathered in `facts.py`, drawn in `charts.py`,
written (escaped, self-contained) in `html.py`. DOCS: issue 12, DESIGN.md "Vocabulary".
"""

from liveaudit.publish.report.build import build_report

__all__ = ["build_report"]
