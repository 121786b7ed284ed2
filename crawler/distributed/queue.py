"""The reliable queue: scrapy-redis's FIFO queue whose pop moves the request (LMOVE, atomic)
to this worker's processing list, where it stays until the store committed its page (see
`pipelines.AckPipeline`); a dead worker's list goes back to the queue (`connection`)."""

from __future__ import annotations

from scrapy_redis.queue import FifoQueue


class ReliableFifoQueue(FifoQueue):
    """FIFO over the shared Redis list; what a worker pops waits in its processing list."""

    def pop(self, timeout=0):
        worker = self.spider.worker_id
        raw = self.server.lmove(self.key, self.spider.redis_keys["processing"] + worker, "RIGHT", "LEFT")
        if raw is None:
            return None
        request = self._decode_request(raw)
        origin = request.meta.get("redirect_urls", [request.url])[0]
        self.spider.inflight.setdefault(origin, []).append(raw)
        return request
