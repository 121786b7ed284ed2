"""The acknowledgement, after the store pipeline: once a page's rows are committed, its
request(s) leave this worker's processing list; before that a SIGKILL loses nothing."""

from __future__ import annotations


class AckPipeline:
    """Drop a committed item's request(s) from the worker's processing list in Redis."""

    def process_item(self, item, spider=None):
        spider = spider or self.spider
        for raw in spider.inflight.pop(item.url, []):
            spider.server.lrem(spider.redis_keys["processing"] + spider.worker_id, 1, raw)
        return item

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        obj = cls()
        obj.crawler = crawler
        obj.spider = None
        crawler.signals.connect(obj._opened, signal=signals.spider_opened)
        return obj

    def _opened(self, spider):
        self.spider = spider
