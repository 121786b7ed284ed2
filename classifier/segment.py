"""Blocks of a document before sentence segmentation: Markdown that survives the sentencizer.

spaCy's sentencizer splits on punctuation only, so a README's bullet list, table or
code block would come out as one run-on "sentence". `blocks(text)` first cuts the
text into blocks a reader sees as separate (paragraphs, headings, list items, table
rows, quotes) and drops code (fenced or indented) and HTML tags; inline Markdown
(links, images, emphasis, inline code marks) is unwrapped. A table row is written
with its header, "Model: Self-Forcing; FPS: 17", so its figures keep their units.
Each block keeps a map from its characters to offsets in the original text.

Work stays linear on hostile text: every pattern has bounded repetition or is anchored
so it cannot rescan a line, lines longer than MAX_LINE_CHARS are read in pieces, and a
paragraph longer than MAX_BLOCK_CHARS becomes several blocks cut at a sentence end or a
space (so spaCy never sees more than that at once, far below its max_length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")  # trailing "#"s are stripped in code (no rescans)
_ITEM = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")  # GFM: one hyphen is enough
_SETEXT = re.compile(r"^\s*(?:=+|-+)\s*$")
# inline Markdown and HTML: keep the named group, drop the rest
# (every repetition is bounded: on "[a](" or "**a" repeated, an unbounded one rescans to the end each time)
_INLINE = (
    re.compile(r"<!--[\s\S]{0,2000}?-->"),
    re.compile(r"!\[(?P<keep>[^\]]{0,500})\]\([^)]{0,2000}\)"),
    re.compile(r"\[(?P<keep>[^\]]{1,500})\]\([^)]{0,2000}\)"),
    re.compile(r"\[(?P<keep>[^\]]{1,500})\]\[[^\]]{0,500}\]"),
    re.compile(r"</?[a-zA-Z][^>]{0,1000}>"),
    re.compile(r"(?P<a>\*\*|__)(?P<keep>\S(?:.{0,500}?\S)?)(?P=a)"),
    re.compile(r"(?<![\w*])\*(?P<keep>[^*\s](?:[^*]{0,500}[^*\s])?)\*(?![\w*])"),
    re.compile(r"`(?P<keep>[^`]{1,500})`"),
)
MAX_BLOCK_CHARS = 20_000
_ALNUM = re.compile(r"[A-Za-z0-9]")
MAX_LINE_CHARS = 10_000
_SENT_END = re.compile(r"[.!?][\"')\]]{0,3}\s")


@dataclass
class Block:
    text: str
    offsets: list[int]  # original offset of each character of `text`
    kind: str  # paragraph | heading | item | row
    row: tuple[int, int] | None = None  # a table row is rewritten ("Model: X; FPS: 17"): its source line

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of text[start:end]; any part of a rewritten table row is the whole row."""
        if self.row is not None:
            return self.row
        if not self.offsets:
            return 0, 0
        start = min(max(start, 0), len(self.offsets) - 1)
        end = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[start], self.offsets[end] + 1


def _strip_inline(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    for pattern in _INLINE:
        if not pattern.search(text):
            continue
        out, idx, pos = [], [], 0
        for m in pattern.finditer(text):
            out.append(text[pos : m.start()])
            idx.extend(offsets[pos : m.start()])
            if "keep" in pattern.groupindex and m.group("keep") is not None:
                a, b = m.span("keep")
                out.append(text[a:b])
                idx.extend(offsets[a:b])
            pos = m.end()
        out.append(text[pos:])
        idx.extend(offsets[pos:])
        text = "".join(out)
        offsets = idx
    return text, offsets


def _cut_points(text: str, limit: int) -> list[int]:
    """Ends of pieces of at most `limit` characters, cut after the last sentence end (else the
    last space) in the second half of each piece; a hard cut where there is neither."""
    ends, start = [], 0
    while len(text) - start > limit:
        low = start + limit // 2
        window = text[low : start + limit]
        cut = None
        for m in _SENT_END.finditer(window):
            cut = m.end()
        if cut is None:
            space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            cut = space + 1 if space >= 0 else None
        start = low + cut if cut else start + limit
        ends.append(start)
    ends.append(len(text))
    return ends


def _split_long(lines: list[str], limit: int) -> list[str]:
    """`lines` with each line over `limit` characters cut into pieces (keeps every character)."""
    out = []
    for line in lines:
        if len(line) <= limit:
            out.append(line)
            continue
        start = 0
        for end in _cut_points(line, limit):
            out.append(line[start:end])
            start = end
    return out


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def blocks(text: str) -> list[Block]:
    """Cut `text` (Markdown, plain text or text extracted from HTML) into readable blocks."""
    lines = _split_long(text.splitlines(keepends=True), MAX_LINE_CHARS)
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line)
    out: list[Block] = []
    para: list[tuple[str, int]] = []
    header: list[str] | None = None
    fence: str | None = None

    def flush(kind: str = "paragraph") -> None:
        if not para:
            return
        text_parts, offsets = [], []
        for i, (seg, start) in enumerate(para):
            if i:
                text_parts.append(" ")
                offsets.append(start - 1 if start else 0)
            text_parts.append(seg)
            offsets.extend(range(start, start + len(seg)))
        whole, begin = "".join(text_parts), 0
        for end in _cut_points(whole, MAX_BLOCK_CHARS):
            joined, idx = _strip_inline(whole[begin:end], offsets[begin:end])
            begin = end
            lead = len(joined) - len(joined.lstrip())
            joined = joined.strip()
            if _ALNUM.search(joined):
                out.append(Block(joined, idx[lead : lead + len(joined)], kind))
        para.clear()

    for i, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        start = starts[i]
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        if m := _FENCE.match(line):
            flush()
            fence = m.group(1)
            continue
        if not line.strip():
            flush()
            header = None
            continue
        if line.startswith(("    ", "\t")) and not para and not _ITEM.match(line):
            continue  # an indented code block
        if "|" in line and _TABLE_SEP.match(line):
            if para and "|" in para[-1][0]:
                header = _cells(para.pop()[0])
                flush()
            continue
        if "|" in line and (header is not None or line.strip().startswith("|")):
            flush()
            cells = _cells(line)
            if header is not None and len(header) == len(cells):
                rendered = "; ".join(f"{h}: {c}" if h else c for h, c in zip(header, cells) if c)
            else:
                rendered = " | ".join(c for c in cells if c)
            if header is None:
                para.append((line, start))  # maybe the header of a table: decided by the next line
                continue
            row, offsets = _strip_inline(rendered, [start] * (len(rendered) - 1) + [start + len(line) - 1])
            if row.strip():
                out.append(Block(row.strip(), offsets[: len(row.strip())], "row", (start, start + len(line.rstrip()))))
            continue
        if _RULE.match(line) and not para:
            continue
        if _SETEXT.match(line) and para:
            flush("heading")
            continue
        if m := _HEADING.match(line):
            flush()
            para.append((m.group(1).rstrip().rstrip("#").rstrip(), start + m.start(1)))
            flush("heading")
            continue
        if m := _QUOTE.match(line):
            line, start = line[m.end() :], start + m.end()
        if m := _ITEM.match(line):
            flush()
            para.append((line[m.end() :], start + m.end()))
            continue
        stripped = line.lstrip()
        para.append((stripped, start + len(line) - len(stripped)))
    flush()
    return out
