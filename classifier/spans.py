"""Sentence spans for the pipeline: long runs without spaces made breakable for spaCy, long sentences
cut into pieces, and the spans of each span group inside a sentence found by bisection."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Span

MAX_TOKEN_CHARS = 200  # longest run without a space handed to spaCy (see breakable)

_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


def breakable(text: str) -> str:
    """`text` with a space put in place of every MAX_TOKEN_CHARS-th character of a longer run
    without spaces ("[[[[..." or a 20 kB base64 blob): spaCy's tokenizer splits affixes off
    such a run one at a time, quadratic in its length. Same length, so offsets still hold."""
    if not _LONG_RUN.search(text):
        return text

    def spaced(m: re.Match) -> str:
        chars = list(m.group(0))
        chars[MAX_TOKEN_CHARS - 1 :: MAX_TOKEN_CHARS] = " " * len(chars[MAX_TOKEN_CHARS - 1 :: MAX_TOKEN_CHARS])
        return "".join(chars)

    return _LONG_RUN.sub(spaced, text)


def pieces_of(sent: Span, limit: int) -> list[Span]:
    """`sent` as runs of whole tokens of at most `limit` characters (one run when it is short)."""
    if sent.end_char - sent.start_char <= limit:
        return [sent]
    out, start = [], sent.start
    for tok in sent:
        if tok.i > start and tok.idx + len(tok.text) - sent.doc[start].idx > limit:
            out.append(sent.doc[start : tok.i])
            start = tok.i
    out.append(sent.doc[start : sent.end])
    return out


class SpanIndex:
    """The spans of each span group of a doc that fall inside a sentence, found by bisection
    (a scan of the whole doc per sentence is quadratic on a long document)."""

    GROUPS = ("liveness_terms", "quantities", "negated_terms", "hedges")

    def __init__(self) -> None:
        self._doc = None
        self._starts: dict[str, list[int]] = {}
        self._spans: dict[str, list[Span]] = {}

    def within(self, span: Span) -> dict[str, list[Span]]:
        if span.doc is not self._doc:
            self._doc = span.doc
            for name in self.GROUPS:
                group = sorted(span.doc.spans[name], key=lambda s: s.start) if name in span.doc.spans else []
                self._spans[name] = group
                self._starts[name] = [s.start for s in group]
        return {
            name: self._spans[name][
                bisect_left(self._starts[name], span.start) : bisect_left(self._starts[name], span.end)
            ]
            for name in self.GROUPS
        }
