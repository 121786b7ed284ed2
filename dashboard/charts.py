"""Altair charts: levels per system, counts, claims over time, the roofline, measured timings.

Charts take DataFrames from `queries` and return Altair charts; tooltips show stored
strings as text (Vega escapes them), never as HTML.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from liveaudit.vocab import LEVELS

SERIES_COLOURS = alt.Scale(
    domain=["implied by claims", "measured (best GPU)", "roofline bound (best GPU)"],
    range=["#d62728", "#1f77b4", "#7f7f7f"],
)


def levels(frame: pd.DataFrame) -> alt.Chart:
    """Implied vs measured (and bound) liveness level per system: the headline finding."""
    return (
        alt.Chart(frame)
        .mark_point(size=160, filled=True, opacity=0.85)
        .encode(
            y=alt.Y("system:N", title=None, sort="ascending"),
            x=alt.X(
                "level:O",
                scale=alt.Scale(domain=list(LEVELS)),
                title="liveness level (L0 offline … L4 conversational)",
                axis=alt.Axis(labelAngle=0, orient="top"),  # read before scrolling down a long list
            ),
            color=alt.Color("series:N", scale=SERIES_COLOURS, legend=alt.Legend(orient="top", title=None)),
            shape=alt.Shape("series:N", legend=None),
            yOffset=alt.YOffset(
                "series:N", scale=alt.Scale(domain=list(SERIES_COLOURS.domain))
            ),  # side by side, not on top
            tooltip=["system", "series", "level", "detail"],
        )
        .properties(height=alt.Step(11))  # per series: three series make a 33-pixel row per system
    )


def counts(frame: pd.DataFrame, title: str) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title="claims"),
            y=alt.Y("value:N", sort="-x", title=None),
            tooltip=["value", "claims"],
        )
        .properties(title=title, height=alt.Step(22))
    )


def over_time(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("month:O", title="publication month"),
            y=alt.Y("claims:Q", stack=True),
            color=alt.Color("implied_level:N", title="implied level", sort=list(LEVELS) + ["none"]),
            tooltip=["month", "implied_level", "claims"],
        )
        .properties(height=220)
    )


def _gpu_specs(analysis: dict) -> dict[str, tuple[float, float]]:
    """Peak FLOP/s and bytes/s per GPU, recovered from the analysis' own roofline bounds."""
    specs = {}
    flops, nbytes = analysis.get("flops_per_video_second"), analysis.get("bytes_per_video_second")
    for gpu, bound in (analysis["result"].get("roofline") or {}).items():
        c, m = bound.get("compute_s_per_video_s"), bound.get("memory_s_per_video_s")
        if flops and nbytes and c and m:
            specs[gpu] = (flops / c, nbytes / m)
    return specs


