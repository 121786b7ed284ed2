"""robots.txt as RFC 9309 asks (https://www.rfc-editor.org/rfc/rfc9309), replacing Scrapy's
RobotsTxtMiddleware, which treats an unreachable or failing robots.txt as allow-all and drops
an oversized one whole:

- 2xx: the rules of the first 500 KiB (PARSE_LIMIT, section 2.5) apply; the transfer stops
  there, whatever the download limit or a Content-Length says, and a compressed robots.txt
  inflates to that limit at most (`RobotsBodyMiddleware`, next to the network);
- 4xx ("unavailable", 2.3.1.3): no rules, everything allowed;
- 5xx or no answer at all (refused, timed out, 2.3.1.4): everything disallowed;
- redirects are followed by Scrapy's redirect middleware (at most CRAWL_MAX_REDIRECTS).

A URL that robots.txt forbids raises IgnoreRequest("Forbidden by robots.txt ..."), which the
spider records as `skipped` with the reason. One robots.txt is fetched per host:port.
"""

from __future__ import annotations

import asyncio

from protego import Protego
from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.httpobj import urlparse_cached

from liveaudit.crawler.warc import decode_capped

PARSE_LIMIT = 500 * 1024
ROBOTS = "liveaudit_robots"  # request meta key marking a robots.txt request


def parse_limited(body: bytes) -> bytes:
    """The first PARSE_LIMIT bytes of a robots.txt, cut after its last whole line."""
    if len(body) <= PARSE_LIMIT:
        return body
    head = body[:PARSE_LIMIT]
    end = head.rfind(b"\n")
    return head[: end + 1] if end >= 0 else b""


class _Rules:
    """What one host's robots.txt says: Protego rules, or allow-all / disallow-all."""

    def __init__(self, parser: Protego | None = None, allow_all: bool = False, why: str = "") -> None:
        self.parser = parser
        self.allow_all = allow_all
        self.why = why

    def allowed(self, url: str, agent: str) -> bool:
        if self.parser is not None:
            return self.parser.can_fetch(url, agent)
        return self.allow_all


class RobotsTxtMiddleware:
    """Ask each host's robots.txt (once) before any other request to it."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.agent = crawler.settings["USER_AGENT"]
        self.rules: dict[str, _Rules | asyncio.Future] = {}
        crawler.signals.connect(self._bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request, spider=None):
        if request.meta.get(ROBOTS) or request.meta.get("dont_obey_robotstxt"):
            return None
        rules = await self._rules(request)
        if not rules.allowed(request.url, self.agent):
            reason = f" ({rules.why})" if rules.why else ""
            raise IgnoreRequest(f"Forbidden by robots.txt{reason}")
        return None

    async def _rules(self, request) -> _Rules:
        url = urlparse_cached(request)
        known = self.rules.get(url.netloc)
        if isinstance(known, _Rules):
            return known
        if known is not None:
            return await asyncio.shield(known)
        waiting = asyncio.get_running_loop().create_future()
        self.rules[url.netloc] = waiting
        robots = Request(
            f"{url.scheme}://{url.netloc}/robots.txt",
            priority=1000,
            callback=NO_CALLBACK,
            meta={ROBOTS: True, "dont_obey_robotstxt": True, "download_maxsize": 0},
        )
        rules = _Rules(allow_all=False, why="robots.txt fetch cancelled")
        try:
            response = await self.crawler.engine.download_async(robots)
            rules = self._from_response(response)
        except Exception as exc:  # refused, timed out, DNS: "unreachable" -> disallow all
            rules = _Rules(allow_all=False, why=f"robots.txt unreachable: {type(exc).__name__}")
        finally:  # also when the crawl is shutting down: nobody waits forever
            self.rules[url.netloc] = rules
            waiting.set_result(rules)
        return rules

    @staticmethod
    def _from_response(response) -> _Rules:
        if response.status >= 500:
            return _Rules(allow_all=False, why=f"robots.txt answered HTTP {response.status}")
        if response.status >= 400:
            return _Rules(allow_all=True)
        if response.status >= 300:  # a redirect beyond the limit: unreachable
            return _Rules(allow_all=False, why="robots.txt redirected too often")
        text = parse_limited(response.body).decode("utf-8", errors="replace")
        return _Rules(parser=Protego.parse(text))

    def _bytes_received(self, data, request, spider=None):
        if request.meta.get(ROBOTS):
            got = request.meta.get("liveaudit_robots_bytes", 0) + len(data)
            request.meta["liveaudit_robots_bytes"] = got
            if got >= PARSE_LIMIT:
                raise StopDownload(fail=False)  # the rules of the first 500 KiB are all we read


class RobotsBodyMiddleware:
    """Next to the network, for robots.txt only: undo its Content-Encoding up to PARSE_LIMIT
    (Scrapy's own decompression would go up to the download limit, which robots.txt lifts)."""

    def process_response(self, request, response, spider=None):
        if not request.meta.get(ROBOTS):
            return response
        encodings = response.headers.getlist("Content-Encoding")
        if not encodings:
            return response
        body, _ = decode_capped(response.body, [e.decode("latin-1") for e in encodings], PARSE_LIMIT)
        headers = response.headers.copy()
        del headers["Content-Encoding"]
        return response.replace(body=body, headers=headers)
