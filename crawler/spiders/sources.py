"""The `sources` spider: fetch each source's start URLs and follow its links to its depth.

Every URL ends as exactly one `FetchItem`: a page, or a failure with its kind and reason
(HTTP 4xx/5xx, timeout, oversized body, redirect loop, robots.txt denial, invalid URL...), so the
crawl goes on and the store records why. The spider keeps its own frontier (`seen`), which
`liveaudit.crawler.frontier` rebuilds from the store on --resume; Scrapy's duplicate filter
is bypassed so that a redirect loop is seen as a loop. Docs: https://docs.scrapy.org/en/latest/topics/spiders.html
"""

from __future__ import annotations

import posixpath
import re
from http import HTTPStatus
from urllib.parse import urldefrag, urljoin, urlsplit

import scrapy
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TimeoutError as TwistedTimeoutError

from liveaudit.crawler.extract import body_format, xml_links
from liveaudit.crawler.items import CrawlState, FetchItem, canonical
from liveaudit.crawler.middlewares import EXCHANGES
from liveaudit.threads import parse_thread

# Links to images, videos, archives... are not followed; PDFs are (recorded as not extracted).
SKIPPED_EXTENSIONS = frozenset(IGNORED_EXTENSIONS) - {"pdf"}
_MD_LINK = re.compile(r"\]\((https?://[^)\s]+|/[^)\s]*)\)")


MAX_URL_CHARS = 2048  # the width of the store's URL columns


def url_problem(url: str) -> str | None:
    """Why `url` cannot be requested (a port out of range, a broken IPv6 host, no host, longer
    than the store keeps...), or None."""
    if len(url) > MAX_URL_CHARS:
        return f"longer than {MAX_URL_CHARS} characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        host = parts.hostname
        if host:
            host.encode("idna")
    except (ValueError, UnicodeError) as exc:
        return str(exc) or type(exc).__name__
    if parts.scheme not in ("http", "https") or not host:
        return "not an absolute http(s) URL"
    return None