def roofline(analysis: dict, claims: pd.DataFrame) -> alt.LayerChart | None:
    """GPUs as rooflines, the system's stages as points, each claim as a marker.

    x: arithmetic intensity (FLOPs per byte); y: FLOP/s needed. A stage's point is the FLOP/s
    it needs to keep up with real time (1 s of video per second); a claim's marker is the
    FLOP/s its stated speed needs. A point above a GPU's roof cannot run at that speed there.
    """
    specs = _gpu_specs(analysis)
    flops, nbytes = analysis.get("flops_per_video_second"), analysis.get("bytes_per_video_second")
    if not specs or not flops or not nbytes:
        return None
    stages = [s for s in analysis["result"].get("stages") or [] if s.get("flops") and s.get("bytes")]
    total_stage_flops = sum(s["flops"] for s in stages) or 1.0
    points = [{"name": "whole system", "intensity": flops / nbytes, "flops_needed": flops, "what": "system"}]
    points += [
        {
            "name": f"{s['name']} ({s.get('class', '')})",
            "intensity": s["flops"] / s["bytes"],
            "flops_needed": flops * s["flops"] / total_stage_flops,
            "what": "stage",
        }
        for s in stages
    ]
    native_fps = (analysis.get("settings") or {}).get("fps") or None
    markers = []
    for row in claims.itertuples():
        speed = None  # seconds of video per second of wall time the claim implies
        if getattr(row, "fps", None) and native_fps:
            speed = float(row.fps) / float(native_fps)
        if speed:
            # The tooltip names the claim by id only: stored sentences never go into chart markup.
            markers.append(
                {
                    "name": f"claim #{row.id} ({float(row.fps):g} fps)",
                    "intensity": flops / nbytes,
                    "flops_needed": flops * speed,
                    "what": "claim",
                }
            )
    lo = min(p["intensity"] for p in points) / 10
    hi = max(max(p["intensity"] for p in points) * 10, max(peak / bw for peak, bw in specs.values()) * 10)
    roofs = []
    for gpu, (peak, bw) in specs.items():
        for i in range(41):
            x = lo * (hi / lo) ** (i / 40)
            roofs.append({"gpu": gpu, "intensity": x, "flops": min(peak, bw * x)})
    scale_x = alt.Scale(type="log", domain=[lo, hi])
    ys = [r["flops"] for r in roofs] + [p["flops_needed"] for p in points + markers]
    scale_y = alt.Scale(type="log", domain=[min(ys) / 2, max(ys) * 2])
    roof = (
        alt.Chart(pd.DataFrame(roofs))
        .mark_line()
        .encode(
            x=alt.X("intensity:Q", scale=scale_x, title="arithmetic intensity (FLOPs / byte)"),
            y=alt.Y("flops:Q", scale=scale_y, title="FLOP/s (attainable / needed for the speed)"),
            color=alt.Color("gpu:N", title="GPU roofline"),
            tooltip=["gpu"],
        )
    )
    marks = (
        alt.Chart(pd.DataFrame(points + markers))
        .mark_point(size=120, filled=True)
        .encode(
            x=alt.X("intensity:Q", scale=scale_x),
            y=alt.Y("flops_needed:Q", scale=scale_y),
            shape=alt.Shape(
                "what:N",
                title="point",
                scale=alt.Scale(domain=["system", "stage", "claim"], range=["diamond", "circle", "triangle-up"]),
            ),
            tooltip=[
                "what",
                "name",
                alt.Tooltip("flops_needed:Q", format=".3~s"),
                alt.Tooltip("intensity:Q", format=".3~s"),
            ],
        )
    )
    return (roof + marks).properties(height=380)


def chunk_gaps(frame: pd.DataFrame) -> alt.Chart:
    """Distribution of per-chunk times per GPU and mode (frame: run, seconds)."""
    return (
        alt.Chart(frame)
        .mark_boxplot(extent="min-max")
        .encode(
            x=alt.X("seconds:Q", title="time per chunk (s)"),
            y=alt.Y("run:N", title=None),
            color="run:N",
        )
        .properties(height=alt.Step(40))
    )


def ttff(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("ttff_s:Q", title="time to first frame (s)"),
            y=alt.Y("run:N", title=None),
            tooltip=["run", "ttff_s", "throughput_fps", "level"],
        )
        .properties(height=alt.Step(30))
    )


def finite(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def claimed_vs_measured(points: pd.DataFrame, claimed_fps: float | None) -> alt.LayerChart:
    """Each report / audited result / our run ("our run") as a point (frame rate per GPU), the
    claimed frame rate as a rule.

    Tooltips carry the evidence id, GPU, frame rate and ratio only: text from the pages (authors,
    sentences) stays in the table below the chart, never in chart markup.
    """
    marks = (
        alt.Chart(points)
        .mark_point(size=110, filled=True)
        .encode(
            x=alt.X("gpu:N", title="GPU (as the report states it)", sort="-y"),
            y=alt.Y("fps:Q", title="frames per second", scale=alt.Scale(type="log")),
            color=alt.Color(
                "kind:N",
                title="evidence",
                scale=alt.Scale(domain=["report", "audited", "our run"], range=["#1f77b4", "#d62728", "#2e7d32"]),
            ),
            tooltip=[
                alt.Tooltip("id:Q", title="evidence #"),
                "gpu",
                alt.Tooltip("fps:Q", format=".3~g"),
                alt.Tooltip("ratio:Q", title="got / claimed", format=".2f"),
            ],
        )
    )
    if not claimed_fps:
        return alt.layer(marks).properties(height=360)
    rule = (
        alt.Chart(pd.DataFrame([{"claimed": claimed_fps, "label": f"claimed {claimed_fps:g} fps"}]))
        .mark_rule(color="#d62728", strokeDash=[6, 4], size=2)
        .encode(y="claimed:Q", tooltip=["label"])
    )
    text = (
        alt.Chart(pd.DataFrame([{"claimed": claimed_fps, "label": f"claimed {claimed_fps:g} fps"}]))
        .mark_text(align="left", dx=4, dy=-6, color="#d62728")
        .encode(y="claimed:Q", text="label", x=alt.value(0))
    )
    return (marks + rule + text).properties(height=360)
