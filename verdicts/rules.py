"""The verdict rules (liveaudit.verdict_rules.v1): one claim, its system's rows -> one verdict.

Rules run in this order; the first that applies decides:

1. unverifiable — an aim ("will be real-time"), no identified system, or nothing to compare
   (no figure and no liveness term), or a figure whose conditions are missing
   (a latency without its type, a total time without the clip length);
2. untested — a system that is not in the registry (nothing to analyse or measure);
3. implausible — a stated GPU whose roofline bound, at settings no heavier than the
   claim's, excludes the figure or the implied level;
4. measurements decide, figure by figure (a contradicted figure contradicts the claim):
   supported when a run on the same or a weaker GPU at the same or heavier settings meets
   it; contradicted when the best run on the same or a stronger GPU at the same or lighter
   settings misses it; hedges pick the measured value ("up to" -> the maximum);
5. otherwise unverifiable for a closed system or a claim naming no GPU that no run meets,
   and untested for an open system not (comparably) measured.

Only `judge_claim` is public; it is pure (rows in, `Verdict` out) so every rule has a unit test.
Change a rule -> bump RULES_VERSION (v2) so older verdicts stay reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from liveaudit.levels import Thresholds, level_from_analysis, level_from_measurement, rank, roofline_figures
from liveaudit.verdicts.evidence import (
    LATENCY_NAMES,
    Stated,
    as_dict,
    claim_conditions,
    describe_settings,
    fmt,
    gpu_relation,
    measured_value,
    settings_relation,
    stated_figures,
    unit_of,
)
from liveaudit.vocab import LEVELS

RULES_VERSION = "liveaudit.verdict_rules.v1"


def rules_version(th: Thresholds) -> str:
    """The rules name plus a hash of the thresholds file: a threshold change is a new version."""
    return f"{RULES_VERSION}+{th.sha256[:12]}"


@dataclass
class SystemFacts:
    """What the store knows about one system: registry row, analyses, measurements."""

    name: str
    registered: bool
    open_weights: bool | None
    analyses: list[dict] = field(default_factory=list)
    measurements: list[dict] = field(default_factory=list)

    def rooflines(self) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for row in sorted(self.analyses, key=lambda r: r["id"]):
            out.update((row.get("result") or {}).get("roofline") or {})
        return out


@dataclass
class Verdict:
    verdict: str  # one of liveaudit.vocab.VERDICTS (v1 never gives "disputed")
    reason: str
    implied_level: str | None
    measured_level: str | None
    confidence: float
    evidence: dict[str, Any]


@dataclass
class _Outcome:
    status: str  # supported | contradicted | undecided | unmeasured
    stated: Stated
    row: dict | None = None
    value: float | None = None
    what: str = ""
    gpu_rel: str = ""
    set_rel: str = ""


def _level_stated(level: str, terms: list[str], th: Thresholds) -> Stated:
    words = ", ".join(f"'{t}'" for t in terms[:3]) or "its wording"
    return Stated("level", float(rank(level)), True, 0.0, f"{th.label(level)}, implied by {words},")


def _measured(stated: Stated, row: dict, th: Thresholds) -> tuple[float | None, str]:
    if stated.metric == "level":
        lv = level_from_measurement(row, th).level
        return (float(rank(lv)) if lv else None), "liveness level"
    return measured_value(stated, row)


def _show(stated: Stated, value: float, th: Thresholds, row: dict | None = None) -> str:
    if stated.metric == "level":
        return level_from_measurement(row, th).reason if row else th.label(LEVELS[int(value)])
    return fmt(value, unit_of(stated))


def _better(stated: Stated, a: float, b: float) -> bool:
    return a < b if stated.metric in ("latency", "rtf") else a > b


def _decide(stated: Stated, figures: dict, facts: SystemFacts, th: Thresholds) -> _Outcome:
    gpu, count = figures.get("gpu"), figures.get("gpu_count")
    rooflines = facts.rooflines()
    cands = []
    for row in facts.measurements:
        value, what = _measured(stated, row, th)
        if value is None:
            continue
        g = gpu_relation(gpu, count, row.get("hardware"), rooflines) if gpu else "any"
        s = settings_relation(figures, row.get("settings") or {})
        cands.append(_Outcome("", stated, row, value, what, g, s))
    if not cands:
        return _Outcome("unmeasured", stated)

    def best(items):
        top = items[0]
        for c in items[1:]:
            if _better(stated, c.value, top.value):
                top = c
        return top

    exact = [c for c in cands if c.gpu_rel == "same" and c.set_rel in ("same", "unstated")]
    if exact:
        top = best(exact)
        top.status = "supported" if stated.met_by(top.value) else "contradicted"
        return top
    support = [
        c
        for c in cands
        if c.gpu_rel in ("same", "weaker", "any")
        and c.set_rel in ("same", "heavier", "unstated")
        and stated.met_by(c.value)
    ]
    if support:
        top = best(support)
        top.status = "supported"
        return top
    against = [c for c in cands if c.gpu_rel in ("same", "stronger") and c.set_rel in ("same", "lighter", "unstated")]
    if against:
        top = best(against)
        if not stated.met_by(top.value):  # passing on a stronger GPU or lighter settings proves nothing
            top.status = "contradicted"
            return top
    top = best(cands)
    top.status = "undecided"
    return top


def _implausible(stated: Stated, figures: dict, facts: SystemFacts, th: Thresholds) -> tuple[str, dict] | None:
    """A reason and evidence when the stated GPU's roofline bound excludes the figure.

    Conservative by construction: the claim must state the GPU and the resolution; the
    analysis must be at that resolution or a lighter one (and, for a whole-clip schedule, a
    clip no longer than the claimed one); the denoiser is rescaled to the claimed steps, or
    to one step without guidance when the claim states none; the most favourable bound wins.
    """
    gpu, n = figures.get("gpu"), figures.get("gpu_count") or 1
    cw, ch, duration = figures.get("width"), figures.get("height"), figures.get("duration_s")
    if not gpu or not (cw and ch):
        return None
    steps = figures.get("steps") or 1
    best = None
    for a in facts.analyses:
        st = a.get("settings") or {}
        if not (st.get("width") and st.get("height")) or st["width"] * st["height"] > cw * ch:
            continue
        fig = roofline_figures(a, gpu, steps)
        if fig is None or (
            not fig["streams"] and not (duration and st.get("seconds") and st["seconds"] <= duration * 1.05)
        ):
            continue
        if best is None or fig["min_s_per_video_s"] < best[1]["min_s_per_video_s"]:
            best = (a, fig)
    if best is None:
        return None
    analysis, fig = best
    bound = level_from_analysis(analysis, gpu, th, steps)
    min_s, max_fps, first = fig["min_s_per_video_s"], fig["max_fps"], fig["first_frame_min_s"]
    limit = None
    if stated.metric == "fps" and max_fps and stated.value > max_fps * n:
        limit = f"at most {fmt(max_fps * n, 'fps')}"
    elif stated.metric == "rtf" and min_s and stated.value < min_s / n:
        limit = f"at least {fmt(min_s / n, 's per video second')}"
    elif (
        stated.metric == "latency"
        and stated.latency_type == "per_frame"
        and max_fps
        and stated.value < 1 / (max_fps * n)
    ):
        limit = f"at least {fmt(1 / (max_fps * n), 's')} per frame"
    elif stated.metric == "latency" and stated.latency_type == "first_frame" and first and stated.value < first / n:
        limit = f"at least {fmt(first / n, 's')} to the first frame"
    elif stated.metric == "level" and n == 1 and stated.value > rank(bound.level):
        limit = bound.reason
    if limit is None:
        return None
    settings = analysis.get("settings") or {}
    where = f"{n}× {gpu}" if n > 1 else gpu
    how = (
        f"{settings['width']}×{settings['height']}, {steps} denoising step{'s' if steps > 1 else ''} without guidance"
        + ("" if figures.get("steps") else " (the claim states no step count, so the most favourable is assumed)")
    )
    if stated.metric == "level":
        reason = f"{facts.name}: the claim implies {stated.text} on {where} at {cw}×{ch}, but at {how} it is {limit}."
    else:
        reason = (
            f"{facts.name}: the claim states {stated.text} on {where}, but even at peak compute and memory bandwidth "
            f"the roofline bound at {how} is {limit}."
        )
    rel = "same" if settings["width"] * settings["height"] == cw * ch else "lighter"
    return reason, {
        "analysis_id": analysis["id"],
        "bound_level": bound.level,
        "bound": fig,
        "settings_relation": rel,
        **as_dict(stated),
    }


def judge_claim(claim: dict, facts: SystemFacts | None, th: Thresholds) -> Verdict:
    """The one verdict for a claim (a claims row) given its system's facts (None: not registered)."""
    figures = claim.get("figures") or {}
    implied = claim.get("implied_level")
    system = claim.get("system")
    base = {"claim_figures": figures, "hedge": claim.get("hedge"), "kind": claim.get("kind")}

    def verdict(kind, reason, conf, measured=None, **ev) -> Verdict:
        return Verdict(kind, reason, implied, measured, conf, {**base, **ev})

    who = system or "The claim"
    if claim.get("kind") == "aspirational":
        return verdict(
            "unverifiable", f"{who}: the sentence states an aim, not a property that can be measured now.", 0.9
        )
    if not system:
        return verdict(
            "unverifiable", "The claim names no system we can identify, so there is nothing to analyse or measure.", 0.9
        )
    stated, problem = stated_figures(figures, claim.get("hedge"), th)
    if not stated and implied:
        stated = [_level_stated(implied, claim.get("terms") or [], th)]
    if not stated:
        if problem:
            return verdict("unverifiable", f"{system}: {problem}, so it cannot be compared with any measurement.", 0.8)
        if figures.get("speedup"):
            return verdict(
                "unverifiable",
                f"{system}: the claim states a {figures['speedup']:g}× speed-up over "
                f"{figures.get('speedup_baseline') or 'an unnamed baseline'}, a comparison we do not measure.",
                0.7,
            )
        return verdict(
            "unverifiable",
            f"{system}: the claim states no figure and no liveness level, so it is too vague to check.",
            0.9,
        )
    if facts is None:
        return verdict(
            "untested",
            f"{system} is not in the system registry, so its claim of {stated[0].text} has not been "
            "analysed or measured.",
            0.5,
        )
    for s in stated:
        found = _implausible(s, figures, facts, th)
        if found:
            reason, ev = found
            # Nothing was measured: the roofline's "at best" level is kept in the evidence, not as measured_level.
            return verdict(
                "implausible",
                reason,
                0.9 if ev["settings_relation"] == "same" else 0.75,
                compared=[ev],
                analysis_ids=[ev["analysis_id"]],
            )
    outcomes = [_decide(s, figures, facts, th) for s in stated]
    compared = [
        as_dict(o.stated, o.value, o.what, o.row["id"] if o.row else None)
        | {"gpu_relation": o.gpu_rel, "settings_relation": o.set_rel}
        for o in outcomes
    ]
    ids = sorted({o.row["id"] for o in outcomes if o.row})
    decisive = next((o for o in outcomes if o.status == "contradicted"), None)
    if decisive is None and all(o.status == "supported" for o in outcomes):
        decisive = outcomes[0]
    if decisive is not None:
        row = decisive.row
        level = level_from_measurement(row, th).level
        conf = 0.9 if decisive.gpu_rel == "same" and decisive.set_rel == "same" else 0.7
        reason = _measured_reason(system, decisive, figures, th, implied)
        return verdict(decisive.status, reason, conf, measured=level, compared=compared, measurement_ids=ids)
    pending = next(o for o in outcomes if o.status != "supported")
    if facts.open_weights is False:
        return verdict(
            "unverifiable",
            f"{system} is a closed system (no open weights or architecture), so its claim of "
            f"{pending.stated.text} cannot be measured by anyone outside the vendor.",
            0.9,
            compared=compared,
        )
    if not figures.get("gpu") and pending.status == "undecided":
        return verdict(
            "unverifiable",
            f"{system}: the claim of {pending.stated.text} names no GPU, and our best "
            f"{pending.what} is {_show(pending.stated, pending.value, th)} on {pending.row.get('hardware')}, "
            "which does not meet it; a faster GPU might.",
            0.6,
            compared=compared,
            measurement_ids=ids,
        )
    return verdict(
        "untested",
        _untested_reason(system, pending, figures, facts, th),
        0.5,
        compared=compared,
        measurement_ids=ids,
        analysis_ids=[a["id"] for a in facts.analyses][-1:],
    )


