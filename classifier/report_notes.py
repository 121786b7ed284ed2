"""What a user's report states besides its rate: frames, settings, the rate they imply, a retraction,
a run its author calls slower than their own usual ones.

"240 frames took me 200 s" gives 1.2 fps; "65 frames at 11.14 s/it" gives none (a step time is not
the clip's). Setting notes (precision, compile, attention, cache, offload, steps) travel with the
report so a verdict can compare like with like.
"""

from __future__ import annotations

import re

from liveaudit.classifier.figures import Figures

_I = re.IGNORECASE
_FRAMES = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})*|\d+)[\s-]*(?:video\s+|output\s+|latent\s+)?frames?\b(?!\s*(?:per|/|a)\s*s)|"
    r"\b(?:num_frames|num_output_frames|frames?)\s*[=:]?\s*(\d+)\b",
    _I,
)
_SETTINGS = (
    (
        "precision",
        re.compile(r"\b(?:bf16|bfloat16|fp16|float16|fp32|fp8|fp4|nvfp4|int8|int4|w8a8|half precision)\b", _I),
    ),
    ("compile", re.compile(r"\b(?:torch\.compile|compiled|tensorrt|cuda graphs?)\b", _I)),
    (
        "attention",
        re.compile(r"\b(?:flash[- ]?attn ?\d?|flash[- ]?attention ?\d?|fa[23]|sage ?attention|xformers)\b", _I),
    ),
    ("cache", re.compile(r"\b(?:teacache|tiny ?vae|kv[ _-]?cache)\b", _I)),
    ("offload", re.compile(r"\b(?:cpu offload\w*|offload(?:ing|ed)?)\b", _I)),
)


def frames_of(text: str) -> int | None:
    m = _FRAMES.search(text)
    if not m:
        return None
    raw = (m.group(1) or m.group(2) or "").replace(",", "")
    value = int(raw) if raw.isdigit() else None
    return value if value and 0 < value <= 1_000_000 else None


def derived_fps(frames: int | None, figures: dict) -> float | None:
    """frames / time when a report states both and no rate; None when the time is per step or per
    frame ("65 frames ... 11.14 s/it" is a step time, not the clip's)."""
    latency = figures.get("latency_s")
    if figures.get("fps") is not None or not frames or not latency:
        return None
    if figures.get("latency_type") not in (None, "end_to_end"):
        return None
    return round(frames / latency, 3)


def settings_of(text: str, figures: Figures) -> dict:
    notes = {name: sorted({m.group(0).lower() for m in pat.finditer(text)}) for name, pat in _SETTINGS}
    notes = {k: v for k, v in notes.items() if v}
    if figures.steps is not None:
        notes["steps"] = figures.steps
    return notes


# An author taking back their own figure in a later post ("Correction: I divided by the wrong
# frame count, so my number was wrong"): the earlier report stays, marked, and weighs nothing.
_RETRACTION = re.compile(
    r"\bcorrection\s*:|\bi (?:may have |might have )?mis(?:calculated|measured|counted|read)\b|"
    r"\bmy (?:earlier |previous |first )?(?:number|figure|result|measurement|calculation|fps) (?:was|is) "
    r"(?:wrong|off|incorrect|a mistake)\b|\b(?:ignore|disregard) my (?:earlier|previous|last|first) "
    r"(?:number|figure|result|post|comment)\b",
    re.I,
)


def withdrawn(reports: list[dict], posts: list[dict]) -> list[dict]:
    """`reports` with the figures each author took back in a later post marked `retracted`."""
    taken_back = {}  # author -> index of the first later post that withdraws their figures
    for post in posts:
        author = (post.get("author") or "").lower()
        if author and author not in taken_back and _RETRACTION.search(post.get("text") or ""):
            taken_back[author] = post["index"]
    for row in reports:
        at = taken_back.get((row.get("author") or "").lower())
        if at is not None and row["post_index"] < at:
            row["outcome"] = "retracted"
            row["figures"] = {**row["figures"], "retracted_in_post": at}
    return reports


# An author calling their own run slower than their usual ones ("much slower than my earlier
# runs", "generation has become slow"): the report is about a fault in their set-up, not the
# system's speed; it stays, marked, and weighs nothing.
_SLOWER_THAN_USUAL = re.compile(
    r"\b(?:slower|longer) than (?:my|our|it|they) (?:own )?(?:earlier|previous|usual|normal|first|past|old|"
    r"other|former)\b|\b(?:slower|longer) than (?:before|usual|normal|it used to|they used to)\b|"
    r"\b(?:has|have|had) (?:suddenly )?(?:become|got|gotten) (?:very |much |a lot )?slow(?:er)?\b",
    re.I,
)


def slower_than_usual(reports: list[dict], posts: list[dict]) -> list[dict]:
    """`reports` whose own post calls the run slower than the author's usual ones marked `anomalous`."""
    texts = {post["index"]: post.get("text") or "" for post in posts}
    for row in reports:
        if row.get("outcome") is None and _SLOWER_THAN_USUAL.search(texts.get(row["post_index"], "")):
            row["outcome"] = "anomalous"
    return reports
