"""Claim cards: the pages a ClaimReview's `url` and a citation point at (cards/NNNN.html).

One static HTML page per thousand claims (by claim id, `publish/links.py`), one card per
claim with anchors `claim-ID` and `verdict-ID`: the quoted sentence, the page it is on and
its archived copy, the verdict and its reason. Written while the rows stream past
(`CardWriter.watch`), so it costs one pass with the ClaimReview lines. Every value from the
store is escaped; a link is made only for an http(s) page; the page runs no script.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from liveaudit.publish.export.tabular import as_text_columns
from liveaudit.publish.links import CARDS_PER_PAGE, card_page

HEAD = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>liveaudit claim cards {first}-{last}</title>'
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    "<style>body{{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}"
    "article{{border:1px solid #ddd;padding:.5rem 1rem;margin:1rem 0}}blockquote{{font-style:italic;margin:0}}"
    ".ref{{color:#616161;font-size:.8rem}}</style></head><body><h1>Claim cards {first}-{last}</h1>\n"
)


def _e(value: object) -> str:
    return "–" if value is None or value == "" else escape(str(value), quote=True)


def _link(url: str | None) -> str:
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url, quote=True)}" rel="nofollow noopener noreferrer">{_e(url)}</a>'
    return _e(url)


def card(r: dict) -> str:
    """One card (HTML) of an exported row (a dict keyed by column name)."""
    vid = r["verdict_id"]
    verdict = (
        f'<div id="verdict-{vid}"><p><strong>{_e(r["verdict"])}</strong> (verdict #{vid}, '
        f"{_e(r['rules_version'])}): {_e(r['verdict_reason'])}</p></div>"
        if vid is not None
        else "<p>Not judged yet.</p>"
    )
    return (
        f'<article id="claim-{r["claim_id"]}"><blockquote>{_e(r["claim_sentence"])}</blockquote>'
        f"<p>System: {_e(r['system'])} · implies {_e(r['implied_level'])} · claim #{r['claim_id']}</p>"
        f'<p class="ref">On {_link(r["url"])} (version {_e(r["document_version"])}, fetched '
        f"{_e(r['fetched_at'])}, sha256 {_e(r['content_sha256'])}); archived copy: "
        f"{_e(r['warc_file'])} record {_e(r['warc_record_id'])}</p>{verdict}</article>\n"
    )


class CardWriter:
    """Writes cards/NNNN.html under `folder` from the batches it watches; `files` lists the pages."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "cards"
        self.files: list[Path] = []
        self._page: int | None = None
        self._fh: IO[str] | None = None

    def _open(self, page: int) -> None:
        self._close()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder.parent / card_page(page * CARDS_PER_PAGE)
        self._fh = path.open("w", encoding="utf-8", newline="\n")
        self._fh.write(HEAD.format(first=page * CARDS_PER_PAGE, last=(page + 1) * CARDS_PER_PAGE - 1))
        self.files.append(path)
        self._page = page

    def _close(self) -> None:
        if self._fh is not None:
            self._fh.write("</body></html>\n")
            self._fh.close()
            self._fh = None

    def watch(self, batches: Iterable) -> Iterator:
        try:
            for batch in batches:
                for r in as_text_columns(batch).to_pylist():
                    page = r["claim_id"] // CARDS_PER_PAGE
                    if page != self._page:
                        self._open(page)
                    assert self._fh is not None
                    self._fh.write(card(r))
                yield batch
        finally:
            self._close()
