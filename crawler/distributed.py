"""Distributed crawl: N crawler processes (on one or several machines) share one frontier and
one duplicate filter in Redis, through scrapy-redis's scheduler.

    liveaudit crawl --workers 4 --redis redis://127.0.0.1:6379/0 --sources data/sources.yaml

Each worker is an ordinary liveaudit crawl process with its own `crawl` run row, so it
writes its own WARC files (`liveaudit-<run id>-*.warc.gz`) and its own fetch and document
rows in the shared store (PostgreSQL, or an SQLite file when the workers share a machine).

What scrapy-redis gives: the scheduler with its request queue and duplicate filter in Redis (a
URL is queued once across all workers: the spider asks scrapy-redis's RFPDupeFilter, a Redis
set of request fingerprints, about the canonical URL before queueing it). What we add so
that SIGKILL of a worker loses nothing:

- a *reliable* queue: popping a request moves it atomically (LMOVE) to the worker's own
  processing list, and it leaves that list only after the store committed its fetch row
  (`AckPipeline`, after the store pipeline). Every worker refreshes a heartbeat key; the
  processing list of a worker whose heartbeat expired goes back to the shared queue, so the
  others fetch what it had taken, and a restarted worker (same --worker-id) puts its own
  list back first and resumes;
- a shared end: a worker stops only when the queue and every processing list are empty,
  so no worker leaves while another may still add links.
- requests are serialized as JSON (bytes as base64), never pickled (scrapy-redis's default).

A page re-fetched because its worker died after the commit and before the acknowledgement
adds an `unchanged` fetch row, never a second document version.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from liveaudit import config
from liveaudit.crawler import frontier
from liveaudit.crawler.items import CrawlState, canonical
from liveaudit.crawler.spiders.sources import SourcesSpider
from liveaudit.store import Store

NAMESPACE = "liveaudit:crawl"
HEARTBEAT_SECONDS = 1.0
POLL_SECONDS = 0.25


# ---- JSON serializer for scrapy-redis (SCHEDULER_SERIALIZER = this module) ------------------
def _encode(value: Any) -> Any:
    from liveaudit.crawler.warc import Exchange

    if isinstance(value, bytes):
        return {"__b64__": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):
        return {"__dt__": value.isoformat()}
    if isinstance(value, Exchange):
        return {"__exchange__": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot queue a request whose meta holds a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "__b64__" in value and len(value) == 1:
            return base64.b64decode(value["__b64__"])
        if "__dt__" in value and len(value) == 1:
            return datetime.fromisoformat(value["__dt__"])
        if "__tuple__" in value and len(value) == 1:
            return tuple(_decode(v) for v in value["__tuple__"])
        if "__exchange__" in value and len(value) == 1:
            from liveaudit.crawler.warc import Exchange

            fields = {k: _decode(v) for k, v in value["__exchange__"].items()}
            for key in ("request_headers", "response_headers"):
                fields[key] = [tuple(h) for h in fields.get(key) or []]
            return Exchange(**fields)
        return {k: _decode(v) for k, v in value.items()}
    return value


def dumps(obj: Any) -> str:
    return json.dumps(_encode(obj), separators=(",", ":"))


def loads(data: str | bytes) -> Any:
    return _decode(json.loads(data))


# ---- Redis keys ----------------------------------------------------------------------------
def keys(name: str) -> dict[str, str]:
    base = f"{NAMESPACE}:{name}"
    return {
        "queue": f"{base}:requests",
        "dupefilter": f"{base}:seen",
        "processing": f"{base}:processing:",
        "heartbeat": f"{base}:alive:",
        "workers": f"{base}:workers",
    }


def redis_client(url: str):
    import redis

    return redis.Redis.from_url(url, decode_responses=False, socket_timeout=30, socket_connect_timeout=10)


def reset(redis_url: str, name: str = "default") -> None:
    """Forget a distributed crawl's frontier (a new crawl under the same name starts empty)."""
    server = redis_client(redis_url)
    k = keys(name)
    doomed = [k["queue"], k["dupefilter"], k["workers"]]
    doomed += list(server.scan_iter(match=k["processing"] + "*"))
    doomed += list(server.scan_iter(match=k["heartbeat"] + "*"))
    if doomed:
        server.delete(*doomed)


