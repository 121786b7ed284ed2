"""The report stage of `liveaudit demo`: report.html and report.pdf from the demo store into <workdir>/report."""

from __future__ import annotations

from liveaudit.publish.report.build import build_report
from liveaudit.store import Store


def demo_stage(store: Store, ctx) -> dict:
    result = build_report(store, ctx.workdir / "report")
    return {"claims": result["headline"]["claims"], "judged": result["headline"]["judged"], "html": result["html"],
            "pdf": result["pdf"], "pdf_engine": result["pdf_engine"]}
