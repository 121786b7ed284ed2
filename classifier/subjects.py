"""What a sentence is about, and what it only names: the mentions that are objects (compared
with, built on, accelerated, listed as options) rather than the subject (classifier/systems.py)."""

from __future__ import annotations

import re

_PRESENT = re.compile(
    r"\bwe (?:present|introduce|propose|release|unveil|announce|open-source|call (?:it|this))\s+$", re.I
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