def requeue_dead(server, name: str, only: str | None = None) -> int:
    """Put the processing lists of workers without a heartbeat (or of `only`) back on the queue."""
    k = keys(name)
    moved = 0
    for worker in server.smembers(k["workers"]):
        worker = worker.decode() if isinstance(worker, bytes) else worker
        if only is not None and worker != only:
            continue
        if only is None and server.exists(k["heartbeat"] + worker):
            continue
        while server.lmove(k["processing"] + worker, k["queue"], "LEFT", "RIGHT") is not None:
            moved += 1
    return moved


def pending(server, name: str) -> int:
    """Requests queued or taken by a worker and not yet committed."""
    k = keys(name)
    total = server.llen(k["queue"])
    for worker in server.smembers(k["workers"]):
        worker = worker.decode() if isinstance(worker, bytes) else worker
        total += server.llen(k["processing"] + worker)
    return total


# ---- the reliable queue ----------------------------------------------------------------------
try:
    from scrapy_redis.queue import FifoQueue as _FifoQueue
except ImportError:  # pragma: no cover - the scaleout extra is missing
    _FifoQueue = object


class ReliableFifoQueue(_FifoQueue):
    """scrapy-redis's FIFO queue whose pop moves the request to this worker's processing list."""

    def pop(self, timeout=0):
        worker = self.spider.worker_id
        raw = self.server.lmove(self.key, self.spider.redis_keys["processing"] + worker, "RIGHT", "LEFT")
        if raw is None:
            return None
        request = self._decode_request(raw)
        origin = request.meta.get("redirect_urls", [request.url])[0]
        self.spider.inflight.setdefault(origin, []).append(raw)
        return request


class AckPipeline:
    """After the store pipeline committed an item: drop its request(s) from the processing list."""

    def process_item(self, item, spider=None):
        spider = spider or self.spider
        for raw in spider.inflight.pop(item.url, []):
            spider.server.lrem(spider.redis_keys["processing"] + spider.worker_id, 1, raw)
        return item

    @classmethod
    def from_crawler(cls, crawler):
        obj = cls()
        obj.crawler = crawler
        obj.spider = None
        crawler.signals.connect(obj._opened, signal=__import__("scrapy").signals.spider_opened)
        return obj

    def _opened(self, spider):
        self.spider = spider


class DistributedSourcesSpider(SourcesSpider):
    """The sources spider with its frontier and duplicate filter in Redis."""

    name = "liveaudit-distributed"

    def __init__(self, *args, redis_url: str, crawl_name: str, worker_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.server = redis_client(redis_url)
        self.crawl_name = crawl_name
        self.worker_id = worker_id
        self.redis_keys = keys(crawl_name)
        self.inflight: dict[str, list[bytes]] = {}
        self.dupefilter = None  # scrapy-redis's, made when the spider has its settings

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        from scrapy import signals

        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed_hb, signal=signals.spider_closed)
        return spider

    def _beat(self) -> None:
        self.server.set(
            self.redis_keys["heartbeat"] + self.worker_id, str(os.getpid()), px=int(self.heartbeat_ttl * 1000)
        )

    def _opened(self, spider) -> None:
        from twisted.internet import task

        self.heartbeat_ttl = float(self.settings.getfloat("LIVEAUDIT_HEARTBEAT_TTL", 5.0))
        self.server.sadd(self.redis_keys["workers"], self.worker_id)
        requeue_dead(self.server, self.crawl_name, only=self.worker_id)  # a restarted worker: its own list first
        self._beat()
        self._ticker = task.LoopingCall(self._beat)
        self._ticker.start(HEARTBEAT_SECONDS, now=False)
        self._poker = task.LoopingCall(self._poke)
        self._poker.start(POLL_SECONDS, now=False)

    def _poke(self) -> None:
        """Ask the engine for requests now (Scrapy itself looks only every 5 s once a worker has
        gone idle, which would leave it out of the crawl and delay its end)."""
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        if slot is not None:  # also re-runs the idle check, so the last worker stops promptly
            slot.nextcall.schedule()

    def _closed_hb(self, spider, reason) -> None:
        for loop in (getattr(self, "_ticker", None), getattr(self, "_poker", None)):
            if loop is not None and loop.running:
                loop.stop()
        self.server.delete(self.redis_keys["heartbeat"] + self.worker_id)

    def _idle(self, spider) -> None:
        """Stop only when no work is left anywhere; hand back the work of dead workers."""
        from scrapy.exceptions import DontCloseSpider

        requeue_dead(self.server, self.crawl_name)
        # Idle means nothing of ours is downloading or in the pipelines: whatever is left in our
        # processing list was dropped on the way (no item to acknowledge it), not lost.
        self.server.delete(self.redis_keys["processing"] + self.worker_id)
        self.inflight.clear()
        if pending(self.server, self.crawl_name) > 0:
            raise DontCloseSpider

    def _request(self, url: str, source_id: str, depth: int):
        """Queue a URL in Redis unless any worker queued it before; returns None (never to Scrapy).

        Marking the URL seen in scrapy-redis's duplicate filter and pushing it on the shared
        queue happen in one Lua script, atomic in Redis: a worker killed between the two
        cannot leave a URL marked seen that nobody will fetch.
        """
        import scrapy

        key = canonical(url)
        if key in self.seen:
            return None
        self.seen.add(key)
        if self.dupefilter is None:
            from scrapy_redis.dupefilter import RFPDupeFilter

            self.dupefilter = RFPDupeFilter.from_spider(self)
            self._push = self.server.register_script(_SEEN_AND_PUSH)
        # dont_filter: the scheduler must not filter it again, nor the copies a redirect makes
        # (the spider records a redirect loop as such).
        request = scrapy.Request(
            url,
            callback=self.parse,
            errback=self.failed,
            dont_filter=True,
            meta={"liveaudit_source": source_id, "liveaudit_depth": depth},
        )
        fingerprint = self.dupefilter.request_fingerprint(scrapy.Request(key))
        if self._push(
            keys=[self.dupefilter.key, self.redis_keys["queue"]],
            args=[fingerprint, dumps(request.to_dict(spider=self))],
        ):
            self.state.scheduled += 1
        return None

    def parse(self, response):
        """The page's links are queued in Redis before its item goes to the store, so once the
        item is committed (and its request acknowledged) nothing of the page is left to lose."""
        outputs = list(super().parse(response))
        yield from outputs


