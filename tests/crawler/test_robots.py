"""robots.txt per RFC 9309 (issue 24): a 5xx or an unreachable robots.txt means disallow all;
only the first 500 KiB are parsed, and the rules read there are kept."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.crawler.conftest import liveaudit, store_rows, write_sources
from tests.crawler.hostile import RULES, huge_robots


def _crawl(site, tmp_path, start: list[str]):
    sources = write_sources(tmp_path / "s.yaml", start)
    db = tmp_path / "s.db"
    result = liveaudit("crawl", "--sources", str(sources), "--base-url", site.url, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return {urlsplit(f["url"]).path: f for f in store_rows(db, "fetches")}


@pytest.mark.parametrize("kind", ["503", "timeout"])
def test_robots_server_error_or_timeout_disallows_the_whole_site(hostile, tmp_path, kind):
    site = hostile(robots=kind)
    fetches = _crawl(site, tmp_path, ["/good/1.html", "/good/2.html"])
    assert [p for p in site.paths() if p != "/robots.txt"] == []
    for path in ("/good/1.html", "/good/2.html"):
        assert fetches[path]["outcome"] == "skipped" and "robots.txt" in fetches[path]["reason"]


@pytest.mark.parametrize("kind", ["huge", "gzip"])
def test_robots_larger_than_the_download_limit_keeps_the_rules_of_its_first_500_kib(hostile, tmp_path, kind):
    site = hostile(robots=kind)
    fetches = _crawl(site, tmp_path, ["/"])
    assert "/private/x.html" not in site.paths()
    assert fetches["/private/x.html"]["outcome"] == "skipped"
    assert fetches["/late/x.html"]["outcome"] == "new_version"  # its rule lies past 500 KiB
    assert fetches["/good/3.html"]["outcome"] == "new_version"


def test_robots_parse_limit_cuts_at_a_line_end():
    from liveaudit.crawler.robots import PARSE_LIMIT, parse_limited

    body = huge_robots()
    kept = parse_limited(body)
    assert len(kept) <= PARSE_LIMIT == 500 * 1024 and kept.startswith(RULES) and kept.endswith(b"\n")
    assert b"/late/" not in kept
