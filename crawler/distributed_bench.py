"""`liveaudit bench crawl --workers 1,2,4`: pages/s of the distributed crawl per worker count.

The generated site (`sitegen`, its own process on 127.0.0.1) is crawled from page 0 once per
worker count, each time into a fresh store with a fresh Redis frontier, by that many worker
processes of `liveaudit.crawler.distributed` (the whole pipeline: WARC, extraction, store).
The store is a throwaway PostgreSQL cluster when the server binaries are there (the
scale-out store), else an SQLite file. Redis is the server at `redis_url`, or a throwaway
`redis-server` on 127.0.0.1. pages/s = pages stored / the slowest worker's crawl time (not
counting interpreter start-up); scaling = pages/s at N workers / pages/s at 1 worker.
AutoThrottle is off and each worker may have 16 requests in flight, as in the plain bench.
"""

from __future__ import annotations

import os
import platform
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from liveaudit.crawler.bench import BENCH_ENV, GeneratedSite


@contextmanager
def throwaway_redis() -> Iterator[str]:
    from liveaudit.crawler.tempredis import TempRedis

    with TempRedis() as server:
        yield server.url()


def bench_crawl_workers(
    pages: int = 10000,
    workers: tuple[int, ...] = (1, 2, 4),
    redis_url: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    from liveaudit.crawler.distributed import crawl_distributed

    saved = dict(os.environ)
    os.environ.update(BENCH_ENV)
    runs = []
    try:
        with ExitStack() as stack, GeneratedSite(pages) as site:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="liveaudit-bench-workers-"))
            if redis_url is None:
                redis_url = stack.enter_context(throwaway_redis())
            cluster = None
            try:
                from liveaudit.store.tempcluster import ClusterUnavailable, PostgresServer

                cluster = PostgresServer()
                stack.callback(cluster.stop)
                backend = "PostgreSQL (throwaway cluster, fsync off)"
            except ClusterUnavailable:
                backend = "SQLite"
            sources = Path(tmp) / "sources.yaml"
            sources.write_text(
                f"base_url: {site.url}\nsources:\n  - id: generated\n    kind: news\n"
                f"    start_urls: [/page/0.html]\n    depth: 10\n",
                encoding="utf-8",
            )
            for n in workers:
                if progress:
                    progress(f"crawling {pages} pages with {n} worker(s)")
                db = cluster.create_database(f"bench_w{n}") if cluster else str(Path(tmp) / f"bench-{n}.db")
                os.environ["LIVEAUDIT_CRAWL_WARC_DIR"] = str(Path(tmp) / f"warc-{n}")
                result = crawl_distributed(db, sources, redis_url, n, crawl_name=f"bench-{n}")
                if result["failed_workers"]:
                    raise RuntimeError(
                        f"a worker failed: {[w['stderr'][-300:] for w in result['workers'] if w['returncode']]}"
                    )
                stored = sum(
                    w["summary"].get("new_versions", 0) + w["summary"].get("unchanged", 0) for w in result["workers"]
                )
                seconds = max(w["summary"].get("crawl_seconds", 0.0) for w in result["workers"])
                runs.append(
                    {
                        "workers": n,
                        "pages": stored,
                        "seconds": round(seconds, 2),
                        "pages_per_s": round(stored / seconds, 1) if seconds else 0.0,
                        "per_worker": [w["summary"].get("fetched", 0) for w in result["workers"]],
                    }
                )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    base = runs[0]["pages_per_s"] if runs else 0.0
    for r in runs:
        r["scaling"] = round(r["pages_per_s"] / base, 2) if base else None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    environment = (
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, store "
        f"{backend}, load average {load:.1f} at the end"
    )
    return {"pages": pages, "runs": runs, "environment": environment}