# Mark a fingerprint seen and queue the request, or do nothing if it was seen: one atomic step.
_SEEN_AND_PUSH = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('LPUSH', KEYS[2], ARGV[2])
  return 1
end
return 0
"""


# ---- one worker --------------------------------------------------------------------------------
def run_worker(
    db: str | None,
    sources: str | Path | None,
    redis_url: str,
    *,
    worker_id: str | None = None,
    crawl_name: str = "default",
    base_url: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> dict:
    """One crawler process of a distributed crawl; returns its run summary."""
    from sqlalchemy.exc import IntegrityError

    from liveaudit.crawler.run import raise_if_stopped, record_sources, store_root, warc_dir
    from liveaudit.crawler.sources import load_sources

    worker_id = worker_id or f"{socket.gethostname()}-{os.getpid()}"
    values = config.load_settings({"STORE_URL": db, **(settings or {})} if db is not None else dict(settings or {}))
    store = Store.open(values["STORE_URL"])
    try:
        srcs = load_sources(sources, base_url)
        root = store_root(store)
        archive_dir = warc_dir(store, values)
        repaired = frontier.repair_stale_runs(store, root, archive_dir)
        args = {
            "sources": str(sources or "data/sources.yaml"),
            "base_url": base_url,
            "redis": _safe(redis_url),
            "worker": worker_id,
            "crawl_name": crawl_name,
            "sources_sha256": hashlib.sha256(
                json.dumps([s.model_dump(mode="json") for s in srcs]).encode()
            ).hexdigest(),
        }
        with store.run("crawl", args) as run:
            try:
                added = record_sources(store, srcs, run)
            except IntegrityError:
                added = 0  # another worker recorded the same new source versions at the same moment
            state = CrawlState()
            _run_scrapy(store, values, srcs, state, run.id, root, archive_dir, redis_url, crawl_name, worker_id)
            run.summary = {
                **state.summary(),
                "sources": len(srcs),
                "sources_added": added,
                "worker": worker_id,
                "repaired_runs": [r["run"] for r in repaired],
                "warc_dir": str(archive_dir),
            }
            raise_if_stopped(store, state)
        return {**run.summary, "run_id": run.id}
    finally:
        store.close()


def _safe(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _run_scrapy(store, values, sources, state, run_id, root, archive_dir, redis_url, crawl_name, worker_id) -> None:
    from scrapy.crawler import CrawlerProcess

    from liveaudit.crawler.settings import ITEM_PIPELINES, scrapy_settings

    k = keys(crawl_name)
    settings = scrapy_settings(
        values,
        {
            "LIVEAUDIT_STORE_URL": store.url if "***" not in store.url else values["STORE_URL"],
            "LIVEAUDIT_RUN_ID": run_id,
            "LIVEAUDIT_WARC_DIR": str(archive_dir),
            "LIVEAUDIT_ROOT": str(root),
            "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
            "SCHEDULER_QUEUE_CLASS": "liveaudit.crawler.distributed.ReliableFifoQueue",
            "SCHEDULER_QUEUE_KEY": k["queue"],
            "SCHEDULER_DUPEFILTER_KEY": k["dupefilter"],
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "SCHEDULER_SERIALIZER": "liveaudit.crawler.distributed",
            "SCHEDULER_PERSIST": True,
            "REDIS_URL": redis_url,
            "LIVEAUDIT_HEARTBEAT_TTL": values["CRAWL_WORKER_HEARTBEAT_TTL"],
            "ITEM_PIPELINES": {**ITEM_PIPELINES, "liveaudit.crawler.distributed.AckPipeline": 900},
            # A worker takes from the shared queue only what it can download now: with Scrapy's
            # default of 16 it would hoard a domain's URLs behind its per-domain limit.
            "CONCURRENT_REQUESTS": max(2, int(values["CRAWL_CONCURRENCY_PER_DOMAIN"])),
        },
    )
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DistributedSourcesSpider)

    def _closed(spider, reason):
        state.close_reason = reason

    from scrapy import signals

    crawler.signals.connect(_closed, signal=signals.spider_closed)
    process.crawl(
        crawler,
        sources=sources,
        state=state,
        plan=None,
        redis_url=redis_url,
        crawl_name=crawl_name,
        worker_id=worker_id,
    )
    started = time.perf_counter()
    process.start()
    state.crawl_seconds = round(time.perf_counter() - started, 3)


# ---- N workers on this machine ---------------------------------------------------------------
def worker_command(
    db: str,
    sources: str | Path | None,
    redis_url: str,
    worker_id: str,
    crawl_name: str = "default",
    base_url: str | None = None,
) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "liveaudit.crawler.distributed",
        "--db",
        db,
        "--redis",
        redis_url,
        "--worker-id",
        worker_id,
        "--name",
        crawl_name,
    ]
    if sources is not None:
        cmd += ["--sources", str(sources)]
    if base_url is not None:
        cmd += ["--base-url", base_url]
    return cmd


def crawl_distributed(
    db: str | None,
    sources: str | Path | None,
    redis_url: str,
    workers: int,
    *,
    crawl_name: str = "default",
    base_url: str | None = None,
    fresh: bool = True,
    progress=None,
) -> dict:
    """Start `workers` crawler processes on this machine and wait for them; returns the summaries.

    With `fresh`, the Redis frontier of `crawl_name` is cleared first (a new crawl); without,
    the workers join (or resume) the crawl already in Redis.
    """
    values = config.load_settings({"STORE_URL": db} if db is not None else None)
    db_value = values["STORE_URL"]
    Store.open(db_value).close()  # migrate once, before the workers race
    if fresh:
        reset(redis_url, crawl_name)
    host = socket.gethostname()
    procs = [
        subprocess.Popen(
            worker_command(db_value, sources, redis_url, f"{host}-w{i + 1}", crawl_name, base_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(workers)
    ]
    started = time.perf_counter()
    try:
        outs = [p.communicate() for p in procs]
    except KeyboardInterrupt:
        for p in procs:
            p.send_signal(signal.SIGINT)
        for p in procs:
            p.wait()
        raise
    seconds = time.perf_counter() - started
    results = []
    for p, (out, err) in zip(procs, outs):
        line = (out or "").strip().splitlines()[-1:] or ["{}"]
        try:
            summary = json.loads(line[0])
        except ValueError:
            summary = {}
        results.append({"returncode": p.returncode, "summary": summary, "stderr": (err or "")[-2000:]})
    fetched = sum(r["summary"].get("fetched", 0) for r in results)
    return {
        "workers": results,
        "fetched": fetched,
        "seconds": round(seconds, 3),
        "pages_per_second": round(fetched / seconds, 2) if seconds else None,
        "failed_workers": sum(1 for r in results if r["returncode"] != 0),
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m liveaudit.crawler.distributed",
        description="One worker of a distributed liveaudit crawl (see liveaudit crawl --workers).",
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--redis", required=True)
    parser.add_argument("--worker-id", required=True)
    parser.add_argument("--name", default="default")
    parser.add_argument("--sources")
    parser.add_argument("--base-url")
    ns = parser.parse_args(argv)
    summary = run_worker(ns.db, ns.sources, ns.redis, worker_id=ns.worker_id, crawl_name=ns.name, base_url=ns.base_url)
    print(json.dumps(summary, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
