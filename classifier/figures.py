"""The figure normalizer: the numbers a claim states, in SI units and canonical names.

    >>> parse_figures("up to 20-30 fps at 1280x720 on a single H100, 4-step").to_dict()["fps"]
    20.0

`parse_figures(text)` never raises on text: what it cannot read is left null, and
`notes` says why a value was dropped (out of range) or that nothing was stated.
`describe(figures)` writes figures back as text that parses to the same values (the
round trip the property tests check). The field set is the claims-row contract
(`figures` JSON); `hedge` is the hedge of the first stated metric.
Patterns are applied in a fixed order and each match is masked, so a number is read
once: hardware, resolution, steps, fps, real-time factor, speed-up, duration, latency.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from liveaudit.classifier import figure_clauses as clauses
from liveaudit.classifier.figure_gpus import read_gpus
from liveaudit.classifier.lexicon import Lexicon, load_lexicon
from liveaudit.classifier.numbers import NUM, normalize, to_float
from liveaudit.vocab import FIGURE_FIELDS as FIELDS  # the one copy of the names

# Plausible ranges; a value outside is dropped with a note rather than stored.
RANGES = {
    "fps": (0.01, 10000),
    "latency_s": (1e-6, 1e6),
    "compute_s_per_video_s": (1e-6, 1e6),
    "width": (16, 16384),
    "height": (16, 16384),
    "duration_s": (0.01, 1e6),
    "gpu_count": (1, 100000),
    "steps": (1, 10000),
    "speedup": (1.0001, 1e6),
}

TIME_UNIT = r"(?:ms|msec|s|secs?|seconds?|mins?|minutes?|hours?|hrs?|h)"
FPS_UNIT = r"(?:fps|frames?\s*(?:per|/|a)\s*(?:second|sec|s)|f/s|hz)"
CLIP = r"(?:videos?|clips?|segments?|sequences?|shots?|footage|generations?|rollouts?|streams?|movies?|films?|animations?|content|outputs?|frames)"
_NOT_LINK = r"(?!(?:per|in|for|to|each|every|on|at)\b)"
_GAP = r"(?:[\s-]|,(?=\s\s))+"  # a comma only before a masked figure: "a 5s, 768p, 24fps video"
_SCALE = {
    "ms": 0.001,
    "msec": 0.001,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "hour": 3600,
    "hours": 3600,
    "hr": 3600,
    "hrs": 3600,
    "h": 3600,
}

_RESOLUTION = re.compile(r"(?<![\w.])(\d{3,4})\s*(?:p?x|\*|by)\s*(\d{3,4})(?:p?x\d{1,4}f?)?(?!\w|\.\d)")
_HEIGHT_P = re.compile(r"(?<![\w.])(\d{3,4})p(\d{2,3})?(?![a-z0-9])")
_STEPS = re.compile(
    rf"(?<![\w.])({NUM})[\s-]*(?:sampling\s+|denoising\s+|diffusion\s+|inference\s+|solver\s+|ode\s+)?steps?\b(?!\s*(?:of|by)\b)|\bsteps?\s*[:=]\s*({NUM})|(?<![\w.])({NUM})\s+(?:neural\s+|network\s+)?function\s+evaluations?|\b(?i:nfes?)\s*[:=]\s*({NUM})"
)
_HEIGHT_TO = re.compile(r"(?<![\w.])\d{3,4}p\s*(?:to|->|\u2192)\s*(\d{3,4})p(?![a-z0-9])", re.I)
_STEPS_TARGET = re.compile(
    rf"\b(?:into|down to|to just|to only)\s+(?:a\s+|an\s+|just\s+|only\s+)?({NUM})[\s-]*(?:sampling\s+|denoising\s+|inference\s+)?steps?\b"
    # "reduced from 40 steps (baseline) to 16 steps": the count it ends with
    rf"|\bfrom\s+{NUM}[\s-]*steps?\b[^.;]{{0,30}}?\bto\s+({NUM})[\s-]*steps?\b"
)
_FPS = re.compile(
    rf"(?<![\w.@])({NUM})(?:\s*(?:-|to)\s*({NUM}))?\s*{FPS_UNIT}(?![a-z])(?!\s?=)"
)  # "frames=508 fps=35": a key
# (whitespace runs bounded: masked figures leave long runs of spaces, and three adjacent \s* over
# one run backtrack cubically; 10 is more than any real text puts there)
_FPS_LABEL = re.compile(
    rf"\b(?:fps|frame rate|framerate|throughput \(fps\))(?:\s+on\s+[\w-]+)?\s{{0,10}}(?:of|:|=|is|reaches|at|\|)?\s{{0,10}}~?\s{{0,10}}({NUM})(?![\d.,])(?!\s*(?:x|%|[a-z](?![a-z_]*=)))"
    # a row named by its metric: "Metric: FPS; Value: 4.1", "Metric: FPS; Baseline: 4.1; Turbo: 7.0"
    rf"|^\W*metric\s*:\s*(?:fps|frame rate)\s*[;|]\s*[^:;|]{{1,30}}:\s*~?({NUM})(?![\d.,])"
)
_TIME_LABEL = re.compile(
    rf"\b(?:time|latency|ttff|generation time|per[- ]step)\s*\((ms|s|sec|seconds)\)\s*[:=|]\s*~?\s*({NUM})"
)
# a labelled time with its unit after the number ("Latency*: 139 s", "Wall time = 12.5 s")
_TIME_CELL = re.compile(
    rf"(?:\b(?:latency|generation time|inference time|expected time|wall[- ]?(?:clock )?time|e2e time|run ?time)|(?:^|(?<=; ))(?:time|wall))"
    rf"\s*\*{{0,2}}\s*[:=]\s*~?"
    rf"({NUM})\s*({TIME_UNIT})(?![a-z/])"
)
_RTF = re.compile(
    rf"\b(?:real[- ]?time factor|rtf)\s{{0,10}}(?:\(rtf\)\s{{0,10}})?(?:of|:|=|is|at|around|about|below|under|~)?\s{{0,10}}~?\s{{0,10}}({NUM})"
)
_X_REALTIME = re.compile(
    rf"(?<![\w.])({NUM})\s*(?:x|times)\s*(?:faster than\s+|quicker than\s+|as fast as\s+)?real[- ]?time\b"
)
_PER_VIDEO_S = re.compile(
    rf"(?<![\w.])({NUM})\s*(?:s|secs?|seconds?)\s+(?:of\s+(?:compute|computation|gpu time|processing)\s+)?(?:per|for each|for every|/)\s*(?:(?:1|a)\s+)?(?:video[\s-]second|second of (?:\w+\s+)?{CLIP}|output second)"
)
_SPEEDUP = re.compile(
    rf"(?<![\w.])({NUM})(?:\s*|-)(?:x|\u00d7|times)\s*(?:(?:end-to-end|e2e|inference|overall|actual|wall-clock|latency)\s+){{0,2}}"
    rf"(?:faster|quicker|speed-?ups?|lower latency|less latency|higher throughput|(?:the\s+)?throughput|acceleration|more efficient|(?:fps\s+)?improvement|"
    rf"(?:latency|runtime) reduction)\b|\b(?:speed-?ups?|acceleration)\s+(?:of|reaches|is|over\s+(?P<base>[^,.;]{{1,40}}?)\s+is)\s+(?:up to\s+|about\s+|~)?({NUM})\s*(?:x|times)?"
    rf"|\b(?:improves?|improved|increases?|boosts?|speeds?\s+up|accelerat(?:es?|ed)|(?:cuts?|cutting|reduc(?:es?|ed|ing))\s+(?:the\s+)?(?:\w+\s+)?(?:latency|time|runtime))\b[^;]{{0,60}}?\bby\s+(?:up to\s+|about\s+|~|over\s+|more than\s+)?({NUM})\s*(?:x|\u00d7|times)"
    rf"|\bspeed-?up(?:\s+ratio|\s+factor|\s+(?:vs\.?|over)\s+[\w.-]+)?\s*[:=|]\s*~?({NUM})\s*x|\bspeed(?:-?ups?)?\s*\(\s*(?:up to\s+)?({NUM})\s*x\s*\)"
)
_DURATIONS = (
    re.compile(
        rf"(?<![\w.])({NUM})[\s-]*({TIME_UNIT})(?:[\s-]+long)?{_GAP}(?:{_NOT_LINK}[\w.]+{_GAP}){{0,2}}?{CLIP}\b"
    ),
    # a "video duration: 5s" cell, "generate 5s (81 frames) of ...": the clip's length
    re.compile(rf"\b(?:video\s+|clip\s+)?(?:duration|length)\s*[:=]\s*({NUM})\s*({TIME_UNIT})\b"),
    re.compile(rf"\bgenerat(?:e|es|ing)\s+(?:a\s+|up to\s+)?({NUM})[\s-]*({TIME_UNIT})\b(?!\s*(?:per\b|/|each\b))"),
    re.compile(
        rf"\b{CLIP}\s+(?:of|lasting|that last|longer than|up to|over|as long as)\s+(?:up to\s+|over\s+)?({NUM})[\s-]*({TIME_UNIT})\b"
    ),
    re.compile(rf"(?<![\w.])({NUM})[\s-]*({TIME_UNIT})\s+of\s+(?:[\w.]+\s+){{0,2}}?{CLIP}\b"),
    re.compile(rf"(?<![\w.])({NUM})[\s-]*({TIME_UNIT})[\s-]+long\b"),
    # "approximately 6 seconds in length", and a spec list "144 frames, 6s, 24fps": the video's length
    re.compile(rf"(?<![\w.])({NUM})[\s-]*({TIME_UNIT})\s+in\s+(?:length|duration)\b"),
    re.compile(rf"\bframes?\s*,\s*({NUM})\s*({TIME_UNIT})\s*,(?=\s\s|\s*{NUM}\s*fps)"),  # fps read already
    # "keeps video going for four minutes": how long the video runs, not a time to make it
    re.compile(
        rf"\b(?:going|goes|keeps? going|lasts?|lasting|plays?|playing)\s+for\s+(?:up to\s+)?({NUM})[\s-]*({TIME_UNIT})\b"
    ),
    # "clips with synchronized audio up to 10 seconds": the length, not a time to make it
    re.compile(
        rf"\b{CLIP}\b[^.;]{{0,40}}?\b(?:up to|as long as|lasting)\s+({NUM})[\s-]*({TIME_UNIT})\b(?!\s+(?:on|per|to generate|to render))"
    ),
)
_TIME = re.compile(
    rf"(?<![\w.])({NUM})\s*({TIME_UNIT})(?:\s*/\s*(frame|chunk|block|it|iter|step|\d+\s*frames))?(?![a-z])"
)
# timing cells of a row that sets a baseline beside the method ("Baseline (min): 29:57; SVG (min):
# 15:38", "Original, E2E Time: 184s    Ours, E2E Time: 1.9s"): the row claims the last one
_CELL_TIME = re.compile(rf"\((min|s|sec)\)\s*[:=]\s*(\d{{1,3}}):(\d{{2}})\b|\be2e time\s*[:=]\s*({NUM})\s*s\b")
# a table's total column ("Total (s): 2.0") is the end-to-end time, before any stage's
_TOTAL_LABEL = re.compile(rf"\btotal(?:\s+time)?\s*\((ms|s|sec|seconds)\)\s*[:=|]\s*({NUM})")
# "speeds up by 100 to 150 times", "100-200x faster", "$100 \sim 200\times$": the upper value
_SPEEDUP_RANGE = re.compile(rf"(?<![\w.])({NUM})\s*(?:x\s*)?(?:-|to|~|\\sim)\s*({NUM})\s*(?:x|times|\\times)(?![a-z])")
_SUBSECOND = re.compile(r"\bsub[- ]?second\b")
_LATENCY_KEYS = (
    (
        "first_frame",
        re.compile(
            r"first[\s-]+frames?|first[\s-]+chunk|time[- ]to[- ]first|ttff|start-?up (?:latency|delay|time)|initial (?:latency|delay)|starts? (?:playing|streaming|playback)|before playback"
        ),
    ),
    (
        "per_chunk",
        re.compile(
            r"(?:per|each|every|a)[\s-]+(?:chunk|block|segment)|(?:chunk|block)[- ](?:latency|time)|/\s*(?:chunk|block)"
        ),
    ),
    (
        "per_step",
        re.compile(
            r"(?:per|each|every|one|a)[\s-]+(?:denoising\s+|sampling\s+)?(?:step|iteration)\b|step[- ]time|/\s*it\b"
        ),
    ),
    (
        "per_frame",
        re.compile(r"(?:per|each|every|a)[\s-]+frame\b|frame[- ](?:latency|time)|(?:\d|\bm?s|\bsec)\s*/\s*frame"),
    ),
    (
        "end_to_end",
        re.compile(
            r"end[- ]to[- ]end|input[- ]to[- ]output|action[- ]to[- ]|prompt[- ]to[- ]|motion[- ]to[- ]photon|round[- ]trip|respon(?:d|se|ds)|reaction|interaction latency|total (?:latency|time)|shows? up on|on screen|per clip"
        ),
    ),
)


@dataclass
class Figures:
    fps: float | None = None
    fps_max: float | None = None
    latency_s: float | None = None
    latency_type: str | None = None
    compute_s_per_video_s: float | None = None
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    gpu: str | None = None
    gpu_count: int | None = None
    steps: int | None = None
    speedup: float | None = None
    speedup_baseline: str | None = None
    hedge: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The `figures` JSON of a claims row (the contract's keys, nothing else)."""
        return {k: getattr(self, k) for k in FIELDS}

    def stated(self) -> bool:
        return any(getattr(self, k) is not None for k in FIELDS)

    def specificity(self) -> dict:
        """Which conditions a number needs the claim states, and their fraction."""
        spec = {
            "hardware": self.gpu is not None or self.gpu_count is not None,
            "resolution": self.width is not None or self.height is not None,
            "duration": self.duration_s is not None,
            "steps": self.steps is not None,
            "metric": any(v is not None for v in (self.fps, self.latency_s, self.compute_s_per_video_s, self.speedup)),
        }
        spec["score"] = round(sum(spec.values()) / 5, 2)
        return spec


