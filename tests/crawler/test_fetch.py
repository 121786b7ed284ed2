"""An overall deadline for every fetch (issue 24): a server that trickles one byte at a time
cannot hold a fetch past its timeout, in the crawl or in `fetch()` (the one-URL fetch for
`liveaudit extract URL`)."""

from __future__ import annotations

import pytest

from tests.crawler.conftest import liveaudit, store_rows, write_sources


def test_fetch_crawl_records_a_trickling_page_as_a_timeout(hostile, tmp_path):
    site = hostile()
    sources = write_sources(tmp_path / "s.yaml", ["/trickle.html", "/good/1.html"], depth=0)
    db = tmp_path / "s.db"
    result = liveaudit("crawl", "--sources", str(sources), "--base-url", site.url, "--db", str(db))
    assert result.returncode == 0, result.stderr
    [row] = [f for f in store_rows(db, "fetches") if f["url"].endswith("/trickle.html")]
    assert row["outcome"] == "error" and "timed out" in row["reason"]


def test_fetch_trickling_server_is_cut_at_the_overall_deadline(hostile):
    from liveaudit.crawler.fetching import fetch
    from liveaudit.errors import InputError

    site = hostile()
    with pytest.raises(InputError) as info:
        fetch(site.url + "/trickle.html", timeout=1.0, max_bytes=10**6, user_agent="liveaudit-test")
    assert info.value.code == "E602" and "1 s" in str(info.value) and "trickle" in str(info.value)


def test_fetch_reads_a_page_and_refuses_one_over_the_size_limit(hostile):
    from liveaudit.crawler.fetching import fetch
    from liveaudit.errors import InputError

    site = hostile()
    body, content_type = fetch(site.url + "/good/1.html", timeout=5.0, max_bytes=10**6, user_agent="t")
    assert b"Page /good/1.html" in body and content_type.startswith("text/html")
    with pytest.raises(InputError) as info:
        fetch(site.url + "/good/1.html", timeout=5.0, max_bytes=50, user_agent="t")
    assert info.value.code == "E603"
