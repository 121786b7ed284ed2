"""The issue's "done when" on the real fixture site: `liveaudit crawl --sources
data/sources.fixture.yaml` stores every allowed page once with a WARC pointer, never requests
the robots.txt-disallowed path, records every hostile page, and edition 2 adds new versions
only for the changed pages. Edition 1 is crawled by `liveaudit demo`'s crawl stage."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.crawler.conftest import crawl_env, liveaudit, store_rows

fixture_server = pytest.importorskip("liveaudit.fixture_site.server")

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources.fixture.yaml"
# The slow page answers in 0.6 s, which is over the 0.3 s "slow" mark but under the 1 s timeout.
ENV = crawl_env(LIVEAUDIT_CRAWL_SLOW_SECONDS="0.3")


def _manifest() -> dict:
    return yaml.safe_load((ROOT / "data" / "fixture_site" / "manifest.yaml").read_text(encoding="utf-8"))


def _path(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture(scope="module")
def fixture_crawl(tmp_path_factory):
    """Edition 1 through `liveaudit demo`'s crawl stage, then edition 2 through `liveaudit crawl`."""
    import os

    from liveaudit.crawler.stage import run as crawl_step
    from liveaudit.records import StageSettings
    from liveaudit.store import Store

    work = tmp_path_factory.mktemp("fixture")
    db = work / "store.db"
    store = Store.open(str(db))
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(ENV)  # the demo stage's child process reads the test settings from here
    try:
        with fixture_server.FixtureServer(slow_seconds=0.6) as site:
            summary = crawl_step(store, StageSettings({}, work, fixture_url=site.url), print).figures
            requests = list(site.requests)
            site.set_edition(2)
            second = liveaudit("crawl", "--sources", str(SOURCES), "--base-url", site.url, "--db", str(db), env=ENV)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        store.close()
    assert second.returncode == 0, second.stderr
    return {"db": db, "requests": requests, "demo": summary}


def test_fixture_site_every_allowed_page_stored_once_with_a_replayable_warc_pointer(fixture_crawl):
    from liveaudit.crawler import show_document

    db = fixture_crawl["db"]
    first_run = min(r["id"] for r in store_rows(db, "runs") if r["command"] == "crawl")
    docs = [d for d in store_rows(db, "documents") if d["run_id"] == first_run]
    stored = [_path(d["url"]) for d in docs]
    assert len(stored) == len(set(stored))
    expected = {p["path"] for p in _manifest()["pages"]} - {"/robots.txt"}
    assert expected <= set(stored), sorted(expected - set(stored))
    for doc in docs:
        shown = show_document(str(db), doc["id"])
        assert shown["status_line"].startswith("HTTP/1.1 200") and shown["warc_headers"]


def test_fixture_site_disallowed_path_never_requested(fixture_crawl):
    assert not [p for _, p in fixture_crawl["requests"] if p.startswith("/private/")]
    skipped = [f for f in store_rows(fixture_crawl["db"], "fetches") if f["outcome"] == "skipped"]
    assert any(_path(f["url"]).startswith("/private/") and "robots.txt" in f["reason"] for f in skipped)


def test_fixture_site_every_hostile_page_recorded_with_its_reason(fixture_crawl):
    db = fixture_crawl["db"]
    first_run = min(r["id"] for r in store_rows(db, "runs") if r["command"] == "crawl")
    fetches = {_path(f["url"]): f for f in store_rows(db, "fetches") if f["run_id"] == first_run}
    expected = {
        "/hostile/missing.html": "HTTP 404",
        "/hostile/gone": "HTTP 410",
        "/hostile/error-500": "HTTP 500",
        "/hostile/huge.html": "download size limit",
        "/hostile/loop-a": "redirect loop",
        "/hostile/wrong-charset.html": "bad encoding",
        "/hostile/slow.html": "slow response",
    }
    for path, reason in expected.items():
        assert reason in (fetches[path]["reason"] or ""), path
    docs = {_path(d["url"]): d for d in store_rows(db, "documents")}
    assert docs["/hostile/paper.pdf"]["extract_status"] == "not_extracted"
    assert _path(docs["/blog/self-forcing-explained.html"]["url"]) == "/blog/self-forcing-explained.html"
    assert fetches["/hostile/moved"]["outcome"] in ("new_version", "unchanged")  # the redirect is followed
    for path in ("/hostile/malformed.html", "/hostile/injection.html", "/hostile/no-charset.html"):
        assert docs[path]["extract_status"] == "extracted", path
    [run] = [r for r in store_rows(db, "runs") if r["id"] == first_run]
    assert {"http_4xx", "http_5xx", "too_large", "redirect_loop", "bad_encoding", "robots"} <= set(
        run["summary"]["issues"]
    )


def test_fixture_site_edition_2_adds_versions_only_for_changed_pages(fixture_crawl):
    manifest = _manifest()["edition2"]
    changed = {c["path"] for c in manifest["changed"]} | {a["path"] for a in manifest.get("added", [])}
    db = fixture_crawl["db"]
    second_run = max(r["id"] for r in store_rows(db, "runs") if r["command"] == "crawl")
    new = {_path(d["url"]) for d in store_rows(db, "documents") if d["run_id"] == second_run}
    assert new == changed
    for doc in store_rows(db, "documents"):
        if doc["run_id"] == second_run and doc["version"] == 2:
            assert doc["doc_key"] in {d["doc_key"] for d in store_rows(db, "documents") if d["version"] == 1}


def test_fixture_site_demo_stage_crawls_the_fixture_site(fixture_crawl):
    summary = fixture_crawl["demo"]
    assert summary["new_versions"] >= len(_manifest()["pages"]) - 1
    assert summary["errors"] >= 5 and "robots" in summary["problems"]
