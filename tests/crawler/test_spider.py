"""Crawl faults stay per request: an invalid URL, as a start URL or as a link, is recorded as
that URL's error and the crawl goes on (issue 24; served by tests/crawler/hostile.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.crawler.conftest import liveaudit, store_rows, write_sources
from tests.crawler.hostile import BAD_PORT, LONG_LINK

BAD_START = "http://127.0.0.1:99999/start.html"


def test_spider_bad_port_start_url_and_link_are_recorded_and_the_crawl_goes_on(hostile, tmp_path):
    site = hostile()
    sources = write_sources(tmp_path / "s.yaml", ["/", BAD_START, "/good/4.html", "/good/5.html"])
    db = tmp_path / "s.db"
    result = liveaudit("crawl", "--sources", str(sources), "--base-url", site.url, "--db", str(db))
    assert result.returncode == 0, result.stderr
    fetches = {f["url"]: f for f in store_rows(db, "fetches")}
    for bad in (BAD_START, BAD_PORT):
        assert fetches[bad]["outcome"] == "error" and "invalid URL" in fetches[bad]["reason"], fetches[bad]
    [long] = [f for u, f in fetches.items() if "/long/" in u]
    assert long["outcome"] == "error" and "longer than 2048" in long["reason"] and LONG_LINK not in site.paths()
    stored = {urlsplit(d["url"]).path for d in store_rows(db, "documents")}
    # the start URLs after the bad one, and the links after the bad link, are all fetched
    assert {"/", "/good/1.html", "/good/2.html", "/good/3.html", "/good/4.html", "/good/5.html"} <= stored
    [run] = store_rows(db, "runs")
    assert run["status"] == "finished" and run["summary"]["issues"].get("invalid_url") == 3


def test_spider_bad_port_start_url_in_a_capped_crawl_then_resume_finishes_it(hostile, tmp_path):
    site = hostile()
    sources = write_sources(tmp_path / "s.yaml", [BAD_START, "/good/4.html", "/good/5.html", "/good/6.html"], depth=0)
    db = tmp_path / "s.db"
    args = ["--sources", str(sources), "--base-url", site.url, "--db", str(db)]
    first = liveaudit("crawl", *args, "--max-pages", "2")
    assert first.returncode == 0 and "--resume" in first.stdout, first.stderr
    second = liveaudit("crawl", *args, "--resume")
    assert second.returncode == 0, second.stderr
    urls = [f["url"] for f in store_rows(db, "fetches")]
    assert urls.count(BAD_START) == 1 and len(urls) == len(set(urls)) == 4
    [bad] = [f for f in store_rows(db, "fetches") if f["url"] == BAD_START]
    assert bad["outcome"] == "error" and "invalid URL" in bad["reason"]
    assert {urlsplit(d["url"]).path for d in store_rows(db, "documents")} == {
        "/good/4.html",
        "/good/5.html",
        "/good/6.html",
    }
    assert [r["status"] for r in store_rows(db, "runs")] == ["finished", "finished"]
