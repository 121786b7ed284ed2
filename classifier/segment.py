"""Blocks of a document before sentence segmentation: Markdown that survives the sentencizer.

spaCy's sentencizer splits on punctuation only, so a README's bullet list, table or
code block would come out as one run-on "sentence". `blocks(text)` first cuts the
text into blocks a reader sees as separate (paragraphs, headings, list items, table
rows, quotes) and drops code (fenced or indented) and HTML tags; inline Markdown
(links, images, emphasis, inline code marks) is unwrapped. A table row is written
with its header, "Model: Self-Forcing; FPS: 17", so its figures keep their units.
Each block keeps a map from its characters to offsets in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SETEXT = re.compile(r"^\s*(?:=+|-+)\s*$")
# inline Markdown and HTML: keep the named group, drop the rest
_INLINE = (
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"!\[(?P<keep>[^\]]*)\]\([^)]*\)"),
    re.compile(r"\[(?P<keep>[^\]]+)\]\([^)]*\)"),
    re.compile(r"\[(?P<keep>[^\]]+)\]\[[^\]]*\]"),
    re.compile(r"</?[a-zA-Z][^>]*>"),
    re.compile(r"(?P<a>\*\*|__)(?P<keep>\S(?:.*?\S)?)(?P=a)"),
    re.compile(r"(?<![\w*])\*(?P<keep>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"),
    re.compile(r"`(?P<keep>[^`]+)`"),
)


@dataclass
class Block:
    text: str
    offsets: list[int]  # original offset of each character of `text`
    kind: str  # paragraph | heading | item | row

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of text[start:end]."""
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


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def blocks(text: str) -> list[Block]:
    """Cut `text` (Markdown, plain text or text extracted from HTML) into readable blocks."""
    lines = text.splitlines(keepends=True)
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
        joined, offsets = _strip_inline("".join(text_parts), offsets)
        lead = len(joined) - len(joined.lstrip())
        joined = joined.strip()
        if re.search(r"[A-Za-z0-9]", joined):
            out.append(Block(joined, offsets[lead : lead + len(joined)], kind))
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
                out.append(Block(row.strip(), offsets[: len(row.strip())], "row"))
            continue
        if _RULE.match(line) and not para:
            continue
        if _SETEXT.match(line) and para:
            flush("heading")
            continue
        if m := _HEADING.match(line):
            flush()
            para.append((m.group(1), start + m.start(1)))
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