def _measured_reason(system: str, o: _Outcome, figures: dict, th: Thresholds, claim_level: str | None) -> str:
    row = o.row
    hw = row.get("hardware") or row.get("device")
    mode = (row.get("result") or {}).get("mode")
    at = f"on {hw} at {describe_settings(row.get('settings') or {})}" + (f" ({mode})" if mode else "")
    cond = claim_conditions(figures)
    claimed = f"{system} claims {o.stated.text}" + (f" on {cond}" if cond else "")
    shown = _show(o.stated, o.value, th, row)
    notes = []
    if not figures.get("gpu"):
        notes.append("the claim names no GPU")
    elif o.gpu_rel == "weaker":
        notes.append(f"{hw} is no faster than the claimed {figures['gpu']}, so the claim holds there too")
    elif o.gpu_rel == "stronger":
        notes.append(f"{hw} is at least as fast as the claimed {figures['gpu']}")
    if o.set_rel == "unstated":
        notes.append("the claim states no resolution or steps, so the measured settings are used")
    elif o.set_rel in ("lighter", "heavier"):
        notes.append(f"the measured settings are {o.set_rel} than the claim's")
    note = f" ({'; '.join(notes)})" if notes else ""
    if o.status == "supported":
        gap = ""
        implied, reached = claim_level, level_from_measurement(row, th).level
        if o.stated.metric != "level" and implied and rank(implied) > rank(reached):
            gap = f" Its wording implies {th.label(implied)}, but the run reached {th.label(reached)}."
        return f"{claimed}; our {o.what} {at} is {shown}, which meets it{note}.{gap}"
    return f"{claimed}; our best {o.what} {at} is {shown}, which falls short{note}."


