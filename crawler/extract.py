"""Extraction: what a fetched body says, as plain data (main text, title, author, date, language).

HTML goes through trafilatura; Markdown/plain-text READMEs are kept as text; RSS/Atom feeds
give their items' titles and summaries (and links to follow); sitemaps give links only; PDFs
and other binary bodies are recorded as `not_extracted` with the reason, never dropped.
XML is parsed with entities and network access off (no XXE). Everything returned is JSON
data: `extract()` runs in worker processes and its result crosses back as a JSON string.

No silent loss: control characters (raw or as `&#27;`, which make lxml drop the whole page)
are removed before trafilatura; when trafilatura finds no main text, or the page nests
deeper than lxml keeps (MAX_DEPTH), a plain text extractor (the standard library's
html.parser, which builds no tree) reads it instead. Every such step is listed in `cuts`
(and joined into `note`), which the crawl stores on the document.
Docs: https://trafilatura.readthedocs.io/en/latest/corefunctions.html#bare-extraction
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

FEED_ROOTS = {"rss", "feed", "rdf"}
SITEMAP_ROOTS = {"urlset", "sitemapindex"}
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.I)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_REF = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)(?!\d)|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F]));?"
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]{0,40})[^>]{0,2000}?(/?)>")
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "p",
    "li",
}
MAX_DEPTH = 255  # libxml2 keeps at most 256 levels without XML_PARSE_HUGE; deeper content is dropped


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
            return line.lstrip("#").strip()[:200] or None
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


def _depth(text: str) -> int:
    """Deepest element nesting of an HTML page, counted in one pass over its tags."""
    depth = deepest = 0
    for m in _TAG.finditer(text):
        name = m.group(2).lower()
        if m.group(3) or name in _VOID:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


class _PlainText(HTMLParser):
    """Visible text of a page, one line per block; scripts and styles skipped; no tree kept."""

    SKIP = {"script", "style", "template", "noscript", "svg", "head", "iframe", "object"}
    BLOCK = {
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "tr",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dd",
        "dt",
        "figcaption",
        "header",
        "footer",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def plain_text(text: str) -> str | None:
    """The page's visible text by html.parser (no depth limit), blank lines folded; None if none."""
    parser = _PlainText()
    try:
        # a "<" that opens no tag, or whose tag never closes before the next "<", is text (html.parser rescans those)
        parser.feed(re.sub(r"<(?![A-Za-z/!?])|<(?![^<>]*>)", "&lt;", text))
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser may assert on broken markup; keep what was read
        pass
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) or None


def _html(text: str, url: str) -> dict:
    import trafilatura

    cuts = []
    cleaned = _CONTROLS.sub("", _CONTROL_REF.sub("", text))
    if len(cleaned) != len(text):
        cuts.append(f"{len(text) - len(cleaned)} control character(s) or references to them removed before extraction")
    doc = trafilatura.bare_extraction(
        cleaned,
        url=url,
        with_metadata=True,
        fast=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    lang = re.search(r"<html[^>]{0,500}?\slang=[\"']?([A-Za-z-]{2,16})", text[:4096], re.I)
    data = {} if doc is None else (doc.as_dict() if hasattr(doc, "as_dict") else dict(doc))
    out = {
        "text": data.get("text") or None,
        "title": data.get("title"),
        "author": data.get("author"),
        "published_at": data.get("date"),
        "language": (lang.group(1) if lang else None) or data.get("language"),
    }
    depth = _depth(cleaned)
    if depth > MAX_DEPTH:
        plain = plain_text(cleaned)
        if plain and len(plain) > len(out["text"] or ""):
            out["text"] = plain
            cuts.append(
                f"page nested {depth} levels deep (over {MAX_DEPTH}, where the HTML tree stops): "
                "text taken by the plain extractor"
            )
    if not out["text"]:
        plain = plain_text(cleaned)
        if plain:
            out["text"] = plain
            cuts.append("trafilatura found no main text: text taken by the plain extractor (may include navigation)")
    out["cuts"] = cuts
    return out


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
        "cuts": [],
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
        if out["cuts"]:
            out["note"] = "; ".join(out["cuts"])
    else:
        cleaned = _CONTROLS.sub("", text)
        if len(cleaned) != len(text):
            out["cuts"] = [f"{len(text) - len(cleaned)} control character(s) removed"]
            out["note"] = out["cuts"][0]
        out["text"] = cleaned.strip() or None
        out["title"] = _markdown_title(cleaned) if fmt == "markdown" else None
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
