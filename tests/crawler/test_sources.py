"""The sources file: the shipped lists validate; every bad entry is reported with E501."""

from __future__ import annotations

import pytest

from liveaudit.config import data_dir
from liveaudit.crawler.sources import KINDS, load_sources, parse_sources
from liveaudit.errors import ConfigError, InputError


def test_sources_shipped_list_has_forty_real_sources_of_the_promised_kinds():
    sources = load_sources(data_dir() / "sources.yaml")
    assert len(sources) >= 40
    kinds = {s.kind for s in sources}
    assert {"vendor_page", "paper_abstract", "repository_readme", "model_card", "feed"} <= kinds
    assert all(u.startswith("https://") for s in sources for u in s.start_urls)
    assert any("arxiv.org/abs/" in u for s in sources for u in s.start_urls)


def test_sources_fixture_list_resolves_against_the_base_url():
    sources = load_sources(data_dir() / "sources.fixture.yaml", base_url="http://127.0.0.1:9999")
    assert all(u.startswith("http://127.0.0.1:9999/") for s in sources for u in s.start_urls)
    assert all(s.allowed_domains == ["127.0.0.1"] for s in sources)


def test_sources_any_file_in_the_documented_format_works(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "sources:\n  - id: my.blog\n    kind: blog\n    start_urls: [https://blog.example.org/]\n"
        "    follow: ['/20\\d\\d/']\n    deny: ['/tag/']\n    depth: 2\n    systems: [LTX-Video]\n",
        encoding="utf-8",
    )
    [source] = load_sources(path)
    assert source.allowed_domains == ["blog.example.org"]
    assert source.allows("https://blog.example.org/2025/live.html")
    assert source.allows("https://www.blog.example.org/2024/x")
    assert not source.allows("https://blog.example.org/tag/2025/x")
    assert not source.allows("https://blog.example.org/about")
    assert not source.allows("https://elsewhere.org/2025/x")


def test_sources_every_bad_entry_is_reported_at_once_with_e501(tmp_path):
    data = {
        "sources": [
            {"id": "ok", "kind": "blog", "start_urls": ["https://a.org/"]},
            {"id": "Bad Id", "kind": "tweet", "start_urls": ["ftp://a.org/"]},
            {"id": "ok", "kind": "blog", "start_urls": ["https://b.org/"]},
            {"id": "regex", "kind": "news", "start_urls": ["https://c.org/"], "follow": ["(unclosed"], "depth": 99},
            "not a mapping",
            {"id": "extra", "kind": "news", "start_urls": ["https://d.org/"], "colour": "red"},
        ]
    }
    with pytest.raises(ConfigError) as err:
        parse_sources(data, "x.yaml")
    message = str(err.value)
    assert err.value.code == "E501"
    for fragment in (
        "source #2 (Bad Id): id",
        "source #2 (Bad Id): kind",
        "source #2 (Bad Id): start_urls",
        "source #3 (ok): id 'ok' is already used by source #1",
        "source #4 (regex): follow",
        "source #4 (regex): depth",
        "source #5: must be a mapping",
        "source #6 (extra): colour",
    ):
        assert fragment in message, fragment


@pytest.mark.parametrize(
    "text", ["sources: 3", "- a\n- b", "pages: []", "sources: []", "base_url: ftp://x\nsources: []", "sources: [\n"]
)
def test_sources_malformed_files_raise_e501(tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_sources(path)
    assert err.value.code == "E501"


def test_sources_missing_file_raises_e202(tmp_path):
    with pytest.raises(InputError) as err:
        load_sources(tmp_path / "nope.yaml")
    assert err.value.code == "E202"


def test_sources_kinds_are_the_documented_ones():
    assert KINDS == (
        "vendor_page",
        "blog",
        "paper_abstract",
        "repository_readme",
        "model_card",
        "news",
        "feed",
        "sitemap",
        "issue_thread",
        "third_party",
        "benchmark",
    )
