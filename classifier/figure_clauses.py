"""Which figure of a sentence is the claim's: steps of the figure reader (figures.py).

- A resolution is read width first unless the sentence declares another order
  ("Setting (height/width/frame): 720px1280px129f" is 1280x720).
- "from ~7 mins to ~50 s" states a change: the time the claim is about is the one it ends at.
- A frame rate that describes the video made ("a 5 s, 768p, 24 fps video") is an output spec,
  not a speed, when the sentence times the whole clip's generation.
- "over a 35% speed-up" is 1.35x; "3x speed for training and 2x speed for inference" is 2x:
  a speed-up of training is no generation speed.
- A sentence whose only speed-like figure is the frame rate of the video it makes ("videos at
  768p and 24 FPS"), with no time, GPU, stream or speed word, is an output spec: no candidate.
- A speed-up's baseline: the system named after "than"/"over"/"compared to", or before it.
"""

from __future__ import annotations

import re

from liveaudit.classifier.lexicon import Lexicon
from liveaudit.classifier.numbers import NUM, normalize, to_float

HEIGHT_FIRST = re.compile(r"\b(?:height|h)\s*[/x*,]\s*(?:width|w)\b")
FROM_TO = re.compile(
    rf"\bfrom\s+~?\s*{NUM}\s*(?:ms|s|secs?|seconds?|mins?|minutes?|hours?|h)\b\S*\s+to\s+(?=~?\s*{NUM})|"
    # "300s \u2192 90s", "25 sec per step \u2192 11 sec per step": the time after the arrow
    rf"~?\s*{NUM}\s*(?:ms|s|secs?|seconds?|mins?|minutes?|hours?|h)\b(?:\s+per\s+\w+)?\s*(?:\u2192|\\?-\\?>|\u27f6|=>)\s*(?=~?\s*{NUM})"
)
_BASELINE_BEFORE = re.compile(r"\b(?:compared (?:to|with)|relative to|versus|vs\.?)\s+(.+?)\s*,")
_BASELINE = re.compile(
    r"\s*(?:(?:inference|generation|sampling|decoding)\s+)?(?:than|over|compared (?:to|with)|relative to|versus|vs\.?)\s+(.+?)(?=[,.;:()\[\]]|\s+(?:on|at|with|while|and|in|when|for|using|under|without|across|by|to)\b|$)"
)
# "8 minutes 31 seconds", "1 h 20 min": two units, one time (group 1: the words before, for "took")
COMPOUND_TIME = re.compile(
    rf"(\b\w+\s+(?:\w+\s+)?)?(?<![\w.])({NUM})\s*(h|hours?|hrs?|min|mins|minutes?)\s*(?:and\s+)?({NUM})\s*"
    r"(?:s|secs?|seconds?|min|mins|minutes?)(?![a-z])"
)
_CLIP = r"(?:videos?|clips?|movies?|animations?)"
_PERCENT_SPEEDUP = re.compile(rf"(?<![\w.])({NUM})\s*%\s*(?:speed-?ups?|faster|acceleration)\b")
_X_SPEED = re.compile(rf"(?<![\w.])({NUM})\s*(?:x|times)\s+(?:the\s+)?speed\b(?!-?up)(?!\s+(?:for|in|of)\s+training)")


def resolution_order(text: str, first: str, second: str) -> tuple[str, str]:
    """(width, height) of a "W x H" match, swapped where the sentence says height comes first."""
    return (second, first) if HEIGHT_FIRST.search(text) else (first, second)


def label_type(text: str, start: int, label: str) -> str | None:
    """An "Inference Time (s)" or "Generation time (s)" cell: the time to make the whole clip."""
    if re.match(r"per[- ]step", label):
        return "per_step"  # a "Per-step (ms): 870" cell
    named = re.search(r"\b(?:inference|generation|wall)\s+$", text[max(0, start - 12) : start])
    return "end_to_end" if named or label.startswith("generation") else None


def time_search_start(text: str) -> int:
    """Where to look for the claim's time: after the last "from X to" or "X \u2192" when the sentence states a change."""
    ends = [m.end() for m in FROM_TO.finditer(text)]
    return ends[-1] if ends else 0


def describes_clip(text: str, start: int, end: int) -> bool:
    """Whether the frame rate at text[start:end] describes a video ("24 fps video", "clips at 24 fps")."""
    after = re.match(rf"(?:,?\s+[\w.-]+){{0,1}}\s+{_CLIP}\b", text[end : end + 30])
    before = re.search(rf"\b{_CLIP}\s+(?:at|in)\s+$", text[max(0, start - 20) : start])
    return bool(after or before)


