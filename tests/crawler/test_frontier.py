"""Crash safety: real SIGKILLs of crawl subprocesses, then --resume; and --max-pages + --resume."""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from tests.crawler.conftest import crawl_env, liveaudit, store_rows
from tests.crawler.site import MANY_SOURCES

# Slow enough (0.05 s between requests, no AutoThrottle) that a kill lands mid-crawl.
SLOW = {"LIVEAUDIT_CRAWL_AUTOTHROTTLE": "false", "LIVEAUDIT_CRAWL_DOWNLOAD_DELAY": "0.05"}
FAST = {"LIVEAUDIT_CRAWL_AUTOTHROTTLE": "false"}


def _count(db: Path | str) -> int:
    """Documents committed so far (0 before the crawl created its tables), on either backend."""
    if str(db).startswith("postgresql"):
        import sqlalchemy as sa

        try:
            with _engine(str(db)).connect() as conn:
                return conn.execute(sa.text("select count(*) from documents")).scalar_one()
        except sa.exc.SQLAlchemyError:  # not created yet
            return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@functools.cache
def _engine(url: str):
    import sqlalchemy as sa

    return sa.create_engine(url, poolclass=sa.pool.NullPool)


def _crawl_until(args: list[str], db: Path | str, threshold: int, **env: str) -> None:
    """Start a crawl and SIGKILL it once `threshold` documents are committed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveaudit", "crawl", *args],
        env=crawl_env(**SLOW, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while _count(db) < threshold:
        assert proc.poll() is None, f"the crawl ended before the kill point: {proc.stderr.read().decode()[-500:]}"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _committed_paths(db: Path | str) -> set[str]:
    return {urlsplit(f["url"]).path for f in store_rows(db, "fetches")}


def _check_store_and_archive_agree(db: Path | str, pages: int, warc: Path | None = None) -> None:
    from liveaudit.crawler import show_document
    from liveaudit.crawler.warc import scan

    docs = store_rows(db, "documents")
    assert len(docs) == pages and len({d["doc_key"] for d in docs}) == pages
    assert all(d["version"] == 1 for d in docs)
    fetches = store_rows(db, "fetches")
    urls = [f["url"] for f in fetches if urlsplit(f["url"]).path.startswith("/many/")]
    assert len(urls) == len(set(urls)) == pages  # each page fetched-and-committed exactly once
    for doc in docs:
        shown = show_document(str(db), doc["id"])
        assert hashlib.sha256(shown["body"]).hexdigest() == doc["content_sha256"]
    row_ids = {f["warc_record_id"] for f in fetches if f["warc_record_id"]}
    archived = set()
    for path in sorted((warc or Path(db).parent / "warc").glob("*.warc.gz")):
        records, end = scan(path)
        assert end == path.stat().st_size, f"{path.name} has a torn or unreadable tail"
        archived |= {rid for rtype, rid, _, _ in records if rtype == "response"}
    assert archived == row_ids  # no record without its row, no row without its record


def test_frontier_sigkill_at_several_points_then_resume_loses_and_duplicates_nothing(
    site, store_db, tmp_path, monkeypatch
):
    sources = tmp_path / "many.yaml"
    sources.write_text(MANY_SOURCES, encoding="utf-8")
    warc = tmp_path / "warc"
    env = {"LIVEAUDIT_CRAWL_WARC_DIR": str(warc)}  # on PostgreSQL there is no store file to sit beside
    monkeypatch.setenv("LIVEAUDIT_CRAWL_WARC_DIR", str(warc))  # for show_document in this process
    args = ["--sources", str(sources), "--base-url", site.url, "--db", store_db]
    site.reset()
    _crawl_until(args, store_db, 6, **env)
    for threshold in (18, 33):
        done = _committed_paths(store_db)
        before = len(site.log)
        _crawl_until([*args, "--resume"], store_db, threshold, **env)
        again = {e["path"] for e in site.log[before:]} & done
        assert again == set(), f"committed pages fetched again after --resume: {sorted(again)}"
    done = _committed_paths(store_db)
    before = len(site.log)
    result = liveaudit("crawl", *args, "--resume", env=crawl_env(**SLOW, **env))
    assert result.returncode == 0, result.stderr
    assert not ({e["path"] for e in site.log[before:]} & done)
    _check_store_and_archive_agree(store_db, site.many, warc)
    runs = [r for r in store_rows(store_db, "runs") if r["command"] == "crawl"]
    assert [r["status"] for r in runs] == ["interrupted", "interrupted", "interrupted", "finished"]
    assert [r["args"]["resume_of"] for r in runs] == [None, runs[0]["id"], runs[1]["id"], runs[2]["id"]]


def test_frontier_max_pages_then_resume_fetches_the_rest(site, tmp_path):
    sources = tmp_path / "many.yaml"
    sources.write_text(MANY_SOURCES, encoding="utf-8")
    db = tmp_path / "store.db"
    args = ["--sources", str(sources), "--base-url", site.url, "--db", str(db)]
    first = liveaudit("crawl", *args, "--max-pages", "10", env=crawl_env(**FAST))
    assert first.returncode == 0, first.stderr
    assert "--resume" in first.stdout
    assert len(store_rows(db, "documents")) == 10
    second = liveaudit("crawl", *args, "--resume", env=crawl_env(**FAST))
    assert second.returncode == 0, second.stderr
    _check_store_and_archive_agree(db, site.many)


def test_frontier_resume_with_nothing_to_resume_exits_with_e503(tmp_path):
    sources = tmp_path / "many.yaml"
    sources.write_text(MANY_SOURCES, encoding="utf-8")
    result = liveaudit(
        "crawl",
        "--sources",
        str(sources),
        "--base-url",
        "http://127.0.0.1:9",
        "--db",
        str(tmp_path / "s.db"),
        "--resume",
    )
    assert result.returncode == 2 and result.stderr.startswith("error[E503]")


def test_frontier_sigterm_stops_the_crawl_non_zero_and_resume_finishes_it(hostile, tmp_path):
    from tests.crawler.conftest import write_sources

    site = hostile()
    sources = write_sources(tmp_path / "slow.yaml", ["/slow/0.html"], depth=10)
    db = tmp_path / "s.db"
    args = ["--sources", str(sources), "--base-url", site.url, "--db", str(db)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveaudit", "crawl", *args],
        env=crawl_env(**FAST),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while _count(db) < 3:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=60) != 0
    [run] = store_rows(db, "runs")
    assert run["status"] == "interrupted" and _count(db) < 40
    result = liveaudit("crawl", "--resume", *args, env=crawl_env(**FAST))
    assert result.returncode == 0, result.stderr
    paths = [urlsplit(f["url"]).path for f in store_rows(db, "fetches")]
    assert len(paths) == len(set(paths)) == 40 and _count(db) == 40
