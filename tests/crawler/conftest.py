"""Crawler test fixtures: the hostile test site, and crawls run as `python -m liveaudit crawl`
subprocesses (Twisted's reactor starts once per process, so each crawl gets its own)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.crawler.site import SOURCES, Site

# Fast but still real politeness: AutoThrottle on with a short first delay, 2 per domain,
# 1 s timeouts (the slow page takes 3 s), 0.3 s first retry backoff, 100 kB size limit.
TEST_SETTINGS = {
    "LIVEAUDIT_CRAWL_AUTOTHROTTLE_START_DELAY": "0.1",
    "LIVEAUDIT_CRAWL_CONCURRENCY_PER_DOMAIN": "2",
    "LIVEAUDIT_CRAWL_CONTACT_URL": "https://example.org/liveaudit-tests",
    "LIVEAUDIT_CRAWL_DOWNLOAD_MAXSIZE": "100000",
    "LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOUT": "1",
    "LIVEAUDIT_CRAWL_RETRY_BACKOFF": "0.3",
}


def crawl_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    env["LIVEAUDIT_SETTINGS"] = os.devnull
    return {**env, **TEST_SETTINGS, **extra}


def liveaudit(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real command line in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "liveaudit", *args],
        env=env or crawl_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def site():
    s = Site(slow_seconds=3.0).start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def crawled(site, tmp_path_factory):
    """One crawl of edition 1 of the test site: (db path, the site's request log, the CLI result)."""
    work = tmp_path_factory.mktemp("crawl")
    sources = work / "sources.yaml"
    sources.write_text(SOURCES, encoding="utf-8")
    db = work / "store.db"
    site.reset()
    site.edition = 1
    result = liveaudit("crawl", "--sources", str(sources), "--base-url", site.url, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return {
        "db": db,
        "log": list(site.log),
        "result": result,
        "sources": sources,
        "work": work,
        "max_in_flight": site.max_in_flight,
    }


def store_rows(db: Path, name: str) -> list[dict]:
    from liveaudit.store import Store

    store = Store.open(str(db))
    try:
        return store.rows(name)
    finally:
        store.close()


@pytest.fixture
def hostile():
    """Start hostile sites (tests/crawler/hostile.py) for one test: `hostile(robots="503")`."""
    from tests.crawler.hostile import HostileSite

    started = []

    def start(robots: str = "rules") -> HostileSite:
        s = HostileSite(robots=robots).start()
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def write_sources(path: Path, start_urls: list[str], depth: int = 1) -> Path:
    """A one-source sources file (`id: hostile`) with these start URLs (relative to --base-url)."""
    path.write_text(
        "sources:\n  - id: hostile\n    kind: vendor_page\n    start_urls: ["
        + ", ".join(start_urls)
        + f"]\n    depth: {depth}\n",
        encoding="utf-8",
    )
    return path