def _round(x: float) -> float:
    return float(f"{x:.6g}")


class _Reader:
    """One parse: the normalized text, masked as figures are read."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.t = normalize(text)
        self.lex = lex
        self.f = Figures()
        self.metric_starts: list[int] = []
        self.other_starts: list[int] = []  # durations: hedged only when no metric is

    def mask(self, m: re.Match, group: int = 0) -> None:
        a, b = m.span(group)
        self.t = self.t[:a] + " " * (b - a) + self.t[b:]

    def set(self, name: str, value: float | int | None, start: int | None = None) -> bool:
        if value is None or getattr(self.f, name) is not None:
            return False
        lo, hi = RANGES.get(name, (-math.inf, math.inf))
        if not (lo <= value <= hi) or (isinstance(value, float) and not math.isfinite(value)):
            self.f.notes.append(f"{name} {value:g} ignored: outside the plausible range {lo:g} to {hi:g}")
            return False
        setattr(self.f, name, int(value) if name in ("width", "height", "gpu_count", "steps") else _round(float(value)))
        if start is not None and name in ("fps", "latency_s", "compute_s_per_video_s", "speedup"):
            self.metric_starts.append(start)
        return True


def parse_figures(text: str, lexicon: Lexicon | None = None) -> Figures:
    """Read every figure `text` states; never raises on a string."""
    lex = lexicon or load_lexicon()
    if not isinstance(text, str) or not text.strip():
        return Figures(notes=["no figures stated: empty text"])
    r = _Reader(text[:20000], lex)
    read_gpus(r)
    for m in _RESOLUTION.finditer(r.t):
        w, h = clauses.resolution_order(r.t, m.group(1), m.group(2))
        if r.f.height is None and r.set("width", to_float(w)):
            r.set("height", to_float(h))
        r.mask(m)
    if m := _HEIGHT_TO.search(r.t):  # "270p to 1080p": the resolution it ends with
        r.set("height", to_float(m.group(1)))
    for m in _HEIGHT_P.finditer(r.t):
        r.set("height", to_float(m.group(1)))
        if m.group(2):
            r.set("fps", to_float(m.group(2)), m.start(2))
        r.mask(m)
    # "distilling a 50-step model into a 4-step one": the step count it ends with
    if m := _STEPS_TARGET.search(r.t):
        r.set("steps", to_float(m.group(1) or m.group(2)))
        r.mask(m)
    if m := _STEPS.search(r.t):
        r.set("steps", to_float(m.group(1) or m.group(2) or m.group(3) or m.group(4)))
        r.mask(m)
    cells = list(_CELL_TIME.finditer(r.t))
    if len(cells) >= 2 and re.search(r"\b(?:baseline|original|teacher|dense)\b", r.t):
        m = cells[-1]
        # E2E seconds, or the mm:ss of a minutes column
        value = to_float(m.group(4)) if m.group(4) else int(m.group(2)) * 60 + int(m.group(3))
        if r.set("latency_s", value, m.start()):
            r.f.latency_type = "end_to_end"
        for c in cells:
            r.mask(c)
    for m in _TOTAL_LABEL.finditer(r.t):
        if r.set("latency_s", (to_float(m.group(2)) or 0) * _SCALE.get(m.group(1), 1.0), m.start(2)):
            r.f.latency_type = "end_to_end"
        r.mask(m)
    for m in _TIME_LABEL.finditer(r.t):
        if r.set("latency_s", (to_float(m.group(2)) or 0) * _SCALE.get(m.group(1), 1.0), m.start(2)):
            r.f.latency_type = clauses.label_type(r.t, m.start(), m.group(0))
        r.mask(m)
    for m in _TIME_CELL.finditer(r.t):
        if r.set("latency_s", (to_float(m.group(1)) or 0) * _SCALE.get(m.group(2), 1.0), m.start(1)):
            r.f.latency_type = clauses.label_type(r.t, m.start(), m.group(0).lower())
        r.mask(m)
    spec = None  # where the frame rate read starts, when it describes the video made
    for pat in (_FPS, _FPS_LABEL):
        for m in pat.finditer(r.t):
            g = 1 if m.group(1) else 2  # _FPS_LABEL's second form: the row's first value
            if r.set("fps", to_float(m.group(g)), m.start(g)):
                spec = m.start(g) if clauses.describes_clip(r.t, m.start(), m.end()) else None
                if pat is _FPS and m.group(2):
                    r.set("fps_max", to_float(m.group(2)))
            r.mask(m)
    if m := _PER_VIDEO_S.search(r.t):
        r.set("compute_s_per_video_s", to_float(m.group(1)), m.start(1))
        r.mask(m)
    if m := _RTF.search(r.t):
        r.set("compute_s_per_video_s", to_float(m.group(1)), m.start(1))
        r.mask(m)
    if m := _X_REALTIME.search(r.t):
        n = to_float(m.group(1))
        if n:
            r.set("compute_s_per_video_s", 1 / n, m.start(1))
        r.mask(m)
    if (m := _SPEEDUP_RANGE.search(r.t)) and re.search(r"speed|fast|accelerat|quick", r.t):
        r.set("speedup", to_float(m.group(2)), m.start(1))
        r.mask(m)
    if m := _SPEEDUP.search(r.t):
        g = next(i for i in range(1, m.re.groups + 1) if m.group(i) and i != m.re.groupindex["base"])
        if r.set("speedup", to_float(m.group(g)), m.start(g)):
            r.f.speedup_baseline = (
                (clauses.clean_baseline(m.group("base"), lex) if m.group("base") else None)
                or clauses.baseline_after(r.t[m.end() :], lex)
                or clauses.baseline_before(r.t[: m.start()], lex)
            )
        r.mask(m)
    clauses.read_speed(r)
    for pat in _DURATIONS:
        for m in pat.finditer(r.t):
            value = to_float(m.group(1))
            if r.f.duration_s is not None and m.group(0).endswith(("generation", "generations")):
                continue  # "5s video: 1-3 seconds generation": the time it takes, read below
            if value is not None and r.set("duration_s", value * _SCALE.get(m.group(2), 1.0)):
                r.other_starts.append(m.start(1))
            r.mask(m)
    _latency(r)
    if spec is not None and r.f.latency_s is not None and r.f.latency_type in (None, "end_to_end"):
        r.metric_starts.remove(spec)  # an output spec beside the clip's generation time
        r.f.fps = r.f.fps_max = None
    if r.f.duration_s and r.f.latency_s and r.f.latency_type in (None, "end_to_end"):
        r.f.latency_type = "end_to_end"
        r.set("compute_s_per_video_s", r.f.latency_s / r.f.duration_s)
    clauses.hedge_of(r, text, lex)
    if not r.f.stated():
        r.f.notes.append("no figures stated")
    return r.f


def _latency(r: _Reader) -> None:
    clauses.read_compound_time(r)  # "8 minutes 31 seconds": one time
    for m in _TIME.finditer(r.t, clauses.time_search_start(r.t)):
        value = to_float(m.group(1))
        if value is None:
            continue
        if r.set("latency_s", value * _SCALE.get(m.group(2), 1.0), m.start(1)):
            per = m.group(3)
            r.f.latency_type = {
                "frame": "per_frame",
                "chunk": "per_chunk",
                "block": "per_chunk",
                "it": "per_step",
                "iter": "per_step",
                "step": "per_step",
            }.get(per or "", "end_to_end" if per else None)  # "50s/120frames": a clip's time
            break
    if r.f.latency_s is None and (m := _SUBSECOND.search(r.t)) and re.search(r"latenc|delay|lag|respon|first", r.t):
        r.set("latency_s", 1.0, m.start())
        r.f.hedge = "under"
    if r.f.latency_s is not None and r.f.latency_type is None:
        for name, pat in _LATENCY_KEYS:
            if pat.search(r.t):
                r.f.latency_type = name
                break
        else:  # "a clip in N seconds": the whole clip's time, unless the text speaks of latency itself
            timed = re.search(rf"\b{CLIP}\b|\b(?:inference|generation|sampling)\s+time\b|\btakes?\b", r.t, re.I)
            if (timed and not re.search(r"latenc|delay|lag\b", r.t)) or r.f.latency_s >= 10:
                r.f.latency_type = "end_to_end"  # ten seconds or more: no frame or chunk takes that long


def describe(f: Figures) -> str:
    """Figures written as plain text that `parse_figures` reads back to the same values."""
    parts = []
    if f.fps is not None:
        parts.append(f"runs at {f.fps:g}" + (f"-{f.fps_max:g}" if f.fps_max is not None else "") + " fps")
    if f.latency_s is not None:
        label = {
            "first_frame": "first-frame latency",
            "per_frame": "per-frame latency",
            "per_chunk": "per-chunk latency",
            "per_step": "per-step latency",
            "end_to_end": "end-to-end latency",
        }.get(f.latency_type or "", "latency")
        parts.append(f"with {label} of {f.latency_s * 1000:g} ms")
    if f.width is not None and f.height is not None:
        parts.append(f"at {f.width}x{f.height}")
    elif f.height is not None:
        parts.append(f"at {f.height}p")
    if f.steps is not None:
        parts.append(f"using {f.steps} sampling steps")
    if f.gpu is not None:
        parts.append(f"on {f.gpu_count}x {f.gpu}" if f.gpu_count is not None else f"on {f.gpu}")
    return (", ".join(parts) + ".") if parts else ""


def as_dict(f: Figures) -> dict:
    return asdict(f)
