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

The modules, one role each as in scrapy-redis's `src/scrapy_redis/`:

    defaults     key names and timings         connection  Redis client, requeue, pending
    serializer   JSON requests (no pickle)     queue       the reliable FIFO queue
    pipelines    the acknowledgement           spiders     the spider with a Redis frontier
    worker       one worker process            launcher    N workers on this machine
"""

from liveaudit.lazy import lazy_exports

# Lazy, so that importing the package does not import Scrapy or redis.
_EXPORTS = {
    "crawl_distributed": "liveaudit.crawler.distributed.launcher",
    "dumps": "liveaudit.crawler.distributed.serializer",
    "keys": "liveaudit.crawler.distributed.defaults",
    "loads": "liveaudit.crawler.distributed.serializer",
    "pending": "liveaudit.crawler.distributed.connection",
    "redis_client": "liveaudit.crawler.distributed.connection",
    "requeue_dead": "liveaudit.crawler.distributed.connection",
    "reset": "liveaudit.crawler.distributed.connection",
    "run_worker": "liveaudit.crawler.distributed.worker",
    "worker_command": "liveaudit.crawler.distributed.launcher",
}
__all__ = sorted(_EXPORTS)  # the same names as _EXPORTS (a test checks)

__getattr__ = lazy_exports(__name__, _EXPORTS)
