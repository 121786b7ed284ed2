"""HTML to the Markdown-like text `segment.blocks` reads, with the standard library only.

Nothing of the page is executed or rendered: scripts, styles and templates are
dropped, block elements become lines, list items "- ", headings "# ", table rows
"| a | b |" (a header row gets a separator so the row renderer keeps the header),
and preformatted code is fenced so the segmenter skips it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

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
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> tuple[str, str | None]:
    """(text, title) of an HTML page; never raises on malformed markup."""
    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser may assert on broken markup; keep what was read
        pass
    text = "".join(parser.out)
    lines = [ln.strip() if not ln.startswith("|") else ln for ln in text.split("\n")]
    title = " ".join("".join(parser.title).split()) or None
    return "\n".join(lines), title
