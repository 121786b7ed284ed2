"""The export and report stages of `liveaudit demo`, run on the seeded store."""

from __future__ import annotations

from pathlib import Path

from liveaudit.publish.export.demo import demo_stage as export_stage
from liveaudit.pipeline import DemoContext
from liveaudit.publish.report.demo import demo_stage as report_stage


def test_demo_stages_write_every_format_and_the_report(seeded_store, tmp_path):
    ctx = DemoContext(fixture_url="http://127.0.0.1:1", workdir=tmp_path)
    summary = export_stage(seeded_store, ctx)
    claims = seeded_store.count("current_claims")
    assert summary["csv"] == summary["parquet"] == summary["jsonl"] == summary["croissant"] == claims
    assert summary["claimreview"] == seeded_store.count("current_verdicts")
    for name in ("claims.csv", "claims.parquet", "claims.jsonl", "claimreview.jsonl", "croissant.json",
                 "DATASET_CARD.md", "data_dictionary.csv"):
        assert (tmp_path / "export" / name).is_file()
    report = report_stage(seeded_store, ctx)
    assert report["claims"] == claims and Path(report["html"]).is_file() and Path(report["pdf"]).is_file()
