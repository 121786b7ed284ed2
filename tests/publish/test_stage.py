"""The export and report steps (publish/stage.py), run through the registry on the seeded store."""

from __future__ import annotations

from pathlib import Path

from liveaudit.records import StageSettings
from liveaudit.stages import get_stage


def test_stage_export_and_report_write_every_format_and_the_report(seeded_store, tmp_path):
    settings = StageSettings(values={}, workdir=tmp_path)
    summary = get_stage("export").run(seeded_store, settings, print).figures
    claims = seeded_store.count("current_claims")
    assert summary["csv"] == summary["parquet"] == summary["jsonl"] == summary["croissant"] == claims
    assert summary["claimreview"] == seeded_store.count("current_verdicts")
    for name in (
        "claims.csv",
        "claims.parquet",
        "claims.jsonl",
        "claimreview.jsonl",
        "croissant.json",
        "DATASET_CARD.md",
        "data_dictionary.csv",
    ):
        assert (tmp_path / "export" / name).is_file()
    report = get_stage("report").run(seeded_store, settings, print).figures
    assert report["claims"] == claims and Path(report["html"]).is_file() and Path(report["pdf"]).is_file()
