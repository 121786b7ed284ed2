"""Extraction: what a fetched body says, as plain data (main text, title, author, date, language).

HTML goes through trafilatura; Markdown/plain-text READMEs are kept as text; RSS/Atom feeds
give their items' titles and summaries (and links to follow); sitemaps give links only; PDFs
and other binary bodies are recorded as `not_extracted` with the reason, never dropped.
XML is parsed with entities and network access off (no XXE). Everything returned is JSON
data: `extract()` runs in worker processes and its result crosses back as a JSON string.
Docs: https://trafilatura.readthedocs.io/en/latest/corefunctions.html#bare-extraction
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

FEED_ROOTS = {"rss", "feed", "rdf"}
SITEMAP_ROOTS = {"urlset", "sitemapindex"}
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.I)


def body_format(content_type: str | None, url: str, body: bytes) -> str:
    """html | markdown | text | feed | sitemap | pdf | other, from the type, the URL and the first bytes."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = body[:512].lstrip().lower()
    path = url.split("?")[0].lower()
    if ctype == "application/pdf" or head.startswith(b"%pdf-"):
        return "pdf"
    if ctype in ("text/markdown", "text/x-markdown") or path.endswith((".md", ".markdown")):
        return "markdown"
    if "xml" in ctype or head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<urlset")):
        root = _xml_root_name(body)
        if root in FEED_ROOTS:
            return "feed"
        if root in SITEMAP_ROOTS:
            return "sitemap"
        if ctype.endswith("html") or b"<html" in head:
            return "html"
        return "other"
    if ctype in ("text/html", "application/xhtml+xml") or b"<html" in head or head.startswith(b"<!doctype html"):
        return "html"
    if ctype.startswith("text/"):
        return "text"
    return "other"


def _xml_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True, load_dtd=False)


def _xml_root_name(body: bytes) -> str | None:
    from lxml import etree

    try:
        root = etree.fromstring(body, parser=_xml_parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    return etree.QName(root).localname.lower()


def xml_links(body: bytes, base_url: str) -> list[str]:
    """Links of a feed (item/entry links) or a sitemap (<loc>), absolute, in document order."""
    from lxml import etree

    try:
        root = etree.fromstring(body, parser=_xml_parser())
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    links = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname.lower()
        if name == "loc" and el.text:
            links.append(el.text.strip())
        elif name == "link":
            href = el.get("href") or (el.text or "").strip()
            parent = el.getparent()
            if href and parent is not None and etree.QName(parent).localname.lower() in ("item", "entry"):
                links.append(href)
    return [urljoin(base_url, u) for u in links]


def _declared_charset(content_type: str | None, body: bytes, fmt: str) -> str | None:
    match = _CHARSET.search(content_type or "")
    if match:
        return match.group(1).strip("\"'")
    if fmt == "html":
        from w3lib.encoding import html_body_declared_encoding

        return html_body_declared_encoding(body)
    return None


def decode(body: bytes, content_type: str | None, fmt: str) -> tuple[str, str, str | None]:
    """(text, encoding used, problem or None). Bad bytes become U+FFFD and the problem says so."""
    from w3lib.encoding import html_to_unicode

    declared = _declared_charset(content_type, body, fmt)
    problem = None
    if declared:
        import codecs

        try:
            codecs.lookup(declared)
            body.decode(declared, errors="strict")
        except LookupError:
            problem = f"bad encoding: the page declares an unknown charset {declared!r}"
        except UnicodeDecodeError as exc:
            problem = f"bad encoding: the bytes are not valid {declared} (first bad byte at {exc.start}); decoded with replacement characters"
    encoding, text = html_to_unicode(content_type, body)
    return text, encoding, problem


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#"):
            return line.lstrip("#").strip() or None
        if line and not line.startswith(("<", "[!", "!")):
            return line[:200]
    return None


def _feed(body: bytes) -> tuple[str | None, str]:
    from lxml import etree

    root = etree.fromstring(body, parser=_xml_parser())
    title = None
    parts = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname.lower()
        parent = el.getparent()
        pname = etree.QName(parent).localname.lower() if parent is not None and isinstance(parent.tag, str) else ""
        text = " ".join("".join(el.itertext()).split())
        if not text:
            continue
        if name == "title" and pname in ("channel", "feed") and title is None:
            title = text
        elif name in ("title", "description", "summary", "content") and pname in ("item", "entry"):
            parts.append(text if name != "title" else f"\n{text}")
    return title, "\n".join(p.strip() for p in parts).strip()


def _html(text: str, url: str) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(
        text,
        url=url,
        with_metadata=True,
        fast=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    lang = re.search(r"<html[^>]*\slang=[\"']?([A-Za-z-]{2,16})", text[:4096], re.I)
    if doc is None:
        return {
            "text": None,
            "title": None,
            "author": None,
            "published_at": None,
            "language": lang.group(1) if lang else None,
        }
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {
        "text": data.get("text") or None,
        "title": data.get("title"),
        "author": data.get("author"),
        "published_at": data.get("date"),
        "language": (lang.group(1) if lang else None) or data.get("language"),
    }


def extract(body: bytes, url: str, content_type: str | None) -> dict:
    """The extraction of one body: extract_status, text, title, author, published_at, language, details."""
    fmt = body_format(content_type, url, body)
    out = {
        "format": fmt,
        "extract_status": "extracted",
        "text": None,
        "title": None,
        "author": None,
        "published_at": None,
        "language": None,
        "encoding": None,
        "problem": None,
        "note": None,
    }
    if fmt in ("pdf", "other"):
        out["extract_status"] = "not_extracted"
        out["note"] = (
            "PDF: archived, text not extracted (PDF extraction is not supported)"
            if fmt == "pdf"
            else f"{content_type or 'unknown type'}: archived, not a text format"
        )
        return out
    if fmt == "sitemap":
        out["extract_status"] = "not_extracted"
        out["note"] = "sitemap: links followed, no text"
        return out
    if fmt == "feed":
        try:
            out["title"], out["text"] = _feed(body)
        except Exception as exc:  # lxml recovers most feeds; a hopeless one is still archived
            out["extract_status"], out["note"] = "not_extracted", f"feed could not be parsed: {exc}"
            return out
        out["extract_status"] = "extracted" if out["text"] else "empty"
        return out
    text, encoding, problem = decode(body, content_type, fmt)
    out["encoding"], out["problem"] = encoding, problem
    if fmt == "html":
        try:
            out.update(_html(text, url))
        except Exception as exc:  # trafilatura on a hostile page: archive it, say why
            out["extract_status"], out["note"] = "not_extracted", f"extraction failed: {type(exc).__name__}: {exc}"
            return out
    else:
        out["text"] = text.strip() or None
        out["title"] = _markdown_title(text) if fmt == "markdown" else None
    if not out["text"]:
        out["extract_status"] = "empty"
    return out


def extract_json(body: bytes, url: str, content_type: str | None) -> str:
    """`extract()` as a JSON string: what worker processes send back."""
    return json.dumps(extract(body, url, content_type))


def exit_with_parent(parent_pid: int, every_s: float = 1.0) -> None:
    """Worker initializer: end this extraction worker once its crawl process is gone.

    A crawl killed with SIGKILL cannot shut its pool down, and a spawned worker blocked on the
    pool's queue would wait forever (it holds the queue's write end itself, so it never sees
    EOF); a daemon thread notices the new parent pid and exits the process instead.
    """
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every_s)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