def _untested_reason(system: str, o: _Outcome, figures: dict, facts: SystemFacts, th: Thresholds) -> str:
    gpu = figures.get("gpu")
    head = f"{system} has open weights, but its claim of {o.stated.text}" + (f" on {gpu}" if gpu else "")
    if o.status == "unmeasured" and not facts.measurements:
        tail = " has not been measured yet"
    elif o.status == "unmeasured":
        what = LATENCY_NAMES.get(o.stated.latency_type or "", o.stated.metric)
        tail = f" cannot be compared: none of its {len(facts.measurements)} runs measured the {what}"
    else:
        tail = (
            f" cannot be decided by the runs we have (best: {_show(o.stated, o.value, th)} on "
            f"{o.row.get('hardware')} at {describe_settings(o.row.get('settings') or {})}, not comparable to the claim's conditions)"
        )
    bound = ""
    if gpu:
        usable = [a for a in facts.analyses if gpu in ((a.get("result") or {}).get("roofline") or {})]
        usable.sort(key=lambda a: ((a.get("settings") or {}).get("label") == "published default", a["id"]))
        if usable:
            lv = level_from_analysis(usable[-1], gpu, th)
            at = describe_settings(usable[-1].get("settings") or {})
            bound = f"; by the roofline at {at} it is {lv.reason}" if lv else ""
    return f"{head}{tail}{bound}."
