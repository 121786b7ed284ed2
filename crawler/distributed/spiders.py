"""The sources spider with its frontier and duplicate filter in Redis (scrapy-redis's
`spiders.py` role): links go to the shared queue, a heartbeat says the worker lives, and
the spider closes only when no work is left anywhere."""

from __future__ import annotations

import os

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from liveaudit.crawler.distributed.connection import pending, redis_client, requeue_dead
from liveaudit.crawler.distributed.defaults import HEARTBEAT_SECONDS, POLL_SECONDS, keys
from liveaudit.crawler.distributed.serializer import dumps
from liveaudit.crawler.items import canonical
from liveaudit.crawler.spiders.sources import SourcesSpider

# Mark a fingerprint seen and queue the request, or do nothing if it was seen: one atomic step.
SEEN_AND_PUSH = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('LPUSH', KEYS[2], ARGV[2])
  return 1
end
return 0
"""


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
        requeue_dead(self.server, self.crawl_name)
        # Idle means nothing of ours is downloading or in the pipelines: whatever is left in our
        # processing list was dropped on the way (no item to acknowledge it), not lost.
        self.server.delete(self.redis_keys["processing"] + self.worker_id)
        self.inflight.clear()
        if pending(self.server, self.crawl_name) > 0:
            raise DontCloseSpider

    def _request(self, url: str, source_id: str, depth: int):
        """Queue a URL in Redis unless any worker queued it before; never returns a request to
        Scrapy (an invalid URL comes back as its error item, like the base spider's).

        Marking the URL seen in scrapy-redis's duplicate filter and pushing it on the shared
        queue happen in one Lua script, atomic in Redis: a worker killed between the two
        cannot leave a URL marked seen that nobody will fetch.
        """
        key = canonical(url)
        if key in self.seen:
            return None
        failed = self.invalid(url, source_id, depth)
        if failed is not None:
            return failed
        self.seen.add(key)
        if self.dupefilter is None:
            from scrapy_redis.dupefilter import RFPDupeFilter

            self.dupefilter = RFPDupeFilter.from_spider(self)
            self._push = self.server.register_script(SEEN_AND_PUSH)
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
