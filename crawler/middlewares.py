"""Downloader middlewares of the liveaudit crawler.

- `ExchangeRecorderMiddleware` sits next to the network and keeps every request/response
  pair of a URL's journey (retries and redirect hops included) in `request.meta`, so the
  store pipeline can archive the whole journey as one WARC group.
- `BackoffRetryMiddleware` is Scrapy's RetryMiddleware (5xx and timeouts, see settings.py)
  with a wait before each retry: CRAWL_RETRY_BACKOFF seconds, doubling each time.
- `TimedHTTPDownloadHandler` (a download handler) notes when each transfer starts, so the
  recorder can flag slow answers (CRAWL_SLOW_SECONDS) by their own duration.
Docs: https://docs.scrapy.org/en/latest/topics/downloader-middleware.html
"""

from __future__ import annotations

import asyncio
import time

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.downloadermiddlewares.retry import RetryMiddleware

from liveaudit.crawler.warc import Exchange

EXCHANGES = "liveaudit_exchanges"


def _headers(headers) -> list[tuple[str, str]]:
    out = []
    for key, values in headers.items():
        name = key.decode("latin-1")
        for value in values:
            out.append((name, value.decode("latin-1")))
    return out


class ExchangeRecorderMiddleware:
    """Record each exchange (as sent and as received, and how long it took) on the request's meta."""

    def process_response(self, request, response):
        exchange = Exchange(
            method=request.method,
            url=request.url,
            request_headers=_headers(request.headers),
            request_body=request.body or b"",
            status=response.status,
            response_headers=_headers(response.headers),
            response_body=response.body,
            protocol=response.protocol or "HTTP/1.1",
            ip_address=str(response.ip_address) if response.ip_address else None,
            seconds=time.monotonic() - request.meta.get("liveaudit_sent", time.monotonic()),
        )
        # A tuple, not a list: redirect and retry copies of the request share meta values.
        request.meta[EXCHANGES] = request.meta.get(EXCHANGES, ()) + (exchange,)
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Retry 5xx responses and timeouts after an exponential wait (holding the domain's slot)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("LIVEAUDIT_RETRY_BACKOFF", 1.0)

    async def _wait(self, retry_request):
        if retry_request is not None and self.backoff > 0:
            times = retry_request.meta.get("retry_times", 1)
            await asyncio.sleep(self.backoff * 2 ** (times - 1))
        return retry_request

    async def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        if result is response:
            return response
        return await self._wait(result)

    async def process_exception(self, request, exception, spider=None):
        result = super().process_exception(request, exception)
        if result is None:
            return None
        return await self._wait(result)


class TimedHTTPDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 download handler, stamping when the transfer really starts (after the
    domain's queue and delay), so a slow answer is measured by its own duration."""

    async def download_request(self, request):
        request.meta["liveaudit_sent"] = time.monotonic()
        return await super().download_request(request)
