"""Stable addresses for what a publication cites: claim cards, verdicts, report sections.

    base = public_base()                          # PUBLIC_BASE_URL, "" when unset
    card_url(base, 123)                           # "cards/0000.html#claim-123"
    verdict_url(base, 123, 456)                   # "https://desk.example/la/cards/0000.html#verdict-456"
    section_url(base, "answer")                   # "report.html#answer"

Layout of a published folder (what `liveaudit export` and `liveaudit report` write; publish
both --out folders' files under PUBLIC_BASE_URL): `cards/NNNN.html` (claim cards, a thousand
claims a page, by claim id: ids never change, rows are only appended) and `report.html`.
Unset, every address is relative to the folder, so the files work as they are copied.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from liveaudit import config
from liveaudit.errors import ConfigError

CARDS_PER_PAGE = 1000


def public_base(value: str | None = None) -> str:
    """PUBLIC_BASE_URL with one trailing slash, or "" (relative links); E002 for a non-http(s) URL."""
    base = (config.get("PUBLIC_BASE_URL") if value is None else value) or ""
    if not base:
        return ""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError("E002", name="PUBLIC_BASE_URL", value=base, reason="must be an http(s) URL or empty")
    return base.rstrip("/") + "/"


def card_page(claim_id: int) -> str:
    """The cards page (relative path) holding this claim."""
    return f"cards/{claim_id // CARDS_PER_PAGE:04d}.html"


def card_url(base: str, claim_id: int) -> str:
    return f"{base}{card_page(claim_id)}#claim-{claim_id}"


def verdict_url(base: str, claim_id: int, verdict_id: int) -> str:
    return f"{base}{card_page(claim_id)}#verdict-{verdict_id}"


def section_url(base: str, section: str) -> str:
    return f"{base}report.html#{section}"


def archive_url(base: str, warc_file: str | None) -> str | None:
    """Where the archived copy (the WARC file, published beside the cards) is, or None."""
    return f"{base}{warc_file}" if warc_file else None
