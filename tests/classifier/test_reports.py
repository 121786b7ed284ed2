"""The reports step on the fixture site (classifier/reports.py): evidence rows with provenance,
nothing of the vendor's stored as a report, and bad thread input handled."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from liveaudit.store import Store, schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def evidence_store(tmp_path_factory, classifier):
    from liveaudit.classifier.stage import classify
    from liveaudit.crawler.stage import run as crawl_step
    from liveaudit.fixture_site.server import FixtureServer
    from liveaudit.records import StageSettings

    work = tmp_path_factory.mktemp("evidence")
    store = Store.open(f"sqlite:///{work / 'store.db'}")
    with FixtureServer() as site:
        crawl_step(store, StageSettings({}, work, fixture_url=site.url), lambda message: None)
    summary = classify(store, classifier)
    yield store, summary
    store.close()


def _evidence(store: Store) -> list[dict]:
    return store.rows("current_evidence")


def _threads() -> dict:
    return yaml.safe_load((ROOT / "data" / "fixture_site" / "threads.yaml").read_text(encoding="utf-8"))


def test_reports_fixture_site_gives_25_reports_and_3_audited_results_from_10_systems(evidence_store):
    store, summary = evidence_store
    rows = _evidence(store)
    complete = [
        r
        for r in rows
        if r["kind"] == "report"
        and r["gpu"]
        and (r["fps"] or r["latency_s"])
        and r["author"]
        and r["warc_file"]
        and r["warc_record_id"]
        and r["warc_offset"] is not None
    ]
    audited = [r for r in rows if r["kind"] == "audited" and r["gpu"] and r["value"] and r["warc_record_id"]]
    assert len(complete) >= 25, len(complete)
    assert len(audited) >= 3 and {r["scenario"] for r in audited} == {"SingleStream", "Offline"}
    assert {r["submitter"] for r in audited} == {"NVIDIA", None}
    assert len({r["system"] for r in complete + audited}) >= 10
    assert summary["reports"]["reports"] == len([r for r in rows if r["kind"] == "report"])


def test_reports_no_report_is_the_vendors_and_no_vendor_claim_is_a_report(evidence_store):
    store, _ = evidence_store
    spec = _threads()
    vendors = {
        (t["source_url"], p["author"])
        for t in spec["threads"]
        if t["kind"] == "issue_thread"
        for p in t["posts"]
        if p.get("badge")
    }
    docs = {d["id"]: d for d in store.rows("current_documents")}
    for r in _evidence(store):
        assert r["author_is_vendor"] is False
        assert (docs[r["document_id"]]["meta"]["source_url"], r["author"]) not in vendors, r["sentence"]
    maintainer_claims = [c["text"] for t in spec["threads"] for c in t.get("claims", [])]
    reports = {r["sentence"] for r in _evidence(store)}
    stored_claims = {c["sentence"] for c in store.rows("current_claims")}
    for text in maintainer_claims:
        assert text not in reports
        assert text in stored_claims, text


def test_reports_user_sentences_of_threads_are_not_stored_as_claims(evidence_store):
    store, _ = evidence_store
    claims = {c["sentence"] for c in store.rows("current_claims")}
    assert "We are trying to reproduce the results but only reach about 2.5 FPS on an A100." not in claims
    assert not any("RTX 5090 with fp8: OOM" in c for c in claims)


def test_reports_known_thread_figures_are_read(evidence_store):
    store, _ = evidence_store
    rows = _evidence(store)
    by = {(r["author"], r["fps"], r["gpu"]) for r in rows}
    assert ("jostelzer", 2.5, "A100 80GB") in by  # RollingForcing #3
    assert ("yondonfu", 3.6, "H100 SXM") in by  # scope PR #55
    assert ("stayinalive181", 18.6, "H100 SXM") in by  # LongLive #103
    lrj = next(r for r in rows if r["author"] == "lrj16")
    assert lrj["fps"] == 1.2 and lrj["frames"] == 240  # LongLive #28: not the paper's 20.7
    assert any(r["outcome"] == "oom" and r["gpu"] == "RTX 5090" for r in rows)
    assert any(r["author"] == "XmYx" for r in rows)  # on page 2 of a paginated thread


def test_reports_threads_without_measurements_give_none(evidence_store):
    store, _ = evidence_store
    docs = {d["id"]: d["url"] for d in store.rows("current_documents")}
    urls = {docs[r["document_id"]] for r in _evidence(store)}
    for slug in (
        "magi-1-speed-question",
        "self-forcing-fps-metric",
        "self-forcing-sliding-window",
        "matrix-game-hardware",
    ):
        assert not any(u.endswith(f"/threads/{slug}.html") for u in urls), slug


def test_reports_bad_thread_documents_give_a_clear_result(store):
    from liveaudit.classifier.reports import read_reports, thread_rows
    from liveaudit.store.runs import utcnow

    big = {"posts": [{"index": i, "author": f"u{i}", "text": "+1", "maintainer": False} for i in range(10_000)]}
    assert thread_rows(big, ["LongLive"], "issue_thread", {}, 2000) == ([], [])
    log_only = {"posts": [{"index": 0, "author": None, "deleted": True, "text": "```\nstep 1/40 12.5 s/it\n```"}]}
    assert thread_rows(log_only, ["LongLive"], "issue_thread", {}, 2000) == ([], [])
    with store.run("test") as run:
        store.insert(
            "documents",
            [
                {
                    "doc_key": "http://x/not-a-thread",
                    "version": 1,
                    "url": "http://x/not-a-thread",
                    "content_sha256": "0" * 64,
                    "extract_status": "extracted",
                    "text": "A product page.",
                    "fetched_at": utcnow(),
                    "meta": {"kind": "issue_thread", "systems": ["LongLive"], "thread": None},
                }
            ],
            run,
        )
    summary = read_reports(store)
    assert summary["not_threads"] == 1 and summary["reports"] == 0
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.evidence)).scalar() == 0


def test_reports_registry_vendor_account_speaks_for_the_system_anywhere(tmp_path):
    from liveaudit.classifier.reports import thread_rows, vendor_accounts

    (tmp_path / "x.yaml").write_text(
        "name: LongLive\naccounts:\n  - {platform: github, handle: nv-dev, role: maintainer}\n"
    )
    (tmp_path / "broken.yaml").write_text("name: [unclosed\n")
    accounts = vendor_accounts(tmp_path)
    assert accounts == {"LongLive": {"nv-dev"}}
    thread = {
        "posts": [
            {"index": 0, "author": "nv-dev", "text": "On my H100 I get 20.7 fps.", "maintainer": False},
            {"index": 1, "author": "user1", "text": "On my H100 I get 3.9 fps.", "badge": "Member", "maintainer": True},
        ]
    }
    reports, claims = thread_rows(thread, ["LongLive"], "third_party", accounts, 100)
    assert [c["sentence"] for c in claims] == ["On my H100 I get 20.7 fps."]
    assert [(r["author"], r["fps"]) for r in reports] == [("user1", 3.9)]  # a badge on another project's tracker


def test_reports_a_follow_up_by_the_opener_takes_the_gpu_of_the_opening_post():
    from liveaudit.classifier.reports import thread_rows

    thread = {
        "posts": [
            {"index": 0, "author": "ana", "text": "I run LongLive on my RTX 4090 and it is slow. Any ideas?"},
            {"index": 1, "author": "bob", "text": "Did you try FA3?"},
            {"index": 2, "author": "ana", "text": "Tried it: I get 3 fps now."},
        ]
    }
    reports, _ = thread_rows(thread, ["LongLive"], "issue_thread", {}, 100)
    (row,) = [r for r in reports if r["fps"] == 3]
    assert row["gpu"] == "RTX 4090" and row["figures"]["gpu_from"] == "thread"


def test_reports_a_figure_its_author_takes_back_later_is_kept_and_marked_retracted():
    from liveaudit.classifier.reports import thread_rows

    thread = {
        "posts": [
            {"index": 0, "author": "ana", "text": "On an A100 I'm seeing around 1.5 FPS with the default settings."},
            {"index": 1, "author": "bob", "text": "On my H100 I get 3.9 fps."},
            {
                "index": 2,
                "author": "ana",
                "text": "Correction: I divided by the wrong frame count, so my number was wrong.",
            },
        ]
    }
    reports, _ = thread_rows(thread, ["LongLive"], "issue_thread", {}, 100)
    by_author = {r["author"]: r for r in reports}
    assert by_author["ana"]["outcome"] == "retracted" and by_author["ana"]["figures"]["retracted_in_post"] == 2
    assert by_author["bob"]["outcome"] is None  # someone else's correction never touches bob's figure


def test_reports_a_run_its_author_calls_slower_than_usual_is_marked_anomalous():
    from liveaudit.classifier.reports import thread_rows

    thread = {
        "posts": [
            {
                "index": 0,
                "author": "ana",
                "text": "On my RTX 4090 a 10-second video took more than an hour, much slower than my earlier runs.",
            },
            {"index": 1, "author": "bob", "text": "On my RTX 4090 a 5 second video takes about 400 seconds."},
            {"index": 2, "author": "cy", "text": "My A100 is slower than a 4090 here: 630 seconds for 5 seconds."},
        ]
    }
    reports, _ = thread_rows(thread, ["FramePack"], "issue_thread", {}, 100)
    by_author = {r["author"]: r for r in reports}
    assert by_author["ana"]["outcome"] == "anomalous" and by_author["ana"]["latency_s"] == 3600
    assert by_author["bob"]["outcome"] is None
    assert by_author["cy"]["outcome"] is None  # slower than another GPU is a comparison, not a fault


def test_reports_a_frame_count_over_a_step_time_is_not_a_frame_rate():
    from liveaudit.classifier.report_notes import derived_fps
    from liveaudit.classifier.role import figures_of

    assert derived_fps(65, {"latency_s": 11.14, "latency_type": "per_step"}) is None
    assert derived_fps(161, {"latency_s": 27.0, "latency_type": "end_to_end"}) == 5.963
    assert derived_fps(121, {"latency_s": 9000.0, "latency_type": None}) == 0.013
    assert derived_fps(121, {"fps": 3.0, "latency_s": 9.0}) is None  # a stated rate wins
    f = figures_of("With xDiT on four H800 GPUs the same 161 frames take 14 seconds.")
    assert (f.gpu, f.gpu_count) == ("H800", 4)