_TWICE = re.compile(rf"(?<![\w.])({NUM})\s*(?:x|times)\s+as\s+(?:fast|quick)\b")  # "twice as fast" reads "2x as fast"
# "speed up x2", "x3 faster": the multiplier written before its number
_X_BEFORE = re.compile(
    rf"\b(?:speeds?\s+up|sped\s+up|faster|accelerat\w*)\s+(?:by\s+)?x\s?({NUM})\b|(?<![\w.])x\s?({NUM})\s+(?:times\s+)?(?:faster|speed-?up)"
)


# a results row's multiplier cell with no header to name it ("| SVG | 27.6 | ... | 1.61× |",
# "Ours (2.28x): Our Video", "H20: 7.8x"): a speed-up, unless the row speaks of sizes or lengths
_CELL_MULT = re.compile(rf"(?:^|[|;(:])\s*~?({NUM})\s*[x\u00d7]\s*(?=[|;)]|$|,\s)")
_NOT_SPEED_MULT = re.compile(
    r"compress|upsampl|downsampl|super-?resolution|\bsr\b|memory|vram|\bhbm\b|spatial|temporal|size|length|longer|"
    r"params|parameters|zoom|scale\b|scaling|die\b|mm²",
    re.I,
)


def multiplier_cell(text: str) -> re.Match | None:
    """The first multiplier cell of a table row (cells joined by | or ;, or a "(N×)" cell)."""
    if text.count("|") < 2 and text.count(";") < 2 and not re.search(r"\(\s*~?\d+(?:\.\d+)?\s*[x\u00d7]\s*\)", text):
        return None
    m = _CELL_MULT.search(text)
    return m if m and not _NOT_SPEED_MULT.search(text) else None


def read_speed(r) -> None:
    """A speed-up written as a percentage, as "N x speed" (not of training), "twice as fast" or "x2"."""
    if r.f.speedup is None and (m := _TWICE.search(r.t)):
        r.set("speedup", to_float(m.group(1)), m.start(1))
        r.mask(m)
    if r.f.speedup is None and (m := _X_BEFORE.search(r.t)):
        r.set("speedup", to_float(m.group(1) or m.group(2)), m.start())
        r.mask(m)
    if r.f.speedup is None and (m := multiplier_cell(r.t)):
        r.set("speedup", to_float(m.group(1)), m.start(1))
        r.mask(m, 1)
    for pat, scale in ((_PERCENT_SPEEDUP, True), (_X_SPEED, False)):
        if r.f.speedup is not None:
            return
        m = pat.search(r.t)
        value = to_float(m.group(1)) if m else None
        if value is not None:
            r.set("speedup", 1 + value / 100 if scale else value, m.start(1))
            r.mask(m)


def read_compound_time(r) -> None:
    """Two units, one time ("8 minutes 31 seconds", "1 h 20 min"); after "took" it is end to end."""
    if m := COMPOUND_TIME.search(r.t, time_search_start(r.t)):
        big, small = to_float(m.group(2)), to_float(m.group(4))
        if big is not None and small is not None:
            scale = 3600.0 if m.group(3).startswith("h") else 60.0
            if r.set("latency_s", big * scale + small * (60.0 if scale == 3600.0 else 1.0), m.start(2)):
                took = re.search(
                    r"\b(?:took|takes|take|taking|total|totals)\s+(?:about\s+|around\s+|~)?$", m.group(1) or ""
                )
                r.f.latency_type = "end_to_end" if took else None
            r.mask(m)


def baseline_before(head: str, lex: Lexicon) -> str | None:
    m = max(_BASELINE_BEFORE.finditer(head), key=lambda found: found.start(), default=None)  # the last one
    return clean_baseline(m.group(1), lex) if m else None


def baseline_after(rest: str, lex: Lexicon) -> str | None:
    m = _BASELINE.match(rest)
    return clean_baseline(m.group(1), lex) if m else None


def clean_baseline(phrase: str, lex: Lexicon) -> str | None:
    phrase = phrase.strip()
    lowered = {a.lower(): s for a, s in lex.systems.items()}
    for alias in sorted(lowered, key=len, reverse=True):
        if re.search(rf"(?<![\w.]){re.escape(alias)}(?![\w])", phrase):
            return lowered[alias]
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase)
    phrase = re.sub(r"\s+", " ", phrase).strip()
    return phrase[:80] or None


_TIMED_CELL = re.compile(rf"(?<![\w.]){NUM}\s*(?:ms|s|secs?|seconds?|mins?|minutes?|fps)\b")


