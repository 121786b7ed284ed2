"""The rule layer over the kind model: table rows and ticked cells the model hesitates on, and a
liveness term beside a speed figure (classifier/kind.py calls it on every model answer)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from liveaudit.classifier.kind import KindInput

_TICKED = re.compile(r"\b(?:real[- ]?time|realtime|streaming|interactive|live)\s*:?\s*[\u2705\u2714]", re.I)
# a results row with a speed cell ("Latency (s): 2873", "FPS: 27", "Speedup: 2.0x") among 4+ cells;
# not a breakdown's row ("share: 15%") nor a "time to first demo" cell
_SPEED_ROW = re.compile(
    r"^(?=(?:[^;]*;){3})(?!.*\bshare\s*:)(?:.*;\s*|)[^:;]{0,30}\b(?:latency|fps|speed-?up|time(?!\s+to\b)|wall)\b[^:;]{0,20}:\s*~?\d",
    re.I,
)
# a comparison table's row with a results column marked better-when-higher ("Model: X; Params:
# 14B; FPS\u2191: 18.2"): measured speed even in three cells
_ARROW_ROW = re.compile(
    r"^(?=(?:[^;]*;){2})(?:.*;\s*|)[^:;]{0,30}\b(?:fps|speed|latency)\s*[\u2191\u2193]\s*:\s*~?_?\d", re.I
)
# a short heading, or a title after its name, that names a real-time kind of generation ("Real-Time Rendering Capability",
# "Realtime i2i for Rhizomatiks"), not a demo, an audio input or a page of notes
_LIVE_HEADING = re.compile(
    r"^\W*(?:[\w.+-]+(?:\s+[\w.+-]+){0,2}\s*:\s*)?(?:real[- ]?time|realtime)\s+(?=(?:[\w+-]+\s+){0,4}?[\w+-]*(?:video|generat|render|inference|transform|"
    r"process|avatar|i2i|img2img|v2v|talking|digital[- ]human|world|dubbing|animat|lip[- ]?sync))"
    r"(?!.*\b(?:demo|audio|voice|microphone|camera|leaderboard|notes?|assessment|api)\b)[^.;:!?]{0,60}$",
    re.I,
)
_CAN_RUN = re.compile(r"\bcan\s+run\b[^.;]{0,50}\bin\s+real[- ]?time\b", re.I)  # "X can run on phones in real time"


def rule_kind(x: KindInput, kind: str) -> str:
    """The rule layer over a model's kind: a liveness term together with a speed figure
    (fps, a latency, compute time) outside any hard-negative context is a claim even when
    the model says none: aspirational when it speaks of the future, else quantified.
    (On the train and dev labels this held for 22 of 23 such sentences.)"""
    if (
        kind == "none"
        and x.term
        and not x.negated
        and (_TICKED.search(x.text) or _CAN_RUN.search(x.text) or _LIVE_HEADING.search(x.text.strip()))
    ):
        return "qualitative"  # a table's "Real-time: ✅" cell, "can run ... in real time", "Realtime i2i for ..."
    if kind == "none" and x.metric and (_SPEED_ROW.search(x.text) or _ARROW_ROW.search(x.text)):
        return "quantified"  # a benchmark table's row: its speed cell is the claim
    if kind != "none" or not (x.term and x.metric) or x.negated:
        return kind
    return "aspirational" if x.cues()["future"] else "quantified"
