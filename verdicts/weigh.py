"""Step 3 of the v2 rules: which pieces of evidence are for a claim, which against, which only shown.

A piece counts for a claim when it meets the figure on the same or a weaker GPU at the same or
heavier settings, against it when it misses by more than the hedge allows on the same GPU class
(or a stronger one) at the same or lighter settings. Our own runs show their measured level; a
run that keeps up on average but stalls between chunks is shown, never held against a claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveaudit.levels import Thresholds, level_from_measurement, rank
from liveaudit.verdicts.evidence import Stated
from liveaudit.verdicts.others import Point, can_go, settings_relation
from liveaudit.verdicts.profile import Gpus, Profile
from liveaudit.verdicts.variants import RELEASE_BITS, precision_bits, size_clash, tier_clash
from liveaudit.vocab import LEVELS

if TYPE_CHECKING:
    from liveaudit.verdicts.rules_v2 import Facts2


def value_of(s: Stated, p: Point) -> float | None:
    if s.metric == "fps":
        return (p.extra.get("fps_max") or p.fps) if s.favourable and p.kind == "measurement" else p.fps
    if s.metric == "rtf":
        return p.rtf
    if s.metric == "latency" and p.latency_type == s.latency_type:
        return p.latency_s
    return 1.0 / p.fps if s.metric == "latency" and s.latency_type == "per_frame" and p.fps else None


def level_of(p: Point, profile: Profile | None) -> float | None:
    """The most a piece of evidence shows about the level: L0 when it generates slower than the video
    plays (RTF > 1, or a throughput below the output fps, which is the same thing), else nothing."""
    if p.rtf is not None and p.rtf > 1:
        return 0.0
    if p.fps is not None and profile and profile.output_fps:
        return 0.0 if p.fps < profile.output_fps * 0.98 else None
    return None


def weigh(
    stated: list[Stated],
    claim_fig: dict,
    facts: Facts2,
    gpus: Gpus,
    th: Thresholds,
    on: str | None = None,
    sentence: str = "",
):
    """Split the system's points into for / against / shown-only, with a note per point."""
    gpu = claim_fig.get("gpu") or on
    target = gpu or gpus.fastest()
    count = (claim_fig.get("gpu_count") or 1) if gpu else 1
    p_ = facts.profile
    eff = {k: claim_fig.get(k) or (getattr(p_, k) if p_ else None) for k in ("width", "height", "steps")}
    eff["bits"] = precision_bits(sentence) or RELEASE_BITS
    pro, con, shown = [], [], []
    for p in facts.points:
        if p.outcome == "retracted":
            shown.append((p, "its author took the figure back in a later post"))
            continue
        if p.outcome == "anomalous":
            shown.append((p, "its author says the run was slower than their own usual ones"))
            continue
        if p.outcome in ("oom", "failed") or not (p.fps or p.latency_s or p.rtf):
            shown.append((p, "no figure to compare" if not p.outcome else f"the run ended in {p.outcome}"))
            continue
        if clash := tier_clash(sentence, p.sentence) or size_clash(sentence, p.sentence):
            shown.append((p, f"it ran another checkpoint ({clash})"))
            continue
        g = gpus.relation(target, count, p.gpu, p.gpu_count)
        s_rel = settings_relation(eff, p)
        verdict_for = verdict_against = near = None
        for s in stated:
            if s.metric == "level" and (ours := run_level(p, th)):  # our run's level, from its chunk gaps
                if rank(ours) >= s.value or rank(ours) == 0:
                    pair = (s, float(rank(ours)))
                    verdict_for, verdict_against = (pair, None) if rank(ours) >= s.value else (None, pair)
                else:  # it keeps up on average but stalls between chunks: one harness's near miss, no proof
                    near = f"our {p.extra.get('mode')} run reached {ours}, not {th.label(LEVELS[int(s.value)])}"
                continue
            if s.metric == "level":
                lv = level_of(p, p_)
                if lv is not None and lv < s.value:
                    verdict_against = verdict_against or (s, lv)
                elif lv is None and s.value <= 2 and p.fps and p_ and p_.output_fps and p.timed != "denoising only":
                    verdict_for = verdict_for or (s, 2.0)  # throughput >= output fps: the rate L1/L2 need
                continue
            v = value_of(s, p)
            if v is None:
                continue
            if not can_go(s, p, s.met_by(v)):
                continue  # "less than 20 fps" can show a claim is missed, never that it is met
            if s.met_by(v):
                verdict_for = verdict_for or (s, v)
            else:
                verdict_against = verdict_against or (s, v)
        if verdict_against and p.kind == "measurement" and eager_only(p, facts.points):
            shown.append(
                (
                    p,
                    "it was timed eagerly alone, with no compiled run beside it, and a harness slower than the makers' proves nothing against them",
                )
            )
        elif verdict_against and g in ("same", "stronger") and s_rel in ("same", "lighter"):
            con.append((p, verdict_against, g, s_rel))
        elif (
            verdict_for
            and not verdict_against
            and g in ("same", "weaker")
            and s_rel in ("same", "heavier")
            and p.timed != "denoising only"
        ):
            pro.append((p, verdict_for, g, s_rel))
        elif verdict_for or verdict_against:
            why = (
                f"{p.gpu or 'an unnamed GPU'} is weaker than the {'claimed ' + target if gpu else target + ' (the fastest catalogued GPU; the claim names none)'}"
                if g == "weaker"
                else f"the GPUs differ ({p.gpu or 'unnamed'} vs {target})"
                if g != "same"
                else f"the settings are {s_rel} than the claim's"
            )
            shown.append((p, why))
        else:
            shown.append((p, near or "it measured something the claim does not state"))
    return pro, con, shown, target, eff


def eager_only(p: Point, points: list[Point]) -> bool:
    """Our run of this system on this GPU was timed eagerly alone: no torch.compile or CUDA-graph row beside it."""
    modes = {q.extra.get("mode") for q in points if q.kind == "measurement" and q.gpu == p.gpu}
    return modes <= {"eager", None}


def run_level(p: Point, th: Thresholds) -> str | None:
    """The level our own run reached (None for any other evidence)."""
    row = p.extra.get("row") if p.kind == "measurement" else None
    return level_from_measurement(row, th).level if row else None
