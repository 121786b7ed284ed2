"""The level a claim implies, read from its sentence and its system's schedule (rules v2).

A word list alone misreads claims: LTX-Video's "real-time" (a clip made faster than it plays,
nothing streams) is L1, not streaming; "<40 ms response" is a conversational latency (L4);
"navigate in real time" is interactive (L3); "not real time" implies nothing. The order:

1. a negated liveness term ("not real-time", "far from real time", "non-real-time") -> None;
2. a latency that is a response to input, under the L4 bound (150 ms) -> L4; under 1 s -> L3;
3. "navigate / control / respond / steer / play / interact ... in real time" -> L3;
4. a whole-clip system (schedule family `whole_clip_dit`) -> at most L1;
5. otherwise the classifier's word-list level.
"""

from __future__ import annotations

import re

from liveaudit.levels import Thresholds, rank
from liveaudit.vocab import LEVELS

_LIVE = r"\b(?:real[\s-]?time|realtime|live|interactive|streaming|instant(?:aneous)?|zero[\s-]?latency)\b"
_NEGATED = re.compile(
    rf"\b(?:not|never|isn't|is\s+not|aren't|cannot|can't|far\s+from|non|no\s+longer|nowhere\s+near|less\s+than|slower\s+than)"
    rf"[\s-]+(?:\w+[\s-]+){{0,2}}?{_LIVE}",
    re.I,
)
_INTERACT = re.compile(
    r"\b(?:navigat\w*|control\w*|respond\w*|steer\w*|playable|play\s+(?:it|the\s+game)|interact\w*|react\w*|"
    r"explor\w*|move\s+through|keyboard|mouse|action)\b",
    re.I,
)
_REALTIME = re.compile(_LIVE, re.I)
_RESPONSE = re.compile(r"\b(?:respon\w+|latency|lag|delay|reaction|input)\b", re.I)


def negated(sentence: str) -> bool:
    """True when every liveness term of the sentence is negated."""
    terms = list(_REALTIME.finditer(sentence or ""))
    if not terms:
        return False
    negs = [m.end() for m in _NEGATED.finditer(sentence) if not re.search(r"\b(?:only|just)\b", m.group(0), re.I)]
    return all(any(abs(end - t.end()) <= 1 for end in negs) for t in terms)


def implied_level(
    sentence: str, figures: dict, word_level: str | None, family: str | None, th: Thresholds
) -> tuple[str | None, str]:
    """(level or None, why): see the module docstring for the order of the rules."""
    text = sentence or ""
    if word_level is not None and negated(text):
        return None, "its liveness term is negated"
    if _REALTIME.search(text) and negated(text):
        return None, "its liveness term is negated"
    latency, kind = figures.get("latency_s"), figures.get("latency_type")
    responsive = kind in ("per_frame", "first_frame", "interactive", None) and _RESPONSE.search(text)
    if latency is not None and responsive and family not in ("whole_clip_dit",):
        if latency <= th.conversational_latency_max_s:
            return "L4", (
                f"a {latency * 1000:.0f} ms response is within the {th.conversational_latency_max_s * 1000:.0f} ms "
                "conversational bound"
            )
        if latency <= th.interactive_latency_max_s and kind != "first_frame":
            return "L3", f"a {latency:g} s response is within the {th.interactive_latency_max_s:g} s interactive bound"
    live_word = _REALTIME.search(text) or word_level is not None
    if live_word and _INTERACT.search(text) and family not in ("whole_clip_dit",):
        found = _INTERACT.search(text).group(0)
        return "L3", f"'{found}' with a liveness term means acting on the output as it plays"
    if family == "whole_clip_dit":
        if word_level is None and not _REALTIME.search(text):
            return None, "no liveness term"
        level = "L1" if word_level is None or rank(word_level) >= 1 else word_level
        return (
            level,
            "the system makes a whole clip before showing any of it, so 'real-time' can only mean faster than playback",
        )
    if word_level in LEVELS:
        return word_level, "from its wording"
    return None, "no liveness term"
