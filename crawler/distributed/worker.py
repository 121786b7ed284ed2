"""One worker of a distributed crawl: an ordinary crawl run (`crawler.run`) whose spider,
scheduler and queue are the Redis ones, with the acknowledgement after the store pipeline."""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from liveaudit import config
from liveaudit.crawler import frontier
from liveaudit.crawler.distributed.connection import safe_url
from liveaudit.crawler.distributed.defaults import keys
from liveaudit.crawler.items import CrawlState
from liveaudit.store import Store


def scheduler_settings(values: Mapping[str, Any], redis_url: str, crawl_name: str) -> dict[str, Any]:
    """The Scrapy settings that put the frontier in Redis (scrapy-redis's scheduler, our queue)."""
    from liveaudit.crawler.settings import ITEM_PIPELINES

    k = keys(crawl_name)
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "liveaudit.crawler.distributed.queue.ReliableFifoQueue",
        "SCHEDULER_QUEUE_KEY": k["queue"],
        "SCHEDULER_DUPEFILTER_KEY": k["dupefilter"],
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_SERIALIZER": "liveaudit.crawler.distributed.serializer",
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": redis_url,
        "LIVEAUDIT_HEARTBEAT_TTL": values["CRAWL_WORKER_HEARTBEAT_TTL"],
        "ITEM_PIPELINES": {**ITEM_PIPELINES, "liveaudit.crawler.distributed.pipelines.AckPipeline": 900},
        # A worker takes from the shared queue only what it can download now: with Scrapy's
        # default of 16 it would hoard a domain's URLs behind its per-domain limit.
        "CONCURRENT_REQUESTS": max(2, int(values["CRAWL_CONCURRENCY_PER_DOMAIN"])),
    }


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

    from liveaudit.crawler.distributed.spiders import DistributedSourcesSpider
    from liveaudit.crawler.run import raise_if_stopped, record_sources, run_spider, sources_sha256, store_root, warc_dir
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
            "redis": safe_url(redis_url),
            "worker": worker_id,
            "crawl_name": crawl_name,
            "sources_sha256": sources_sha256(srcs),
        }
        with store.run("crawl", args) as run:
            try:
                added = record_sources(store, srcs, run)
            except IntegrityError:
                added = 0  # another worker recorded the same new source versions at the same moment
            state = CrawlState()
            run_spider(
                store,
                values,
                DistributedSourcesSpider,
                state,
                run.id,
                root,
                archive_dir,
                extra=scheduler_settings(values, redis_url, crawl_name),
                sources=srcs,
                plan=None,
                redis_url=redis_url,
                crawl_name=crawl_name,
                worker_id=worker_id,
            )
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
