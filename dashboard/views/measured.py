"""Claimed vs measured: per system, the claimed frame rate beside what others and we measured.

A line for the claimed figure, a point per report, audited result or our own GPU run (GPU,
settings, link to the page it was read from), the ratio got/claimed per point and the median of
others' ratios per system. Empty cells stay empty (never "None").
Reads `liveaudit.measured.claimed_vs_measured` through the cache; page text is shown as text.
"""

import pandas as pd
import streamlit as st

from liveaudit.dashboard import cache, charts, ui

url, stamp = ui.store()
systems = cache.claimed_vs_measured(url, stamp)
st.title("Claimed vs measured")
st.caption("What others measured (users' reports, audited results) and our own GPU runs, beside the claim.")
if not systems:
    st.info(
        "No reports, audited results or GPU runs in this store yet: crawl issue threads and benchmark "
        "pages (kinds issue_thread, third_party, benchmark in the sources file) and run `liveaudit "
        "classify`, or load the shipped runs with `liveaudit measure --shipped`."
    )
    st.stop()

overview = pd.DataFrame(
    [
        {
            "system": s["system"],
            "claimed fps": s["claimed"]["fps"] if s["claimed"] else None,
            "claimed on": (s["claimed"] or {}).get("gpu"),
            "reports": s["reports"],
            "audited": s["audited"],
            "our runs": s.get("runs", 0),
            "compared": s["compared"],
            "median got/claimed": s["median_ratio"],
        }
        for s in systems
    ]
)
st.subheader("Per system")
st.dataframe(ui.blank_missing(overview), hide_index=True, width="stretch")

names = [s["system"] for s in systems]
wanted = st.query_params.get("system")
system = st.selectbox("System", names, index=names.index(wanted) if wanted in names else 0, key="measured_system")
st.query_params["system"] = system
entry = next(s for s in systems if s["system"] == system)
claim = entry["claimed"]
if claim:
    st.markdown(
        f"**Claimed:** {claim['fps']:g} fps" + (f" on {claim['gpu']}" if claim.get("gpu") else " (no GPU named)")
    )
    ui.quote(claim.get("text"), "claim")
    st.caption(f"Source of the claim: {claim.get('source') or 'unknown'} ({claim['from']})")
else:
    st.markdown("**Claimed:** no frame rate claimed for this system in the store.")
if entry["median_ratio"] is not None:
    st.metric(
        "Median got / claimed",
        f"{entry['median_ratio']:.2f}",
        help=f"over {entry['compared']} reports and audited results with a frame rate (our runs not counted)",
    )

points = pd.DataFrame(entry["points"])
plotted = points.dropna(subset=["fps"])
plotted = plotted[plotted["gpu"].notna()] if not plotted.empty else plotted
if plotted.empty:
    st.info("None of these reports states a frame rate on a named GPU, so there is nothing to plot; see the table.")
else:
    st.altair_chart(
        charts.claimed_vs_measured(
            plotted.assign(gpu=plotted["gpu"].astype(str), kind=plotted["kind"].replace({"measurement": "our run"})),
            claim["fps"] if claim else None,
        ),
        width="stretch",
    )
    st.caption(
        "Dashed line: the claimed frame rate. Points: what each report, audited result or our own run "
        "got, on its GPU (log scale). Hover for the evidence or measurement id and the ratio got / claimed."
    )

table = points[
    [
        "id",
        "kind",
        "author",
        "posted_at",
        "gpu",
        "gpu_count",
        "fps",
        "fps_from",
        "ratio",
        "latency_s",
        "outcome",
        "settings",
        "scenario",
        "metric",
        "value",
        "sentence",
        "url",
    ]
].copy()
table["url"] = [ui.safe_link(u) for u in table["url"]]
table["kind"] = table["kind"].replace({"measurement": "our run"})
table["ratio"] = [f"{r:.2f}" if pd.notna(r) else None for r in table["ratio"]]
table = ui.blank_missing(table, keep=("url",))
st.subheader(f"Reports, results and our runs ({len(table)})")
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "url": st.column_config.LinkColumn("page", display_text="open page"),
        "ratio": st.column_config.TextColumn("got / claimed"),
    },
)
