"""Politeness settings: what the crawl hands Scrapy, and the per-domain delay on a real crawl."""

from __future__ import annotations

from liveaudit import config
from liveaudit.crawler.settings import scrapy_settings
from tests.crawler.conftest import crawl_env, liveaudit
from tests.crawler.site import MANY_SOURCES


def test_settings_politeness_defaults_reach_scrapy():
    values = config.load_settings(env={})
    s = scrapy_settings(values)
    assert s.getbool("ROBOTSTXT_OBEY") and s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == values["CRAWL_CONCURRENCY_PER_DOMAIN"] == 2
    assert s.getint("DOWNLOAD_MAXSIZE") == values["CRAWL_DOWNLOAD_MAXSIZE"]
    assert s.getfloat("DOWNLOAD_TIMEOUT") == values["CRAWL_DOWNLOAD_TIMEOUT"]
    assert values["CRAWL_CONTACT_URL"] in s["USER_AGENT"] and s["USER_AGENT"].startswith("liveaudit/")
    assert sorted(map(int, s.getlist("RETRY_HTTP_CODES"))) == [500, 502, 503, 504]
    assert all("Timeout" in e or "TimedOut" in e for e in s.getlist("RETRY_EXCEPTIONS"))
    assert "liveaudit.crawler.middlewares.BackoffRetryMiddleware" in s.getdict("DOWNLOADER_MIDDLEWARES")


def test_settings_environment_overrides_reach_scrapy():
    values = config.load_settings(
        env={
            "LIVEAUDIT_CRAWL_AUTOTHROTTLE": "false",
            "LIVEAUDIT_CRAWL_CONCURRENCY_PER_DOMAIN": "5",
            "LIVEAUDIT_CRAWL_CONTACT_URL": "https://example.net/me",
        }
    )
    s = scrapy_settings(values)
    assert not s.getbool("AUTOTHROTTLE_ENABLED") and s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 5
    assert "https://example.net/me" in s["USER_AGENT"]


def test_settings_download_delay_spaces_requests_to_one_domain(site, tmp_path):
    sources = tmp_path / "many.yaml"
    sources.write_text(MANY_SOURCES, encoding="utf-8")
    site.reset()
    env = crawl_env(
        LIVEAUDIT_CRAWL_AUTOTHROTTLE="false",
        LIVEAUDIT_CRAWL_DOWNLOAD_DELAY="0.25",
        LIVEAUDIT_CRAWL_CONCURRENCY_PER_DOMAIN="4",
    )
    result = liveaudit(
        "crawl",
        "--sources",
        str(sources),
        "--base-url",
        site.url,
        "--db",
        str(tmp_path / "s.db"),
        "--max-pages",
        "6",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    starts = sorted(e["start"] for e in site.log if e["path"].startswith("/many/"))
    assert len(starts) == 6
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 0.2  # one request per delay, whatever the concurrency


def test_settings_crawl_ranges_refuse_zero_negative_and_infinite_values():
    import pytest

    from liveaudit.errors import ConfigError

    bad = {
        "CRAWL_CONCURRENCY_PER_DOMAIN": ["0", "-3"],
        "CRAWL_DOWNLOAD_DELAY": ["inf", "nan", "-1"],
        "CRAWL_DOWNLOAD_TIMEOUT": ["0"],
        "CRAWL_DOWNLOAD_MAXSIZE": ["0"],
        "CRAWL_RETRY_TIMES": ["-1"],
        "CRAWL_AUTOTHROTTLE_START_DELAY": ["inf"],
        "CRAWL_WORKER_HEARTBEAT_TTL": ["0"],
    }
    for name, values in bad.items():
        for value in values:
            with pytest.raises(ConfigError) as info:
                config.load_settings(env={f"LIVEAUDIT_{name}": value})
            assert info.value.code == "E002" and name in str(info.value), (name, value)
    assert config.load_settings(env={"LIVEAUDIT_CRAWL_DOWNLOAD_DELAY": "0.5"})["CRAWL_DOWNLOAD_DELAY"] == 0.5


def test_settings_crawl_with_zero_concurrency_or_infinite_delay_exits_with_e002(site, tmp_path):
    sources = tmp_path / "many.yaml"
    sources.write_text(MANY_SOURCES, encoding="utf-8")
    for name, value in (("CRAWL_CONCURRENCY_PER_DOMAIN", "0"), ("CRAWL_DOWNLOAD_DELAY", "inf")):
        env = crawl_env(**{f"LIVEAUDIT_{name}": value})
        result = liveaudit(
            "crawl",
            "--sources",
            str(sources),
            "--base-url",
            site.url,
            "--db",
            str(tmp_path / "s.db"),
            env=env,
            timeout=60,
        )
        assert result.returncode == 2 and result.stderr.startswith("error[E002]") and name in result.stderr
