"""The sentences a v2 reason is built from: who reported what, on which GPU, and where to read it."""

from __future__ import annotations

import re

from liveaudit.verdicts.evidence import fmt
from liveaudit.verdicts.others import Point, got


def cite(p: Point) -> str:
    title = p.extra.get("title") or p.source
    who = f"{p.author}, " if p.author and p.kind == "report" else ""
    return f"{who}{title}"


_COMPILED = re.compile(r"torch\.compile|\bcompiled\b|tensorrt|cuda[ _-]?graphs?", re.I)
_EAGER = re.compile(r"\beager\b", re.I)


def how_run(p: Point) -> list[str]:
    """What a piece of evidence says of how it ran, when it says: end to end, compiled, eager."""
    notes = [p.timed] if p.timed != "unstated" else []
    if p.kind != "measurement" and _COMPILED.search(p.sentence):
        notes.append("compiled")
    elif p.kind != "measurement" and _EAGER.search(p.sentence):
        notes.append("eager")
    return notes


def evidence_sentence(items, head: str) -> str:
    parts = []
    for p, pair, *_ in items[:4]:
        how = ", ".join(how_run(p))
        parts.append(f"{got(p, pair)} {p.where()}{f' ({how})' if how else ''} ({cite(p)})")
    more = f" and {len(items) - 4} more" if len(items) > 4 else ""
    return f"{head} " + "; ".join(parts) + more


def users_note(shown: list[tuple[Point, str]], target: str, figures: dict) -> str:
    """What others (and our own runs) got that could not be weighed, each with why; a figure its author
    took back is left out."""
    seen = [(p, why) for p, why in shown if p.fps and p.outcome != "retracted"]
    if not seen:
        return ""
    seen = seen[:3]
    if len({why for _, why in seen}) == 1:  # one reason for all: said once
        parts = [f"{fmt(p.fps, 'fps')} {p.where()} ({cite(p)})" for p, _ in seen]
        return " What users got: " + "; ".join(parts) + f" — not comparable, since {seen[0][1]}."
    parts = [f"{fmt(p.fps, 'fps')} {p.where()} ({cite(p)}; not comparable: {why})" for p, why in seen]
    return " What users got: " + "; ".join(parts) + "."
