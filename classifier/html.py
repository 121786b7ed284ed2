"""HTML to the Markdown-like text `segment.blocks` reads, with the standard library only.

Nothing of the page is executed or rendered: scripts, styles and templates are
dropped, block elements become lines, list items "- ", headings "# ", table rows
"| a | b |" (a header row gets a separator so the row renderer keeps the header),
and preformatted code is fenced so the segmenter skips it.

Hostile pages stay linear: a "<" that cannot open a tag is escaped first (html.parser
otherwise handles a flood of them one by one), the page is fed in pieces so a time
budget can stop it between two, and html.parser keeps no tree, so nesting depth costs
nothing and nothing deep is dropped. Control characters are removed from the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from liveaudit.errors import LiveauditError

# a "<" not followed by a tag name, "/", "!" or "?" is text (HTML's rule); escaped, it stays one run of data
# (also one whose tag never closes before the next "<": html.parser rescans such a run to its end)
_STRAY_LT = re.compile(r"<(?![A-Za-z/!?])|<(?![^<>]*>)")
# C0 and C1 controls except tab, newline and carriage return; references to C0 controls (&#27;)
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_REF = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)(?!\d)|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F]));?"
)
FEED_CHARS = 65536
_SPACE = re.compile(r"\s+")

_SKIP = {"script", "style", "template", "noscript", "svg", "head", "iframe", "object"}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "br",
    "hr",
    "blockquote",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "table",
    "thead",
    "tbody",
    "form",
    "details",
    "summary",
    "caption",
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.row_is_header = False
        self.rows_in_table = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.out.append("\n\n")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "pre":
            self.pre += 1
            self.out.append("\n\n```\n")
        elif tag == "tr":
            self.row, self.row_is_header = [], False
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.row_is_header |= tag == "th"
        if tag == "table":
            self.rows_in_table = 0

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self.out.append("\n```\n\n")
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()).replace("|", "/"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.rows_in_table == 0:
                self.out.append("\n\n")
            self.out.append("| " + " | ".join(self.row) + " |\n")
            if self.rows_in_table == 0 and self.row_is_header:
                self.out.append("|" + "---|" * len(self.row) + "\n")
            self.rows_in_table += 1
            self.row = None
        elif tag in _BLOCK or tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "table"):
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.pre:
            self.out.append(data)
        else:
            self.out.append(_SPACE.sub(" ", data))


def clean_controls(text: str) -> str:
    """`text` without control characters (terminal escapes, NUL, BEL...); tab and newlines stay."""
    return CONTROLS.sub("", text)


def html_to_text(html: str, check: Callable[[str], None] | None = None) -> tuple[str, str | None]:
    """(text, title) of an HTML page; never raises on malformed markup.

    `check(stage)` is called between pieces of the page (a time budget raises there).
    """
    html = CONTROLS.sub("", _CONTROL_REF.sub("", _STRAY_LT.sub("&lt;", html)))
    parser = _Text()
    try:
        for start in range(0, len(html), FEED_CHARS):
            if check:
                check("reading the HTML")
            parser.feed(html[start : start + FEED_CHARS])
        parser.close()
    except LiveauditError:  # the time budget ran out: the caller records it
        raise
    except Exception:  # noqa: BLE001 - html.parser may assert on broken markup; keep what was read
        pass
    text = CONTROLS.sub("", "".join(parser.out))
    lines = [ln.strip() if not ln.startswith("|") else ln for ln in text.split("\n")]
    title = " ".join("".join(parser.title).split())[:300] or None
    return "\n".join(lines), title
