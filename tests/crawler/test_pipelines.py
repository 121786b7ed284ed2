"""Bytes a backend cannot store (NUL in text, on PostgreSQL) are handled before the write, on
both backends alike, and the crawl goes on (issue 24)."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.crawler.conftest import crawl_env, liveaudit, write_sources


def test_pipelines_storable_drops_nul_and_lone_surrogates_everywhere():
    from liveaudit.crawler.pipelines import storable

    value = {"a\x00": ["x\x00y", "\ud800z"], "n": 1, "t": ("q\x00",)}
    assert storable(value) == {"a": ["xy", "\ufffdz"], "n": 1, "t": ["q"]}


def test_pipelines_nul_byte_page_is_stored_and_the_crawl_goes_on(hostile, store_db, tmp_path):
    from liveaudit.store import Store

    site = hostile()
    sources = write_sources(tmp_path / "s.yaml", ["/nul.txt", "/good/1.html", "/good/2.html"], depth=0)
    env = crawl_env(LIVEAUDIT_CRAWL_WARC_DIR=str(tmp_path / "warc"))
    result = liveaudit("crawl", "--sources", str(sources), "--base-url", site.url, "--db", store_db, env=env)
    assert result.returncode == 0, result.stderr
    store = Store.open(store_db)
    try:
        docs = {urlsplit(d["url"]).path: d for d in store.rows("documents")}
        [run] = store.rows("runs")
    finally:
        store.close()
    assert sorted(docs) == ["/good/1.html", "/good/2.html", "/nul.txt"]
    text = docs["/nul.txt"]["text"]
    assert "\x00" not in text and "30 fps." in text and "The NUL byte" in text
    assert run["status"] == "finished"


def test_pipelines_link_wider_than_the_url_column_is_recorded_and_the_crawl_goes_on(hostile, store_db, tmp_path):
    from liveaudit.store import Store

    site = hostile()
    sources = write_sources(tmp_path / "s.yaml", ["/"], depth=1)
    env = crawl_env(LIVEAUDIT_CRAWL_WARC_DIR=str(tmp_path / "warc"))
    result = liveaudit("crawl", "--sources", str(sources), "--base-url", site.url, "--db", store_db, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    store = Store.open(store_db)
    try:
        fetches = store.rows("fetches")
        stored = {urlsplit(d["url"]).path for d in store.rows("documents")}
        [run] = store.rows("runs")
    finally:
        store.close()
    [long] = [f for f in fetches if "/long/" in f["url"]]
    assert long["outcome"] == "error" and "longer than 2048" in long["reason"] and len(long["url"]) == 2048
    assert {"/good/2.html", "/good/3.html"} <= stored and run["status"] == "finished"
