"""The classify stage of `liveaudit demo`: tag what the crawl stored."""

from __future__ import annotations

from liveaudit.classifier.stage import classify


def demo_stage(store, ctx) -> dict:
    """Classify every current document of the demo's store; the summary counts."""
    summary = classify(store)
    return {k: summary[k] for k in ("model_version", "documents", "classified", "claims", "kinds")}
