"""The classify stage of `liveaudit demo`: tag what the crawl stored."""

from __future__ import annotations

from liveaudit.classifier.stage import classify


def demo_stage(store, ctx) -> dict:
    """Classify every current document of the demo's store; the summary counts."""
    summary = classify(store)
    out = {k: summary[k] for k in ("model_version", "documents", "classified", "claims", "kinds")}
    if summary.get("reports"):  # the reports step (reports.py): evidence read from threads and benchmark pages
        out |= {"reports": summary["reports"]["reports"], "audited": summary["reports"]["audited"]}
    return out
