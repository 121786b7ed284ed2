"""System resolution: which registered system a claim is about, or None ("unresolved").

Order: the sentence (its first mention that is not a comparison baseline), then the
document title, then the source URL, then the document's text when all of its
non-baseline mentions name one system. A name that could be several systems (a bare
"Wan2.1") resolves to nothing; we never guess. Aliases: data/lexicon.yaml `systems`
and the registry data/systems/*.yaml when present (lexicon.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from liveaudit.classifier.lexicon import Lexicon

# words after which a mention is the baseline of a comparison, not the subject
_BASELINE_CUE = re.compile(r"(?:than|over|compared (?:to|with)|relative to|versus|vs\.?|unlike|from|on top of|built on|based on|distilled from)\s+(?:the\s+)?(?:[\w.-]+\s+){0,1}$", re.I)


@lru_cache(maxsize=8)
def _pattern(aliases: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])({alt})(?![\w+]|\.\d|-(?:style|like|based|inspired)\b)", re.I)


_LOWERED: dict[str, dict[str, str]] = {}


def mentions(text: str, lex: Lexicon) -> list[tuple[str, int, bool]]:
    """(canonical system, offset, is_baseline) for each alias found in `text`."""
    lowered = _LOWERED.get(lex.sha256)
    if lowered is None:
        lowered = _LOWERED[lex.sha256] = {a.lower(): s for a, s in lex.systems.items()}
    found = []
    for m in _pattern(tuple(lowered)).finditer(text or ""):
        baseline = bool(_BASELINE_CUE.search(text[max(0, m.start() - 40):m.start()]))
        found.append((lowered[m.group(1).lower()], m.start(), baseline))
    return found


def _url_words(source: str) -> str:
    return re.sub(r"[/_?=&#:]+", " ", source)


def resolve_system(sentence: str, title: str | None, source: str | None, lex: Lexicon,
                   doc_text: str | None = None) -> str | None:
    """The canonical system the sentence is about, or None when it cannot be told."""
    found = mentions(sentence, lex)
    subjects = [s for s, _, base in found if not base]
    if subjects:
        return subjects[0]
    return _from_context(title, source, doc_text, lex)


_CONTEXT: dict[tuple, str | None] = {}


def _from_context(title: str | None, source: str | None, doc_text: str | None, lex: Lexicon) -> str | None:
    """The system a document is about, from its title, source, then text (memoized per document)."""
    key = (title, source, doc_text, lex.sha256)
    if key in _CONTEXT:
        return _CONTEXT[key]
    if len(_CONTEXT) > 256:
        _CONTEXT.clear()
    found = None
    for context in (title, _url_words(source) if source else None):
        names = {s for s, _, _ in mentions(context or "", lex)}
        if len(names) == 1:
            found = names.pop()
            break
    else:
        names = {s for s, _, base in mentions(doc_text or "", lex) if not base}
        found = names.pop() if len(names) == 1 else None
    _CONTEXT[key] = found
    return found
