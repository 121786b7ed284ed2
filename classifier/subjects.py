"""What a sentence is about, and what it only names: the mentions that are objects (compared
with, built on, accelerated, listed as options) rather than the subject (classifier/systems.py)."""

from __future__ import annotations

import re

_PRESENT = re.compile(
    r"\bwe (?:have |are |'re )?(?:present(?:ed|ing)?|introduc(?:e|ed|ing)|propos(?:e|ed|ing)|releas(?:e|ed|ing)|"
    r"unveil(?:ed|ing)?|announc(?:e|ed|ing)|open-sourc(?:e|ed|ing)|call (?:it|this))\s+$",
    re.I,
)


# the accelerated models of a passive sentence are its objects: "X and Y can be accelerated by 2x" (by us)
_ACCELERATED = re.compile(r"\b(?:can be|are|is|were|was|gets?)\s+(?:\w+\s+)?(?:accelerated|sped up|speeded up)\b", re.I)
_OURS = re.compile(r"\b(?:we|our)\b", re.I)

# a sentence whose subject is the authors or their own work ("Our method has the same speed as
# CausVid", "We turn LTX-2.3 into ...", "Additionally, ... our fast model surpasses CogVideoX")
_WE_SUBJECT = re.compile(
    r"^\W*(?:(?:additionally|moreover|furthermore|in addition|also|here|now|today|finally|overall|instead|"
    r"notably|in contrast|in this work|in this paper|specifically),?\s+)*(?:(?:based on|building (?:up)?on|built (?:up)?on|powered by|on top of) [^,;]{0,80},\s*)?(?:we\b|our\b)",
    re.I,
)


def objects_of(sentence: str, found: list) -> set[int]:
    """Starts of mentions that are not what the sentence is about: the accelerated models
    of a passive sentence, a parenthesised list of options in a sentence about "we"
    ("we now support cache inference (deepcache, teacache), ..."), and every system a sentence
    about "we" / "our method" names, except one named right after "our" or presented ("we
    introduce X"): the others are what it is compared with, built on or applied to."""
    out = set()
    if (we := _WE_SUBJECT.match(sentence)) and not any(x.start <= we.end() + 1 for x in found):
        out |= {x.start for x in found if not _PRESENT.search(sentence[: x.start])}
    if m := _ACCELERATED.search(sentence):
        out |= {x.start for x in found if x.start < m.start()}
    for group in re.finditer(r"\(([^()]{0,200},[^()]{0,200})\)", sentence):
        outside = sentence[: group.start()] + sentence[group.end() :]
        if _OURS.search(outside):
            out |= {x.start for x in found if group.start() < x.start < group.end()}
    return out


# a product-like name right after "we release / introduce ..." ("We have released MuseTalk, a ...")
_PRESENTED = re.compile(
    r"\b(?i:we (?:have |are |'re )?(?:present(?:ed|ing)?|introduc(?:e|ed|ing)|releas(?:e|ed|ing)|unveil(?:ed|ing)?|"
    r"open-sourc(?:e|ed|ing)))\s+([A-Z][\w.+-]*[a-z0-9][A-Z0-9][\w.+-]*|[A-Z]{2,}[\w.+-]*\d[\w.+-]*)"
)


def presented_name(sentence: str) -> str | None:
    """The name a sentence presents when the registry does not know it: "MuseTalk" in "We have
    released MuseTalk, a real-time lip-sync model" (a product-shaped word: inner capital or digits)."""
    m = _PRESENTED.search(sentence or "")
    return m.group(1).rstrip(".,;:") if m else None