def classify_failure(failure, exchanges: tuple) -> tuple[str, str, str]:
    """(outcome, issue kind, reason) for a failed request."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Unknown"
        retries = failure.request.meta.get("retry_times", 0)
        after = f" (after {retries} retries)" if retries else ""
        kind = "http_5xx" if status >= 500 else "http_4xx" if status >= 400 else "http_other"
        return "error", kind, f"HTTP {status} {phrase}{after}"
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if "robots.txt" in message:
            why = message[message.find("(") :] if "(" in message else ""
            return "skipped", "robots", f"robots.txt disallows this URL for our user agent; not requested {why}".strip()
        if "redirect" in message:
            chain = [e.url for e in exchanges]
            if len(set(chain)) < len(chain):
                return "error", "redirect_loop", "redirect loop: " + " -> ".join(chain)
            return "error", "too_many_redirects", f"more than {len(chain) - 1} redirects: " + " -> ".join(chain)
        if "DOWNLOAD_MAXSIZE" in message:  # Scrapy stopped inflating a compressed body at the limit
            return "error", "too_large", f"body larger than the download size limit once decompressed: {message}"
        if "offsite" in message.lower() or "Filtered offsite" in message:
            return "skipped", "offsite", f"outside the allowed domains: {message}"
        return "skipped", "ignored", message or "request ignored"
    if isinstance(exc, (DownloadTimeoutError, TwistedTimeoutError)):
        retries = failure.request.meta.get("retry_times", 0)
        return (
            "error",
            "timeout",
            f"timed out after {failure.request.meta.get('download_timeout', '?')} s ({retries} retries)",
        )
    if isinstance(exc, DownloadCancelledError):
        return "error", "too_large", f"body larger than the download size limit: {exc}"
    return "error", "download", f"{type(exc).__name__}: {exc}"


def _join(base: str, href: str) -> str:
    try:
        return urljoin(base, href)
    except ValueError:
        return href


class SourcesSpider(scrapy.Spider):
    """Crawl the sources of a sources file; see the module docstring."""

    name = "sources"

    def __init__(self, sources=(), state: CrawlState | None = None, plan=None, max_pages: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sources = {s.id: s for s in sources}
        self.state = state or CrawlState()
        self.max_pages = max_pages
        self.plan = plan
        self.seen: set[str] = set(plan.seen) if plan is not None else set()
        self.allowed_domains = sorted({d for s in self.sources.values() for d in s.allowed_domains})

    async def start(self):
        targets = (
            self.plan.to_fetch
            if self.plan is not None
            else [(url, s.id, 0) for s in self.sources.values() for url in s.start_urls]
        )
        for url, source_id, depth in targets:
            output = self._request(url, source_id, depth)  # a request, or an invalid URL's error item
            if output is not None:
                yield output

    # ---- frontier ------------------------------------------------------------------------
    def invalid(self, url: str, source_id: str, depth: int) -> FetchItem | None:
        """The error item of a URL that cannot be requested (once per URL), else None.

        A bad URL, as a start URL or as a link, is that URL's error: the crawl goes on.
        """
        problem = url_problem(url)
        if problem is None:
            return None
        self.seen.add(canonical(url))
        self.state.scheduled += 1
        return FetchItem(
            url=url,
            source_id=source_id,
            depth=depth,
            outcome="error",
            issue="invalid_url",
            reason=f"invalid URL: {problem}",
        )

    def _request(self, url: str, source_id: str, depth: int) -> scrapy.Request | FetchItem | None:
        """A request for `url`, its error item if it cannot be requested, or None (seen, capped)."""
        key = canonical(url)
        if key in self.seen:
            return None
        failed = self.invalid(url, source_id, depth)
        if failed is not None:
            return failed
        if self.max_pages is not None and self.state.scheduled >= self.max_pages:
            self.state.capped.add(key)
            return None
        self.seen.add(key)
        self.state.scheduled += 1
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.failed,
            dont_filter=True,
            meta={"liveaudit_source": source_id, "liveaudit_depth": depth},
        )

    @staticmethod
    def _html_links(response) -> list[str]:
        """Absolute http(s) links of an HTML page, in order, without fragments or duplicates.

        A plain XPath over the already parsed page: Scrapy's LinkExtractor costs about four
        times as much per page and its domain rules compare host:port (see Source.allows).
        """
        base = response.xpath("//base/@href").get()
        base = urljoin(response.url, base.strip()) if base else response.url
        links, seen = [], set()
        for href in response.xpath("//a/@href | //area/@href").getall():
            href = href.strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
                continue
            try:
                url = urldefrag(urljoin(base, href))[0]
            except ValueError:  # e.g. "http://[::1": kept as it is, recorded as an invalid URL
                url = href
            if not url.lower().startswith(("http://", "https://")) or url in seen:
                continue
            try:
                ext = posixpath.splitext(urlsplit(url).path)[1].lower().lstrip(".")
            except ValueError:
                ext = ""
            if ext in SKIPPED_EXTENSIONS:
                continue
            seen.add(url)
            links.append(url)
        return links

    # ---- callbacks -----------------------------------------------------------------------
    def parse(self, response):
        source = self.sources[response.meta["liveaudit_source"]]
        depth = response.meta["liveaudit_depth"]
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        fmt = body_format(content_type, response.url, response.body)
        links: list[str] | None = None
        page_meta: dict[str, str] = {}
        if fmt == "html" and hasattr(response, "xpath"):
            for node in response.xpath("//meta[starts-with(@name, 'liveaudit:')]"):
                page_meta[node.attrib.get("name", "")] = node.attrib.get("content", "")
        thread = parse_thread(response.selector, response.url) if fmt == "html" and hasattr(response, "xpath") else None
        if depth < source.depth:
            links = []
            if fmt == "html" and hasattr(response, "xpath"):
                links = self._html_links(response)
            elif fmt in ("feed", "sitemap"):
                links = xml_links(response.body, response.url)
            elif fmt in ("markdown", "text"):
                links = [_join(response.url, u) for u in _MD_LINK.findall(response.text)]
            # an invalid URL is kept, to be recorded as that URL's error
            links = [u for u in links if url_problem(u) or source.allows(u)]
        self.seen.add(canonical(response.url))
        yield FetchItem(
            url=response.meta.get("redirect_urls", [response.url])[0],
            source_id=source.id,
            depth=depth,
            final_url=response.url,
            status=response.status,
            content_type=content_type,
            body=response.body,
            exchanges=response.meta.get(EXCHANGES, ()),
            links=links,
            page_meta=page_meta,
            format=fmt,
            thread=thread,
        )
        if thread and thread["next_url"] and source.allows(thread["next_url"]):  # a thread's next page, at any depth
            links = [*(links or ()), thread["next_url"]]
        for url in links or ():
            request = self._request(url, source.id, depth + 1)
            if request is not None:
                yield request

    def failed(self, failure):
        request = failure.request
        response = getattr(failure.value, "response", None)
        meta = response.meta if response is not None else request.meta
        exchanges = meta.get(EXCHANGES, ())
        outcome, kind, reason = classify_failure(failure, exchanges)
        yield FetchItem(
            url=meta.get("redirect_urls", [request.url])[0],
            source_id=meta["liveaudit_source"],
            depth=meta["liveaudit_depth"],
            final_url=response.url if response is not None else request.url,
            status=response.status if response is not None else None,
            exchanges=exchanges,
            outcome=outcome,
            issue=kind,
            reason=reason,
        )
