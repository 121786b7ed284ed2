"""The classify stage on a real SQLite store: append-only rows per model version, the eval report."""

from __future__ import annotations

import datetime as dt

from liveaudit.classifier import classify, evaluate_into_store
from liveaudit.classifier.kind import TextcatKind
from liveaudit.classifier.pipeline import Classifier, models_dir

TEXT = "# Self Forcing\n\nSelf Forcing streams video at 17 fps on a single H100.\n\nJoin our live demo.\n"


def _documents(store, meta=None, text=TEXT, url="https://github.com/guandeh17/Self-Forcing"):
    with store.run("crawl", {}) as run:
        store.insert(
            "documents",
            [
                {
                    "doc_key": url,
                    "version": 1,
                    "url": url,
                    "fetched_at": dt.datetime.now(dt.UTC),
                    "content_sha256": "0" * 64,
                    "title": "Self-Forcing",
                    "text": text,
                    "extract_status": "extracted",
                    "meta": meta or {},
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


def test_stage_classify_reads_someone_elses_post_as_no_claim_unless_declared_the_vendors(store, classifier):
    _documents(store, url="https://news.example.org/self-forcing-hands-on")  # an outsider's post
    assert classify(store, classifier)["claims"] == 0
    (outcome,) = store.rows("classify_outcomes")
    assert outcome["status"] == "done" and "someone else's account" in outcome["notes"][0]


def test_stage_classify_keeps_the_claims_of_a_page_declared_the_vendors(store, classifier):
    _documents(store, {"kind": "vendor_page"}, url="https://news.example.org/self-forcing-hands-on")
    assert classify(store, classifier)["claims"] == 1


def test_stage_classify_reads_no_claim_from_a_listing_page(store, classifier):
    _documents(store, {"kind": "index"})  # a section index listing links: navigation, not a claim page
    summary = classify(store, classifier)
    assert summary["classified"] == 1 and store.count("claims") == 0
    assert classify(store, classifier)["classified"] == 0  # settled: not read again


def test_stage_classify_a_claim_naming_no_system_takes_the_one_its_page_is_about(store, classifier):
    text = "# Krea\n\nOur 14-billion-parameter model produces video at 11 fps on a B200 in real time.\n"
    _documents(store, {"systems": ["Krea Realtime"]}, text)
    classify(store, classifier)
    (row,) = store.rows("claims")
    assert row["system"] == "Krea Realtime" and row["figures"]["fps"] == 11


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


def test_stage_classify_over_budget_document_is_recorded_retried_once_then_skipped(store, classifier, monkeypatch):
    _documents(store)
    with store.run("crawl", {}) as run:  # a stored page over 1,000,000 characters (spaCy's max_length)
        store.insert(
            "documents",
            [
                {
                    "doc_key": "https://example.com/huge",
                    "version": 1,
                    "url": "https://example.com/huge",
                    "fetched_at": dt.datetime.now(dt.UTC),
                    "content_sha256": "1" * 64,
                    "title": "Huge",
                    "text": "word " * 210_000 + "\n\nHuge streams at 30 fps.",
                    "extract_status": "extracted",
                    "meta": {},
                }
            ],
            run,
        )
    monkeypatch.setenv("LIVEAUDIT_CLASSIFY_DOCUMENT_BUDGET_S", "1e-9")  # every document is over budget
    first = classify(store, classifier)
    assert first["classified"] == 2 and len(first["errors"]) == 2 and store.count("claims") == 0
    assert all(e.startswith("error[E605]") for e in first["errors"].values())
    second = classify(store, classifier)  # retried once with this model version
    assert second["classified"] == 2 and len(second["errors"]) == 2
    monkeypatch.setenv("LIVEAUDIT_CLASSIFY_DOCUMENT_BUDGET_S", "60")
    third = classify(store, classifier)  # then skipped, its error shown
    assert third["classified"] == 0 and len(third["skipped_failed"]) == 2
    outcomes = store.rows("classify_outcomes")
    assert [o["status"] for o in outcomes] == ["error"] * 4


def test_stage_classify_huge_document_is_read_with_its_cuts_recorded(store, classifier, monkeypatch):
    _documents(store)
    with store.run("crawl", {}) as run:
        store.insert(
            "documents",
            [
                {
                    "doc_key": "https://example.com/huge",
                    "version": 1,
                    "url": "https://example.com/huge",
                    "fetched_at": dt.datetime.now(dt.UTC),
                    "content_sha256": "1" * 64,
                    "title": "Huge",
                    "text": "Self Forcing streams video at 17 fps on a single H100.\n\n" + "word " * 210_000,
                    "extract_status": "extracted",
                    "meta": {"kind": "vendor_page"},  # the vendor's page: whose account is not judged
                }
            ],
            run,
        )
    monkeypatch.setenv("LIVEAUDIT_CLASSIFY_MAX_CHARS", "300000")
    summary = classify(store, classifier)
    assert summary["classified"] == 2 and not summary["errors"] and summary["cut"] == 1
    assert store.count("claims") == 2  # the claim of each page, the huge one's included
    cut = [o for o in store.rows("classify_outcomes") if o["status"] == "cut"]
    assert len(cut) == 1 and any("truncated at 300,000 characters" in n for n in cut[0]["notes"])


def test_stage_classify_cli_shows_the_error_of_a_document_over_budget(store, db_path, monkeypatch, capsys):
    from liveaudit.cli import main

    _documents(store)
    monkeypatch.setenv("LIVEAUDIT_CLASSIFY_DOCUMENT_BUDGET_S", "1e-9")
    main(["classify", "--db", db_path])
    out = " ".join(capsys.readouterr().out.split())
    assert "error[E605]" in out and "tried again by the next run" in out
