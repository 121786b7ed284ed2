"""`liveaudit extract`: claims of files or web pages, without the store.

Reads each input (a path, or an http(s) URL fetched once with a size and time limit),
turns HTML into text (html.py, nothing executed or rendered), and returns one dict per
claim with exactly the keys of `pipeline.EXTRACT_KEYS`. Unreadable input raises
InputError E602 / E603 naming it.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

from liveaudit import __version__ as _version
from liveaudit import config
from liveaudit.classifier.html import html_to_text
from liveaudit.classifier.pipeline import Classifier
from liveaudit.classifier.role import thread_keys
from liveaudit.errors import InputError
from liveaudit.threads import parse_thread

_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.M)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.I | re.S)
_FENCE = re.compile(r"^\s{0,3}(```|~~~).*?(?:^\s{0,3}\1[^\n]*$|\Z)", re.M | re.S)


def _fetch(url: str, limit: int, timeout: float) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": f"liveaudit/{_version} (extract)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310 - http(s) only, checked by the caller
            body = resp.read(limit + 1)
            ctype = resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise InputError("E602", input=url, reason=f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise InputError("E602", input=url, reason=str(getattr(exc, "reason", exc))) from None
    if len(body) > limit:
        raise InputError("E603", input=url, reason=f"larger than CLASSIFY_MAX_BYTES ({limit} bytes)")
    return body, ctype


def read_input(item: str) -> tuple[str, str | None]:
    """(text, title) of a path or URL; HTML is converted, Markdown and text kept."""
    text, title, _ = read_input_raw(item)
    return text, title


def read_input_raw(item: str) -> tuple[str, str | None, str | None]:
    """`read_input` plus the raw HTML (None for other formats), which the thread reader needs."""
    limit = int(config.get("CLASSIFY_MAX_BYTES"))
    if re.match(r"^https?://", item, re.I):
        body, ctype = _fetch(item, limit, float(config.get("CLASSIFY_FETCH_TIMEOUT")))
        is_html = "html" in ctype.lower() or bool(_HTML_SNIFF.match(body[:2048]))
    elif "://" in item:
        raise InputError("E603", input=item, reason="only http and https URLs are fetched")
    else:
        path = Path(item)
        if not path.is_file():
            raise InputError("E202", input=item)
        if path.stat().st_size > limit:
            raise InputError("E603", input=item, reason=f"larger than CLASSIFY_MAX_BYTES ({limit} bytes)")
        body = path.read_bytes()
        is_html = path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(_HTML_SNIFF.match(body[:2048]))
    if b"\x00" in body[:4096]:
        raise InputError("E603", input=item, reason="binary content, not text")
    text = body.decode("utf-8", errors="replace")
    if is_html:
        return (*html_to_text(text), text)
    return text, markdown_title(text), None


def markdown_title(text: str) -> str | None:
    """The first level-1 heading of a Markdown text, `# Title` outside code fences or `<h1>`."""
    unfenced = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = [m for m in (_HEADING.search(unfenced), _H1.search(unfenced)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    title = re.sub(r"<[^>]+>", " ", first.group(1))
    return " ".join(title.split()) or None


def extract(inputs: list[str], classifier: Classifier | None = None) -> list[dict]:
    """One dict per claim found in the inputs, in input and sentence order."""
    clf = classifier or Classifier()
    out = []
    for item in inputs:
        text, title, raw = read_input_raw(item)
        thread = parse_thread(raw, item) if raw else None
        roles = thread_keys(thread) if thread and thread["posts"] else {}
        for c in clf.claims(text, title=title, source=item):
            found = c.extract_json(item)
            if thread and thread["posts"]:  # a thread: who wrote the sentence decides its role
                found.update(
                    roles.get(
                        re.sub(r"\s+", " ", c.sentence).strip(), {"role": "none", "frames": None, "outcome": None}
                    )
                )
            out.append(found)
    return out
