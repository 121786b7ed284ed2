"""Physics for every claim (rules v2): the roofline bound and the system's own output rate.

Three checks, none of which needs a GPU:

- the roofline bound on the claim's GPU, or on the fastest catalogued GPU when it names none
  ("even on a B200 at peak it cannot ..."). A claim that leaves resolution or steps out is
  bounded twice, at the registry's published defaults and at the most favourable analysed
  settings (the lightest resolution, one denoising step without guidance); only a figure
  beyond the most favourable bound is implausible, and the reason says which bound it used;
- the output rate: a throughput below the system's own output fps cannot stream on any GPU,
  so a claim of that figure that also implies streaming (L2 and above) cannot hold;
- the bound level: a level the roofline excludes at the most favourable settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from liveaudit.levels import Thresholds, level_from_analysis, rank, roofline_figures
from liveaudit.verdicts.evidence import Stated, fmt
from liveaudit.verdicts.profile import Gpus, Profile


@dataclass
class Bound:
    """One roofline bound: which analysis, which GPU, at what settings, and its figures."""

    analysis_id: int
    gpu: str
    label: str  # "the published defaults (832×480, 4 steps)" | "the most favourable settings (...)"
    max_fps: float | None
    min_s_per_video_s: float
    first_frame_min_s: float | None
    level: str | None
    level_reason: str


def _at(a: dict, steps: int | None) -> str:
    st = a.get("settings") or {}
    res = f"{st.get('width')}×{st.get('height')}" if st.get("width") else "its analysed resolution"
    n = steps if steps is not None else st.get("steps")
    return f"{res}, {n} step{'s' if n != 1 else ''}" + (" without guidance" if steps is not None else "")


def bounds(analyses: list[dict], gpu: str, figures: dict, th: Thresholds) -> tuple[Bound | None, Bound | None]:
    """(bound at the published defaults, bound at the most favourable settings no heavier than the claim's)."""
    usable = [a for a in analyses if gpu in ((a.get("result") or {}).get("roofline") or {})]
    if not usable:
        return None, None
    default = [a for a in usable if (a.get("settings") or {}).get("label") == "published default"] or usable[:1]
    d = default[-1]
    cw, ch = figures.get("width"), figures.get("height")
    steps = figures.get("steps")

    def make(a: dict, s: int | None, label: str) -> Bound | None:
        fig = roofline_figures(a, gpu, s)
        if fig is None:
            return None
        lv = level_from_analysis(a, gpu, th, s)
        return Bound(
            a["id"],
            gpu,
            f"{label} ({_at(a, s)})",
            fig["max_fps"],
            fig["min_s_per_video_s"],
            fig["first_frame_min_s"],
            lv.level if lv else None,
            lv.reason if lv else "",
        )

    at_default = make(d, steps, "the published defaults" if not (cw or steps) else "the claimed settings")
    light = []
    for a in usable:
        st = a.get("settings") or {}
        if cw and ch and st.get("width") and st.get("height") and st["width"] * st["height"] > cw * ch:
            continue  # heavier than the claim's own resolution: no bound for it
        light.append(a)
    best = None
    for a in light:
        b = make(a, steps or 1, "the most favourable settings")
        if b and (best is None or b.min_s_per_video_s < best.min_s_per_video_s):
            best = b
    return at_default, best


def beyond(stated: Stated, b: Bound, count: int) -> str | None:
    """Why `stated` exceeds bound `b` on `count` GPUs, or None when the physics allows it."""
    n = max(count or 1, 1)
    if stated.metric == "fps" and b.max_fps and stated.value > b.max_fps * n * 1.02:
        return f"at most {fmt(b.max_fps * n, 'fps')}"
    if stated.metric == "rtf" and stated.value * 1.02 < b.min_s_per_video_s / n:
        return f"at least {fmt(b.min_s_per_video_s / n, 's')} per second of video"
    if (
        stated.metric == "latency"
        and stated.latency_type == "per_frame"
        and b.max_fps
        and stated.value * 1.02 < 1 / (b.max_fps * n)
    ):
        return f"at least {fmt(1 / (b.max_fps * n), 's')} per frame"
    if (
        stated.metric == "latency"
        and stated.latency_type == "first_frame"
        and b.first_frame_min_s
        and stated.value * 1.02 < b.first_frame_min_s / n
    ):
        return f"at least {fmt(b.first_frame_min_s / n, 's')} to the first frame"
    if stated.metric == "level" and n == 1 and b.level and stated.value > rank(b.level):
        return b.level_reason
    return None


def roofline_verdict(
    stated: list[Stated], figures: dict, analyses: list[dict], gpus: Gpus, th: Thresholds, system: str
) -> tuple[str, dict] | None:
    """(reason, evidence) when the most favourable bound excludes a stated figure, else None."""
    named = gpus.resolve(figures.get("gpu"))
    if figures.get("gpu") and named is None:
        return None  # a GPU outside the catalogue: no bound to use
    gpu = named or gpus.fastest()
    if gpu is None:
        return None
    at_default, best = bounds(analyses, gpu, figures, th)
    if best is None:
        return None
    count = figures.get("gpu_count") or 1 if named else 1
    for s in stated:
        limit = beyond(s, best, count)
        if limit is None:
            continue
        where = (f"{count}× {gpu}" if count > 1 else gpu) if named else f"a {gpu}, the fastest catalogued GPU"
        lead = (
            f"even on {where} at peak compute and memory bandwidth"
            if not named
            else f"on {where}, even at peak compute and memory bandwidth"
        )
        also = ""
        if at_default and at_default is not best:
            d_limit = beyond(s, at_default, count)
            also = (
                f"; at {at_default.label} it is {d_limit}"
                if d_limit
                else f"; at {at_default.label} it would be within reach"
            )
        settings_note = (
            "the claim states no resolution or steps, so the reason uses the most favourable settings"
            if not (figures.get("width") or figures.get("steps"))
            else "the claim's own settings or lighter"
        )
        named_note = "" if named else " (the claim names no GPU)"
        reason = (
            f"Implausible: {system} claims {s.text}{named_note}, but {lead} the roofline bound at {best.label} "
            f"is {limit}{also} ({settings_note})."
        )
        return reason, {
            "analysis_ids": sorted({best.analysis_id} | ({at_default.analysis_id} if at_default else set())),
            "bound_gpu": gpu,
            "bound_used": "most favourable",
            "bound": vars(best),
            "bound_at_defaults": vars(at_default) if at_default else None,
        }
    return None


def output_rate_verdict(
    stated: list[Stated],
    level: str | None,
    profile: Profile | None,
    system: str,
    why_level: str,
    own: list[dict] | None = None,
) -> tuple[str, dict] | None:
    """A throughput below the system's own output fps, from a claim of streaming (or a live name).

    The throughput is the claim's own figure, else the fastest rate the vendor states anywhere
    (its other claims): if even that is below the output fps, a claim of streaming cannot hold.
    """
    if profile is None or not profile.output_fps:
        return None
    live = level is not None and rank(level) >= 2
    fps = [s for s in stated if s.metric == "fps"]
    src = profile.sources.get("output_fps")
    plays = f"the {profile.output_fps:g} fps its own video plays at{f' ({src})' if src else ''}"
    if fps:
        top = max(fps, key=lambda s: s.value)
        if top.value >= profile.output_fps * 0.98 or not (live or profile.name_claims_live):
            return None
        because = (
            f"its wording implies streaming ({why_level})" if live else f"its name, '{system}', promises real time"
        )
        reason = (
            f"Implausible as real time: {system} claims {top.text}, below {plays}; by the streaming rule (sustained "
            f"throughput ≥ output fps) it cannot stream on any GPU, whatever the GPU does, though {because}."
        )
        return reason, {"output_fps": profile.output_fps, "output_fps_source": src, "claimed_fps": top.value}
    if not live or not own:
        return None
    best = max(own, key=lambda o: (o["fps"], o.get("claim_id") is not None))  # tie: the archived page
    if best["fps"] >= profile.output_fps * 0.98:
        return None
    on = f" on {best['gpu']}" if best.get("gpu") else ""
    reason = (
        f"Implausible as {level} ({'streaming' if level == 'L2' else 'streaming, and more'}): the claim implies streaming ({why_level}), but the fastest rate "
        f'{system}\'s makers state anywhere is {best["fps"]:g} fps{on} ("{best["text"]}", {best["source"]}), '
        f"below {plays}; by its own figures it cannot stream on any GPU."
    )
    ev = {"output_fps": profile.output_fps, "output_fps_source": src, "own_claim": best}
    if best.get("claim_id"):
        ev["evidence_ids"] = [{"kind": "claim", "id": best["claim_id"]}]
    return reason, ev
