"""The report's charts, drawn with matplotlib (Agg) as SVG bytes.

The HTML embeds each as `<img src="data:image/svg+xml;base64,...">`: self-contained, and a
browser never runs script inside an image, so text from the store in a label stays text.
Each chart function returns an open Figure, or None when there is nothing to draw;
`svg(fig)` turns one into bytes (the PDF fallback saves the same figures to PDF pages).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from liveaudit.vocab import LEVELS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLOURS = {
    "supported": "#2e7d32",
    "contradicted": "#c62828",
    "disputed": "#ef6c00",
    "implausible": "#6a1b9a",
    "unverifiable": "#9e9e9e",
    "untested": "#f9a825",
    "not judged": "#e0e0e0",
}


def _figure(height: float):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "svg.hashsalt": "liveaudit"})
    return plt, plt.subplots(figsize=(7.5, height))


def _done(plt, fig):
    fig.tight_layout()
    return fig


def svg(fig) -> bytes | None:
    """The figure as SVG bytes (and closed); None for None."""
    if fig is None:
        return None
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "liveaudit"})
    plt.close(fig)
    return buf.getvalue()


def draw_all(facts: dict) -> dict:
    """The report's figures by name (open matplotlib Figures, or None when empty)."""
    return {
        "levels": levels_gap(facts["gaps"]),
        "throughput": throughput(facts["measurements"]),
        "systems": verdicts_by_system(facts["systems"]),
        "measured": claimed_vs_measured(facts.get("measured") or []),
    }


def claimed_vs_measured(systems: list[dict]) -> Figure | None:
    """Per system with a claimed frame rate: the claim as the line at 1, each report (and our own run, a
    diamond) as a point at got / claimed; the bar is the median of others' ratios."""
    shown = [s for s in systems if any(p["ratio"] is not None for p in s["points"])][:20]
    if not shown:
        return None
    plt, (fig, ax) = _figure(1.0 + 0.32 * len(shown))
    for row, s in enumerate(shown[::-1]):
        for p in s["points"]:
            if p["ratio"] is not None:
                ax.scatter(
                    p["ratio"],
                    row,
                    s=22,
                    color={"audited": "#c62828", "measurement": "#2e7d32"}.get(p["kind"], "#1565c0"),
                    marker="D" if p["kind"] == "measurement" else "o",
                    alpha=0.75,
                    zorder=3,
                )
        if s["median_ratio"] is not None:
            ax.scatter(s["median_ratio"], row, marker="|", s=260, color="black", zorder=4)
    ax.axvline(1.0, color="#2e7d32", linestyle="--", linewidth=1.5, label="claimed figure (= 1)")
    ax.set_xscale("log")
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([f"{s['system']} (claimed {s['claimed']['fps']:g} fps)" for s in shown[::-1]])
    ax.set_xlabel("got / claimed (log); dots: reports (red: audited), diamonds: our runs, bar: others' median")
    ax.legend(loc="lower right", fontsize=8)
    return _done(plt, fig)


def verdicts_by_system(systems: list[dict]) -> Figure | None:
    """Stacked bars: claims per system, split by verdict."""
    if not systems:
        return None
    shown = systems[:15]
    plt, (fig, ax) = _figure(0.9 + 0.3 * len(shown))
    names = [s["system"] for s in shown][::-1]
    left = [0] * len(names)
    for verdict, colour in COLOURS.items():
        values = [s.get(verdict, 0) for s in shown][::-1]
        if any(values):
            ax.barh(names, values, left=left, color=colour, label=verdict)
            left = [a + b for a, b in zip(left, values)]
    ax.set_xlabel("claims")
    ax.legend(loc="lower right", fontsize=7)
    return _done(plt, fig)


def levels_gap(gaps: list[dict]) -> Figure | None:
    """Per system and GPU: the level the claims imply, the level measured, and the roofline's best."""
    rows = [g for g in gaps if g.get("implied_level") or g.get("measured_level")]
    if not rows:
        return None
    plt, (fig, ax) = _figure(1.0 + 0.35 * len(rows))
    labels = [f"{g['system']} · {g.get('hardware') or 'no GPU named'}" for g in rows][::-1]
    ys = range(len(rows))
    for marker, key, colour, name in (
        ("o", "implied_level", "#c62828", "implied by the wording"),
        ("s", "measured_level", "#1565c0", "measured"),
        ("^", "bound_level", "#9e9e9e", "at best (roofline)"),
    ):
        points = [(LEVELS.index(g[key]), y) for y, g in zip(ys, rows[::-1]) if g.get(key) in LEVELS]
        if points:
            ax.scatter(
                [p[0] for p in points], [p[1] for p in points], marker=marker, color=colour, label=name, zorder=3
            )
    for y, g in zip(ys, rows[::-1]):
        if g.get("implied_level") in LEVELS and g.get("measured_level") in LEVELS:
            ax.plot(
                [LEVELS.index(g["implied_level"]), LEVELS.index(g["measured_level"])], [y, y], color="#bdbdbd", zorder=1
            )
    ax.set_yticks(list(ys), labels)
    ax.set_xticks(range(len(LEVELS)), LEVELS)
    ax.set_xlim(-0.5, len(LEVELS) - 0.5)
    ax.grid(axis="x", color="#eeeeee")
    ax.legend(loc="lower right", fontsize=7)
    return _done(plt, fig)


def throughput(measurements: list[dict]) -> Figure | None:
    """Measured sustained fps per system, GPU and mode, beside the output frame rate it must sustain."""
    rows = [m for m in measurements if m.get("throughput_fps") is not None]
    if not rows:
        return None
    plt, (fig, ax) = _figure(1.0 + 0.3 * len(rows))
    labels = [f"{m['system']} · {m.get('hardware') or '?'} · {m.get('mode') or '?'} (#{m['id']})" for m in rows][::-1]
    ax.barh(labels, [m["throughput_fps"] for m in rows][::-1], color="#1565c0", label="measured fps")
    needed = [(m["output_fps"], i) for i, m in enumerate(rows[::-1]) if m.get("output_fps")]
    if needed:
        ax.scatter(
            [n[0] for n in needed],
            [n[1] for n in needed],
            marker="|",
            s=200,
            color="#c62828",
            label="output fps (real time)",
            zorder=3,
        )
    ax.set_xlabel("frames per second")
    ax.legend(loc="lower right", fontsize=7)
    return _done(plt, fig)
