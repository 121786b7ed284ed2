"""What the spider hands to the pipelines (one item per URL, whatever happened), and the
crawl's live counters that the progress display and the run summary read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from w3lib.url import canonicalize_url


def canonical(url: str) -> str:
    """The document key of a URL: canonical form (sorted query, no fragment); an invalid URL
    (recorded as an error, never fetched) is its own key."""
    try:
        return canonicalize_url(url, keep_fragments=False)
    except ValueError:
        return url


@dataclass
class FetchItem:
    """The outcome of one URL: a page (2xx) or a failure (error kind and reason)."""

    url: str  # as requested
    source_id: str
    depth: int
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    body: bytes = b""
    exchanges: tuple = ()
    links: list[str] | None = None  # None: not looked for (at the source's depth limit)
    page_meta: dict[str, str] = field(default_factory=dict)
    format: str | None = None
    outcome: str | None = None  # for failures: error | skipped
    issue: str | None = None  # error kind: http_4xx, http_5xx, timeout, too_large, redirect_loop, ...
    reason: str | None = None
    notes: list[str] = field(default_factory=list)  # problems of a stored page: bad_encoding, slow
    sha256: str | None = None
    extraction: dict[str, Any] | None = None
    thread: dict[str, Any] | None = None  # posts of an issue/discussion/forum page (liveaudit/threads.py)

    @property
    def is_page(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and self.issue is None


@dataclass
class CrawlState:
    """Counters shared by the spider, the pipelines and the progress display."""

    max_pages: int | None = None
    scheduled: int = 0
    finished: int = 0
    new_versions: int = 0
    unchanged: int = 0
    errors: int = 0
    skipped: int = 0
    capped: set[str] = field(default_factory=set)
    issues: Counter = field(default_factory=Counter)
    warc_bytes: int = 0
    close_reason: str | None = None
    crawl_seconds: float = 0.0
    fatal: str | None = None

    @property
    def queued(self) -> int:
        return max(self.scheduled - self.finished, 0)

    def snapshot(self) -> dict[str, Any]:
        return {
            "fetched": self.finished,
            "queued": self.queued,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "skipped": self.skipped,
            "mb_archived": round(self.warc_bytes / 1e6, 3),
        }

    def summary(self) -> dict[str, Any]:
        return {
            **self.snapshot(),
            "issues": dict(sorted(self.issues.items())),
            "capped": len(self.capped),
            "close_reason": self.close_reason,
            "crawl_seconds": self.crawl_seconds,
        }
