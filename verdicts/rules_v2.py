"""The verdict rules v2 (liveaudit.verdict_rules.v2): every kind of evidence, the physics, the context.

For one claim, in this order:

1. unverifiable — an aim, no identified system, nothing to compare (as in v1);
2. the level it implies is read from the sentence and the system's schedule (verdicts/context.py);
3. comparable evidence, heaviest first (our GPU run, an audited result, reports; verdicts/others.py).
   A piece is *for* the claim when it meets the figure on the same or a weaker GPU at the same or
   heavier settings, *against* it when it misses by more than the hedge allows on the same GPU
   class (or a stronger one) at the same or lighter settings. A claim naming no GPU is compared as
   if made for the fastest catalogued GPU, so evidence on slower GPUs is only "what users got".
   For and against -> disputed (the reason says which pieces go which way and which weighs
   more); only against -> contradicted; only for -> supported;
4. physics (verdicts/physics.py): beyond the roofline bound on the claim's GPU (or the fastest)
   at the most favourable settings, or a throughput below the system's own output fps from a
   claim of streaming -> implausible;
5. a conflict with another claim (same page, or a secondary source inflating the primary;
   verdicts/consistency.py) -> implausible when this claim is the one that cannot hold;
6. otherwise unverifiable (closed system, or no GPU and nothing comparable) or untested.

Every verdict keeps the ids of all evidence weighed (`evidence_ids`), the users' results that
were not comparable (`users_got`), and a confidence that grows with independent comparable evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from liveaudit.levels import Thresholds, rank
from liveaudit.verdicts.consistency import SECONDARY_KINDS
from liveaudit.verdicts.context import implied_level
from liveaudit.verdicts.evidence import Stated, stated_figures
from liveaudit.verdicts.others import (
    Point,
    confidence,
    independent,
    judged_on,
    kind_name,
    tier,
    whose,
)
from liveaudit.verdicts.physics import output_rate_verdict, roofline_verdict
from liveaudit.verdicts.profile import Gpus, Profile
from liveaudit.verdicts.reason_parts import evidence_sentence, users_note
from liveaudit.verdicts.rules import Verdict
from liveaudit.verdicts.weigh import run_level, weigh
from liveaudit.vocab import LEVELS

RULES_VERSION = "liveaudit.verdict_rules.v2"
RULES_VERSION_V2 = RULES_VERSION  # the package exports it under this name


# A bound's direction: "under 1 s" bounds a time from above, "over 20 fps" a rate from below.
_BOUNDS_A_TIME = frozenset({"under", "as low as"})
_BOUNDS_A_RATE = frozenset({"over", "at least"})
_TIMES = ("latency_s", "latency_type", "compute_s_per_video_s", "duration_s")


def hedged_figures(figures: dict, hedge: str | None, th: Thresholds) -> tuple[list[Stated], str | None]:
    """`stated_figures` with the claim's one hedge given only to the figures it can bound: in "17 FPS
    with sub-second latency" the "under" is the latency's, and the 17 fps is a plain figure (v1 gave
    the hedge to both and read "under 17 fps")."""
    low = (hedge or "").strip().lower()
    has_rate = figures.get("fps") is not None or figures.get("fps_max") is not None
    has_time = figures.get("latency_s") is not None or figures.get("compute_s_per_video_s") is not None
    if not (has_rate and has_time) or low not in _BOUNDS_A_TIME | _BOUNDS_A_RATE:
        return stated_figures(figures, hedge, th)
    rate = {k: v for k, v in figures.items() if k not in _TIMES}
    time = {k: v for k, v in figures.items() if k not in ("fps", "fps_max")}
    by_rate = low in _BOUNDS_A_RATE
    rates, _ = stated_figures(rate, hedge if by_rate else None, th)
    times, problem = stated_figures(time, None if by_rate else hedge, th)
    return rates + times, problem


def _which_side(pro: list, con: list, heavier: str) -> str:
    """How a disputed reason weighs its two sides: one source timing it two ways (eager and
    compiled rows of one table) is not two sources disagreeing."""
    sources = {(p.extra.get("document_id", p.source), p.author) for p, *_ in pro + con}  # a thread has many
    if len(sources) == 1 and pro[0][0].kind != "measurement":
        return " Both sides come from one source that timed it two ways: which holds depends on how it is run."
    return f" The heavier side is {heavier}."


def level_not_shown(points: list[Point], stated: list[Stated], th: Thresholds) -> str:
    """What a figure's support leaves open: the claimed level, when our own run among the points
    reached a lower one ("17 fps ... frames arrive while you watch", met by a run that stalls)."""
    level = next((s for s in stated if s.metric == "level"), None)
    if level is None:
        return ""
    for p in points:
        ours = run_level(p, th)
        if ours and rank(ours) < level.value:
            claimed = th.label(LEVELS[int(level.value)])
            return f" The level it implies is not shown: our {p.extra.get('mode')} run reached {th.label(ours)}, not {claimed}."
    return ""


@dataclass
class Facts2:
    """What v2 knows about one system."""

    name: str
    registered: bool
    open_weights: bool | None
    profile: Profile | None
    analyses: list[dict] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    own: list[dict] = field(default_factory=list)  # the vendor's own stated rates: {fps, gpu, text, source}
    restated: list[tuple[int, float]] = field(default_factory=list)  # (claim id, fps) of every stored claim


def judge_claim_v2(
    claim: dict,
    facts: Facts2 | None,
    gpus: Gpus,
    th: Thresholds,
    conflicts: list[dict] | None = None,
    wording: dict | None = None,
) -> Verdict:
    """The one v2 verdict for a claims row (with `page_kind`), given its system's Facts2 (None: unregistered)."""
    figures = claim.get("figures") or {}
    system = claim.get("system")
    profile = facts.profile if facts else None
    level, why_level = implied_level(
        claim.get("sentence") or "", figures, claim.get("implied_level"), profile.family if profile else None, th
    )
    base = {
        "claim_figures": figures,
        "hedge": claim.get("hedge"),
        "kind": claim.get("kind"),
        "level_why": why_level,
        "word_level": claim.get("implied_level"),
        "conflicts": conflicts or [],
        "wording_change": wording,
        "evidence_ids": [],
        "users_got": [],
    }

    def verdict(kind, reason, conf, measured=None, **ev) -> Verdict:
        if wording:
            reason += f" The page's wording changed: {wording['diff']}"
        return Verdict(kind, reason, level, measured, conf, {**base, **ev})

    who = system or "The claim"
    if claim.get("kind") == "aspirational":
        return verdict(
            "unverifiable", f"{who}: the sentence states an aim, not a property that can be measured now.", 0.9
        )
    if not system:
        return verdict(
            "unverifiable", "The claim names no system we can identify, so there is nothing to analyse or measure.", 0.9
        )
    clip = profile.default_clip(figures) if profile else None
    stated, problem = hedged_figures({**figures, "duration_s": clip} if clip else figures, claim.get("hedge"), th)
    if clip:  # the reason says the length is the published default, not the claim's
        stated = [
            replace(
                s, text=s.text.replace(f"a {clip:.3g} s clip", f"a {clip:.3g} s clip, the published default length")
            )
            for s in stated
        ]
    if level in LEVELS and rank(level) >= 1:
        stated = stated + [Stated("level", float(rank(level)), True, 0.0, f"{th.label(level)} ({why_level})")]
    if not stated:
        reason = (
            f"{system}: {problem}, so it cannot be compared with any evidence."
            if problem
            else f"{system}: the claim states no figure and no liveness level, so it is too vague to check."
        )
        return verdict("unverifiable", reason, 0.8)
    if facts is None:
        return verdict(
            "untested",
            f"{system} is not in the system registry, so its claim of {stated[0].text} has not "
            "been analysed, measured or reported on.",
            0.5,
        )
    # A bare level ("real-time", no figure, no GPU) rests on the makers' own figures: judge it on their GPU.
    own = judged_on(claim, facts.own, gpus, all(s.metric == "level" for s in stated))
    pro, con, shown, target, eff = weigh(
        stated, figures, facts, gpus, th, gpus.resolve(own["gpu"]) if own else None, claim.get("sentence") or ""
    )
    if own:
        base["judged_on"] = {"gpu": target, "because": own}
    ids = [p.ref for p, *_ in pro + con] + [p.ref for p, _ in shown]
    base["evidence_ids"] = ids
    base["users_got"] = [
        {**p.ref, "gpu": p.gpu, "fps": p.fps, "why_not_comparable": why, "source": p.source} for p, why in shown
    ]
    measured_ids = [p.id for p, *_ in pro + con if p.kind == "measurement"]
    base["ratios"] = [r for r in (_ratio(p, pair, profile) for p, pair, *_ in pro + con) if r]
    n_gpu = f"{figures['gpu_count']}× " if (figures.get("gpu_count") or 1) > 1 else ""
    claimed = f"{system} claims {stated[0].text}" + (f" on {n_gpu}{figures['gpu']}" if figures.get("gpu") else "")
    if own:
        claimed += (
            f", naming no GPU; {whose(own)} {own['gpu']} "
            f'("{(own.get("text") or "")[:120]}", {own.get("source")}), so it is judged on {target}'
        )
    at = f" at {eff['width']}×{eff['height']}" if eff.get("width") and eff.get("height") else ""
    if not figures.get("width") and not figures.get("height") and at:
        at += " (the published default, as the claim states no resolution)"
    if pro and con:
        heavier = tier([p for p, *_ in con]) if _heaviest(con) >= _heaviest(pro) else tier([p for p, *_ in pro])
        reason = (
            f"Disputed: {claimed}{at}. "
            + evidence_sentence(con, "Against it:")
            + ". "
            + evidence_sentence(pro, "For it:")
            + "."
            + _which_side(pro, con, heavier)
        )
        return verdict(
            "disputed",
            reason,
            confidence([p for p, *_ in pro + con], 0.2),
            measurement_ids=measured_ids,
            for_ids=[p.ref for p, *_ in pro],
            against_ids=[p.ref for p, *_ in con],
        )
    if con:
        points = [p for p, *_ in con]
        n = independent(points)
        who_ = f"{n} independent sources" if n > 1 else kind_name(points[0])
        need = (
            f" (streaming needs at least the {p_out:g} fps the video plays at)"
            if stated[-1].metric == "level" and (p_out := (profile.output_fps if profile else None))
            else ""
        )
        reason = (
            f"Contradicted: {who_} running {system} on the same GPU class as the claim (or a faster one), at the "
            f"same or lighter settings, got less. "
            + evidence_sentence(con, "They report")
            + f"{need}; {claimed}{at}"
            + (
                f", with the hedge '{claim.get('hedge')}' allowing {stated[0].tolerance:.0%}"
                if claim.get("hedge")
                else ""
            )
            + "."
        )
        return verdict(
            "contradicted",
            reason,
            confidence(points),
            measurement_ids=measured_ids,
            against_ids=[p.ref for p in points],
        )
    if pro:
        points = [p for p, *_ in pro]
        reason = (
            f"Supported: {claimed}{at}; "
            + evidence_sentence(pro, "comparable evidence meets it:")
            + (
                " (evidence on a weaker GPU or heavier settings that meets the claim holds for the claimed one too)"
                if any(g == "weaker" or s != "same" for _, _, g, s in pro)
                else ""
            )
            + "."
            + level_not_shown(points, stated, th)
        )
        return verdict(
            "supported", reason, confidence(points), measurement_ids=measured_ids, for_ids=[p.ref for p in points]
        )
    found = roofline_verdict(stated, figures, facts.analyses, gpus, th, system)
    if found is None and claim.get("kind") != "comparative":
        # the makers' own rates say nothing of what is possible once our run kept up with the video
        kept_up = (
            profile
            and profile.output_fps
            and any(p.kind == "measurement" and (p.fps or 0) >= profile.output_fps * 0.98 for p in facts.points)
        )
        found = output_rate_verdict(stated, level, profile, system, why_level, None if kept_up else facts.own)
    users = users_note(shown, target, figures)
    if found:
        reason, ev = found
        ids = ids + [{"kind": "analysis", "id": i} for i in ev.get("analysis_ids", [])]
        ev_all = {**ev, "evidence_ids": ids + ev.get("evidence_ids", [])}
        figure = ev.get("claimed_fps") or (ev.get("own_claim") or {}).get("fps")
        if figure:  # the same figure as archived on other pages: a reader can open those copies
            same = [
                {"kind": "claim", "id": i}
                for i, f in facts.restated
                if i != claim.get("id") and abs(f - figure) <= 0.02 * figure
            ]
            ev_all["evidence_ids"] += [r for r in same[:3] if r not in ev_all["evidence_ids"]]
        return verdict("implausible", reason + users, 0.85 if figures.get("gpu") else 0.75, **ev_all)
    self_conflict = [
        c
        for c in conflicts or []
        if c["type"] in ("same page", "same sentence")
        or (c["type"].startswith("inflated") and claim.get("page_kind") in SECONDARY_KINDS)
    ]
    if self_conflict:
        c = self_conflict[0]
        label = "inconsistent" if c["type"] != "inflated by a secondary source" else "inflated"
        if c["type"] == "same sentence":
            reason = f"Implausible ({label}): {c['why'].replace('the same page says', 'the sentence says')}; both cannot hold."
        else:
            reason = (
                f"Implausible ({label}): {c['why']}; both cannot hold. The other claim (#{c['other']['claim_id']}): "
                f'"{c["other"]["sentence"]}" ({c["other"].get("url")}).'
            )
        return verdict(
            "implausible",
            reason,
            0.7,
            finding=label,
            evidence_ids=ids + [{"kind": "claim", "id": c["other"]["claim_id"]}],
        )
    if facts.open_weights is False:
        return verdict(
            "unverifiable",
            f"{system} is a closed system (no open weights or architecture), so its claim of "
            f"{stated[0].text} cannot be re-run outside the vendor, and no comparable report exists.{users}",
            0.8,
        )
    if not figures.get("gpu") and users:
        return verdict(
            "unverifiable",
            f"Not contradicted, but users got less: {claimed}; it names no GPU, and the "
            f"fastest catalogued GPU ({target}) might reach it.{users}",
            0.6,
        )
    if not figures.get("gpu"):
        return verdict(
            "untested",
            f"{system} has open weights, but nothing comparable to its claim of {stated[0].text} "
            f"has been measured or reported yet; it names no GPU, and the physics of the fastest catalogued "
            f"GPU ({target}) does not rule it out.",
            0.5,
        )
    return verdict(
        "untested",
        f"{system} has open weights, but nothing comparable to its claim of {stated[0].text}"
        f"{' on ' + figures['gpu'] if figures.get('gpu') else ''} has been measured or reported yet.{users}",
        0.5,
    )


def _ratio(p: Point, pair, profile: Profile | None = None) -> dict | None:
    """got / claimed as a speed ratio (below 1: users got less than claimed); for a claimed level,
    the throughput got over the output fps that streaming (or faster than real time) needs."""
    s, v = pair
    if s.metric == "level":
        if p.fps and profile and profile.output_fps:
            return {**p.ref, "ratio": round(p.fps / profile.output_fps, 4)}
        return None
    if not v or not s.value:
        return None
    r = v / s.value if s.higher_is_better else s.value / v
    return {**p.ref, "ratio": round(r, 4)}


def _heaviest(items) -> float:
    return max(
        {"measurement": 3, "audited": 3}.get(p.kind, 1) + 0.5 * (independent([q for q, *_ in items]) > 1)
        for p, *_ in items
    )
