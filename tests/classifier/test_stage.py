"""The classify stage on a real SQLite store: append-only rows per model version, the eval report."""

from __future__ import annotations

import datetime as dt

from liveaudit.classifier import classify, evaluate_into_store
from liveaudit.classifier.kind import TextcatKind
from liveaudit.classifier.pipeline import Classifier, models_dir

TEXT = "# Self Forcing\n\nSelf Forcing streams video at 17 fps on a single H100.\n\nJoin our live demo.\n"


def _documents(store):
    with store.run("crawl", {}) as run:
        store.insert(
            "documents",
            [
                {
                    "doc_key": "https://github.com/guandeh17/Self-Forcing",
                    "version": 1,
                    "url": "https://github.com/guandeh17/Self-Forcing",
                    "fetched_at": dt.datetime.now(dt.UTC),
                    "content_sha256": "0" * 64,
                    "title": "Self-Forcing",
                    "text": TEXT,
                    "extract_status": "extracted",
                    "meta": {},
                }
            ],
            run,
        )


def test_stage_classify_appends_rows_per_model_version(store, classifier):
    _documents(store)
    summary = classify(store, classifier)
    rows = store.rows("claims")
    assert summary["claims"] == len(rows) == 1
    row = rows[0]
    assert (
        row["kind"] == "quantified" and row["system"] == "Self-Forcing" and row["model_version"] == classifier.version
    )
    assert row["figures"]["fps"] == 17 and row["figures"]["gpu"] == "H100 SXM" and row["specificity"]["hardware"]
    assert classify(store, classifier)["classified"] == 0  # same version: nothing added
    assert store.count("claims") == 1
    other = Classifier(kind_model=TextcatKind.load(models_dir() / "kind-textcat"))
    assert classify(store, other)["classified"] == 1
    versions = [r["model_version"] for r in store.rows("claims")]
    assert versions == [classifier.version, other.version]
    assert [r["model_version"] for r in store.rows("current_claims")] == [other.version]


def test_stage_evaluate_stores_the_report_on_the_run(store):
    report = evaluate_into_store(store)
    run = store.rows("runs")[-1]
    assert run["command"] == "classify --evaluate" and run["status"] == "finished"
    assert run["summary"]["kind"]["macro_f1"] == report["kind"]["macro_f1"]
    assert set(report["models"]) == {"textcat", "lr-minilm", "cascade"}
    assert (
        report["gate"]["labelled_claims"] > 300
        and report["gate"]["claims_dropped"] <= 0.02 * report["gate"]["labelled_claims"]
    )
    assert set(report["figures"]) >= {"fps", "latency_s", "gpu", "gpu_count", "steps", "hedge"}
