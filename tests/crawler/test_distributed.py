"""Distributed crawl on a real redis-server: two workers share one frontier; one is SIGKILLed
mid-crawl, the other goes on, the killed one restarts and resumes; every page is stored
exactly once with its WARC record."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liveaudit.crawler import distributed
from liveaudit.store import Store

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources.fixture.yaml"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    env.update(
        {
            "LIVEAUDIT_SETTINGS": os.devnull,
            "LIVEAUDIT_CRAWL_EXTRACT_WORKERS": "0",
            "LIVEAUDIT_CRAWL_AUTOTHROTTLE": "false",
            "LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOUT": "5",
            "LIVEAUDIT_CRAWL_WORKER_HEARTBEAT_TTL": "2",
        }
    )
    env.update(extra)
    return env


def _start(db: str, redis_url: str, worker: str, base_url: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        distributed.worker_command(db, SOURCES, redis_url, worker, base_url=base_url),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _fetches(db: str) -> int:
    store = Store.open(db)
    try:
        return store.count("fetches")
    finally:
        store.close()


def _wait_for(db: str, at_least: int, proc: subprocess.Popen, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = _fetches(db)
        if n >= at_least or proc.poll() is not None:
            return n
        time.sleep(0.1)
    raise AssertionError(f"no {at_least} fetches within {timeout} s")


def _finish(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _reference(tmp_path, redis_url: str, base_url: str) -> set[str]:
    db = str(tmp_path / "reference.db")
    Store.open(db).close()
    distributed.reset(redis_url, "default")
    _finish(_start(db, redis_url, "solo", base_url, _env()))
    store = Store.open(db)
    keys = {d["doc_key"] for d in store.rows("documents")}
    store.close()
    distributed.reset(redis_url, "default")
    return keys


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_distributed_sigkill_of_a_worker_loses_nothing_and_stores_each_page_once(
    tmp_path, redis_url, fixture_site, backend, request
):
    """On PostgreSQL (the store of a crawl shared by several machines) and on SQLite (several processes, one file)."""
    from warcio.archiveiterator import ArchiveIterator

    expected = _reference(tmp_path, redis_url, fixture_site.url)
    assert len(expected) > 40
    db = str(tmp_path / "crawl.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    Store.open(db).close()
    root = tmp_path / "crawl"
    env = _env(
        LIVEAUDIT_CRAWL_DOWNLOAD_DELAY="0.1",  # slow enough to be killed mid-crawl
        LIVEAUDIT_CRAWL_WARC_DIR=str(root / "warc"),
    )
    w1 = _start(db, redis_url, "w1", fixture_site.url, env)
    w2 = _start(db, redis_url, "w2", fixture_site.url, env)
    server = distributed.redis_client(redis_url)
    taken_key = distributed.keys("default")["processing"] + "w1"
    deadline = time.monotonic() + 60
    seen_key = distributed.keys("default")["dupefilter"]
    while True:  # kill w1 mid-crawl, while it holds requests it took and has not committed
        assert time.monotonic() < deadline and w1.poll() is None and w2.poll() is None, "no moment to kill w1"
        if server.llen(taken_key) > 0 and server.scard(seen_key) >= 10:
            break
        time.sleep(0.01)
    w1.send_signal(signal.SIGKILL)
    w1.wait()
    taken = server.llen(taken_key)
    assert taken > 0  # the kill left work that only the reliable queue brings back
    _wait_for(db, len(expected), w2)  # the other worker goes on
    w1b = _start(db, redis_url, "w1", fixture_site.url, env)  # restarted: resumes
    summaries = [_finish(w2), _finish(w1b)]

    store = Store.open(db)
    docs = store.rows("documents")
    keys = [d["doc_key"] for d in docs]
    assert len(keys) == len(set(keys)), "a page was stored twice"
    assert set(keys) == expected, "a page was lost"
    runs = store.rows("runs")
    killed = [r for r in runs if r["args"].get("worker") == "w1" and r["status"] != "finished"]
    assert len(killed) == 1 and killed[0]["summary"]["archive_repaired"]
    assert {r["status"] for r in runs if r["id"] != killed[0]["id"]} == {"finished"}
    assert {s["worker"] for s in summaries} == {"w1", "w2"}
    assert distributed.pending(server, "default") == 0
    # Each worker wrote its own WARC files; every document points at its own response record.
    from liveaudit.crawler.run import store_root

    base = store_root(store)  # warc_file is relative to the SQLite file's folder (or the working directory)
    files = {d["warc_file"] for d in docs}
    assert {Path(f).name.split("-")[1] for f in files} >= {
        f"{r['id']:06d}" for r in runs if r["args"].get("worker") == "w2"
    }
    for doc in docs:
        with open(base / doc["warc_file"], "rb") as fh:
            fh.seek(doc["warc_offset"])
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_headers.get_header("WARC-Record-ID") == doc["warc_record_id"]
            assert record.rec_headers.get_header("WARC-Target-URI") in (doc["url"], doc["doc_key"])
    for path in files:  # whole files read cleanly: the killed worker's tail was cut back
        with open(base / path, "rb") as fh:
            assert sum(1 for _ in ArchiveIterator(fh)) > 0
    store.close()


def test_distributed_requests_round_trip_as_json_without_pickle():
    import scrapy

    from liveaudit.crawler.warc import Exchange

    exchange = Exchange(
        method="GET",
        url="http://x/",
        request_headers=[("A", "b")],
        request_body=b"",
        status=301,
        response_headers=[("Location", "/y")],
        response_body=b"\x00\xff",
    )
    request = scrapy.Request(
        "http://x/y",
        meta={
            "liveaudit_exchanges": (exchange,),
            "redirect_urls": ["http://x/"],
            "liveaudit_depth": 1,
            "liveaudit_sent": 1.5,
        },
    )
    data = distributed.dumps(request.to_dict())
    assert isinstance(data, str) and b"pickle" not in data.encode()
    back = distributed.loads(data)
    assert back["meta"]["liveaudit_exchanges"] == (exchange,)
    assert back["meta"]["redirect_urls"] == ["http://x/"]
    with pytest.raises(TypeError):
        distributed.dumps({"meta": {"x": object()}})


def test_distributed_crawl_command_runs_n_workers_into_one_store(tmp_path, redis_url, fixture_site, pg_url):
    env = _env(LIVEAUDIT_CRAWL_WARC_DIR=str(tmp_path / "warc"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "liveaudit",
            "crawl",
            "--db",
            pg_url,
            "--sources",
            str(SOURCES),
            "--base-url",
            fixture_site.url,
            "--redis",
            redis_url,
            "--workers",
            "2",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "distributed crawl: 2 worker(s)" in result.stdout
    store = Store.open(pg_url)
    keys = [d["doc_key"] for d in store.rows("documents")]
    runs = store.rows("runs")
    store.close()
    assert len(keys) == len(set(keys)) > 40
    assert sorted(r["args"]["worker"].rsplit("-", 1)[1] for r in runs) == ["w1", "w2"] and {
        r["status"] for r in runs
    } == {"finished"}
    assert (
        len({p.name.split("-")[1] for p in (tmp_path / "warc").glob("*.warc.gz")}) == 2
    )  # one set of files per worker


def test_distributed_invalid_start_url_and_link_are_recorded_and_the_crawl_goes_on(tmp_path, redis_url, hostile):
    from urllib.parse import urlsplit

    from tests.crawler.conftest import write_sources
    from tests.crawler.hostile import BAD_PORT

    site = hostile()
    sources = write_sources(tmp_path / "s.yaml", ["/", "http://127.0.0.1:99999/start.html", "/good/4.html"])
    db = str(tmp_path / "s.db")
    Store.open(db).close()
    distributed.reset(redis_url, "default")
    proc = subprocess.Popen(
        distributed.worker_command(db, sources, redis_url, "solo", base_url=site.url),
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    summary = _finish(proc)
    distributed.reset(redis_url, "default")
    store = Store.open(db)
    fetches = {f["url"]: f for f in store.rows("fetches")}
    stored = {urlsplit(d["url"]).path for d in store.rows("documents")}
    store.close()
    for bad in ("http://127.0.0.1:99999/start.html", BAD_PORT):
        assert fetches[bad]["outcome"] == "error" and "invalid URL" in fetches[bad]["reason"]
    assert {"/", "/good/1.html", "/good/2.html", "/good/3.html", "/good/4.html"} <= stored
    assert summary["issues"]["invalid_url"] == 3  # and the 3000-character link
