"""What a claim states and what a row measured, in comparable terms.

A claim becomes one or more `Stated` figures (fps, a latency of one type, seconds of
compute per second of video, or only a level); a measurements row gives the matching
`measured` value, the most favourable one for hedged figures ("up to 30 fps" meets
the measured maximum, a bare "30 fps" the median). Conditions are compared by
direction: a measurement on a weaker GPU or heavier settings that reaches a figure
supports it; one on a stronger GPU or lighter settings that misses it contradicts it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from liveaudit.levels import Thresholds

LATENCY_NAMES = {
    "first_frame": "time to first frame",
    "per_frame": "per-frame latency",
    "per_chunk": "per-chunk latency",
    "end_to_end": "end-to-end time",
}


@dataclass(frozen=True)
class Stated:
    """One figure a claim states, and how to compare it."""

    metric: str  # fps | latency | rtf | level (a rank 0-4)
    value: float
    favourable: bool  # compare with the most favourable measured value (hedge "up to")
    tolerance: float
    text: str  # "up to 30 fps", "a time to first frame of 0.8 s"
    latency_type: str | None = None

    @property
    def higher_is_better(self) -> bool:
        return self.metric in ("fps", "level")

    def met_by(self, measured: float) -> bool:
        if self.higher_is_better:
            return measured >= self.value * (1 - self.tolerance)
        return measured <= self.value * (1 + self.tolerance)


def hedge_group(hedge: str | None, th: Thresholds) -> str | None:
    hedges = th.comparison.get("hedges") or {}
    low = (hedge or "").strip().lower()
    for group in ("up_to", "approx", "strict"):
        if low and low in [h.lower() for h in hedges.get(group, [])]:
            return group
    return None


def stated_figures(figures: dict, hedge: str | None, th: Thresholds) -> tuple[list[Stated], str | None]:
    """The comparable figures of a claim, or a reason why a stated figure cannot be compared."""
    group = hedge_group(hedge, th)
    tol = (
        0.0
        if group == "strict"
        else float(th.comparison.get("approx_tolerance" if group == "approx" else "tolerance", 0.05))
    )
    favourable = group == "up_to"
    prefix = f"{hedge} " if hedge else ""
    out: list[Stated] = []
    fps, fps_max = figures.get("fps"), figures.get("fps_max")
    if figures.get("latency_type") == "end_to_end" and figures.get("duration_s"):
        # "5 s of 24 fps video in 2 s": the fps is the clip's playback rate, not a generation rate
        fps = fps_max = None
    if fps_max is not None and fps is not None and fps_max != fps:  # a range: the top end is a best case
        out.append(
            Stated("fps", float(fps), favourable, tol, f"{prefix}{fps:g} fps (lower end of {fps:g}-{fps_max:g})")
        )
        out.append(Stated("fps", float(fps_max), True, tol, f"{fps_max:g} fps (upper end of {fps:g}-{fps_max:g})"))
    elif fps is not None or fps_max is not None:
        value = float(fps if fps is not None else fps_max)
        out.append(Stated("fps", value, favourable or fps is None, tol, f"{prefix}{value:g} fps"))
    latency, kind = figures.get("latency_s"), figures.get("latency_type")
    if latency is not None:
        if kind not in LATENCY_NAMES:
            return (
                out,
                f"it states a latency of {latency:g} s without saying which latency (first frame, per frame, per chunk or end to end)",
            )
        if kind == "end_to_end":
            duration = figures.get("duration_s")
            if not duration:
                return out, f"it states an end-to-end time of {latency:g} s without the length of the clip"
            rtf = latency / duration
            out.append(
                Stated(
                    "rtf", rtf, favourable, tol, f"{prefix}{latency:g} s for a {duration:.3g} s clip (RTF {rtf:.2f})"
                )
            )
        else:
            out.append(
                Stated(
                    "latency",
                    float(latency),
                    favourable,
                    tol,
                    f"{prefix}a {LATENCY_NAMES[kind]} of {latency:g} s",
                    kind,
                )
            )
    compute = figures.get("compute_s_per_video_s")
    if compute is not None:
        out.append(
            Stated("rtf", float(compute), favourable, tol, f"{prefix}{compute:g} s of compute per second of video")
        )
    return out, None


def measured_value(stated: Stated, row: dict) -> tuple[float | None, str]:
    """The value of `row` to compare with `stated`, and what it is ('median throughput', ...)."""
    result = row.get("result") or {}
    if stated.metric == "fps":
        median = result.get("fps_p50") or row.get("throughput_fps")
        if stated.favourable:
            best = result.get("fps_max") or median
            return best, "maximum frame rate"
        return median, "median frame rate"
    if stated.metric == "rtf":
        return row.get("rtf"), "real-time factor"
    kind = stated.latency_type
    if kind == "first_frame":
        return row.get("ttff_s"), "time to first frame"
    if kind == "per_chunk":
        chunks = [float(x) for x in result.get("per_chunk_s") or [] if x is not None]
        if chunks:
            return (
                (min(chunks), "fastest chunk")
                if stated.favourable
                else (statistics.median(chunks), "median chunk time")
            )
        gaps = result.get("chunk_gap_s") or {}
        return gaps.get("p50"), "median chunk gap"
    if kind == "per_frame":
        fps = (
            (result.get("fps_max") if stated.favourable else None) or result.get("fps_p50") or row.get("throughput_fps")
        )
        return (1.0 / fps if fps else None), "time per frame"
    return None, "nothing"


def settings_relation(figures: dict, settings: dict) -> str:
    """How demanding the measured `settings` are next to the claim's:
    same | lighter | heavier | mixed | unstated (the claim states neither resolution nor steps)."""
    signs = []
    cw, ch = figures.get("width"), figures.get("height")
    mw, mh = settings.get("width"), settings.get("height")
    if cw and ch and mw and mh:
        signs.append((mw * mh > cw * ch) - (mw * mh < cw * ch))
    if figures.get("steps") and settings.get("steps"):
        signs.append((settings["steps"] > figures["steps"]) - (settings["steps"] < figures["steps"]))
    if not signs:
        return "unstated"
    if all(s == 0 for s in signs):
        return "same"
    if all(s <= 0 for s in signs):
        return "lighter"
    if all(s >= 0 for s in signs):
        return "heavier"
    return "mixed"


def gpu_relation(claimed: str | None, count: int | None, measured: str | None, rooflines: dict[str, dict]) -> str:
    """How the measured hardware compares with the claimed: same | stronger | weaker | incomparable.

    Ordering comes from the roofline of the system: a GPU is stronger when it needs no more
    compute time and no more memory time per second of video. CPU runs are weaker than any GPU;
    a claim on several GPUs is stronger than one measured GPU of the same kind.
    """
    if not claimed or not measured:
        return "incomparable"
    many = (count or 1) > 1
    if measured == claimed:
        return "weaker" if many else "same"
    if measured == "cpu":
        return "weaker"
    a, b = rooflines.get(measured), rooflines.get(claimed)
    if not a or not b:
        return "incomparable"
    keys = ("compute_s_per_video_s", "memory_s_per_video_s")
    if any(a.get(k) is None or b.get(k) is None for k in keys):
        return "incomparable"
    if all(a[k] <= b[k] for k in keys):
        return "incomparable" if many else "stronger"
    if all(a[k] >= b[k] for k in keys):
        return "weaker"
    return "incomparable"


def describe_settings(settings: dict) -> str:
    parts = []
    if settings.get("width") and settings.get("height"):
        parts.append(f"{settings['width']}×{settings['height']}")
    if settings.get("steps"):
        parts.append(f"{settings['steps']} steps")
    return ", ".join(parts) or "its default settings"


def claim_conditions(figures: dict) -> str:
    parts = []
    if figures.get("gpu"):
        count = figures.get("gpu_count") or 1
        parts.append(f"{count}× {figures['gpu']}" if count > 1 else figures["gpu"])
    parts.append(describe_settings(figures) if (figures.get("width") or figures.get("steps")) else "")
    return ", ".join(p for p in parts if p)


def fmt(value: float, unit: str) -> str:
    if unit == "s" and value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.3g} {unit}" if value < 1000 else f"{value:,.0f} {unit}"


def unit_of(stated: Stated) -> str:
    return {"fps": "fps", "latency": "s", "rtf": "s per video second"}[stated.metric]


def as_dict(stated: Stated, measured: Any = None, what: str | None = None, row_id: int | None = None) -> dict:
    return {
        "metric": stated.metric,
        "latency_type": stated.latency_type,
        "claimed": stated.value,
        "compared_with": what,
        "measured": measured,
        "measurement_id": row_id,
        "tolerance": stated.tolerance,
        "favourable": stated.favourable,
    }