def own_cells(row: str, mention: str | None) -> str | None:
    """A table row ("GPU NUM: 4; baseline + xdit: 464.3s; Ours: 293.3s") whose cells time
    several systems, kept to the cells of the claim's own: its cell and the untimed ones
    (the figure belongs to the clause its subject is in). None when `mention` heads no cell."""
    cells = [c for c in row.split(";") if c.strip()]
    if not mention or len(cells) < 3 or any(":" not in c for c in cells):
        return None
    heads = [c.split(":", 1)[0].strip().lower() for c in cells]
    if mention.lower() not in heads:
        return None
    kept = [c for c, h in zip(cells, heads) if h == mention.lower() or not _TIMED_CELL.search(c)]
    return ";".join(kept) if len(kept) < len(cells) else None


# the frame rate of the video made, in a spec: "videos at 768p resolution and 24 fps", "5s, 768p,
# 24fps", "24fps video"
_SPEC_FPS = re.compile(
    rf"\b(?:videos?|clips?|examples?|movies?)\s+(?:are\s+)?(?:generated\s+)?at\s+[^.;:]{{0,40}}?{NUM}\s*fps\b"
    rf"|(?:\d{{3,4}}p|\d{{3,4}}x\d{{3,4}}|{NUM}\s*s)\s*,\s*(?:and\s+)?{NUM}\s*fps\b"
    rf"|{NUM}\s*fps\s+(?:videos?|clips?)\b"
    rf"|\bin (?:length|duration)\s*,?\s*(?:and\s+)?at\s+{NUM}\s*fps\b"
    rf"|\b\d{{3,4}}p\s+(?:resolution\s+|videos?\s+)?(?:with|at)\s+{NUM}\s*fps\b"
)
# "can also run on consumer-grade graphics cards like 4090": a GPU it fits on, not a speed on it
_RUNS_ON = re.compile(r"\bcan\s+(?:also\s+)?run\s+on\s+(?:[\w-]+\s+){0,3}(?:graphics\s+cards?|gpus?|cards?)\b")


_RESULT_FPS = re.compile(r"\bfps\s*[\u2191\u2193\u2b06\u2b07]")


def output_spec_only(text: str, figures) -> bool:
    """Whether the only speed-like figure a sentence states is the frame rate of the video it makes
    (an output spec, not a speed, when nothing times the generation)."""
    t = normalize(text)
    gpu = None if _RUNS_ON.search(t) else figures.gpu
    timed = (figures.latency_s, figures.compute_s_per_video_s, figures.speedup, figures.steps, gpu)
    if figures.fps is None or (gpu and figures.gpu_count is not None) or any(v is not None for v in timed):
        return False  # a frame rate on named hardware, or beside a time, is a speed
    if re.search(r"\bstream|\breal[- ]?time|\bfaster\b|\bspeed", t):
        return False  # a stream's frame rate is the speed it is made at
    if _RESULT_FPS.search(t):
        return False  # a results column marked better-when-higher ("FPS\u2191: 18.2") is measured, not a spec
    spec = len(_SPEC_FPS.findall(t))
    return spec >= 1 and spec >= len(re.findall(rf"{NUM}\s*(?:fps|frames? per second)\b|\bfps\s*:", t))


_HEDGE_PATTERNS: dict[str, re.Pattern] = {}


def _hedge_pattern(lex: Lexicon) -> re.Pattern:
    alt = "|".join(re.escape(h) for h in sorted(lex.hedges, key=len, reverse=True))
    return re.compile(rf"(?:^|[\s(])({alt})\s*(?:the\s+|a\s+)?$")


_RANGE_AT = re.compile(rf"^{NUM}\s*(?:x|%|ms|s)?\s*(?:-|to)\s*{NUM}")
_RANGE_BEFORE = re.compile(rf"(?<![\w.]){NUM}\s*(?:x|%|ms|s)?\s*(?:-|to)\s*$")


def hedge_of(r, text: str, lex: Lexicon) -> None:
    """The hedge of the first stated figure (`r` a figures._Reader): a hedge word before it, a range
    ("55-60 FPS", "1.5-2x": LABELING.md's "range"), else "~" (about)."""
    starts = r.metric_starts or r.other_starts
    if r.f.hedge or not starts:
        return
    hp = _HEDGE_PATTERNS.get(lex.sha256) or _HEDGE_PATTERNS.setdefault(lex.sha256, _hedge_pattern(lex))
    full = normalize(text[:20000])
    for start in sorted(starts)[:1]:  # the hedge of the first stated figure
        before = full[max(0, start - 40) : start]
        word = hp.search(before)
        if word and lex.hedges[word.group(1)] != "about":
            r.f.hedge = lex.hedges[word.group(1)]
        elif _RANGE_AT.match(full[start : start + 40]) or _RANGE_BEFORE.search(before):
            r.f.hedge = "range"  # "55-60 FPS", "1.5-2x": LABELING.md's hedge of a range
        elif before.endswith("~") or word:
            r.f.hedge = "about"
        return
