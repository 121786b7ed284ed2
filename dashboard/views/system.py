"""System: one system's claims beside its analyses and measurements (roofline, timings, levels per GPU)."""

import pandas as pd
import streamlit as st

from liveaudit.dashboard import cache, charts, ui

url, stamp = ui.store()
names = cache.system_names(url, stamp)
st.title("System")
if not names:
    ui.empty_state("claims")
    ui.empty_state("analyses")
    st.stop()

wanted = st.query_params.get("system")
index = names.index(wanted) if wanted in names else 0
system = st.selectbox("System", names, index=index, key="system_choice")
st.query_params["system"] = system  # the page's URL is its permalink

analyses = cache.latest_analyses(url, stamp, system)
measured = cache.measurements(url, stamp, system)
claims = cache.system_claims(url, stamp, system)

st.header("Roofline")
if not analyses:
    ui.empty_state("analyses")
else:
    labels = [a["settings"].get("label") or f"analysis #{a['id']}" for a in analyses]
    chosen = st.selectbox("Analysis settings", range(len(analyses)), format_func=lambda i: labels[i], key="analysis")
    analysis = analyses[chosen]
    chart = charts.roofline(analysis, claims)
    if chart is None:
        st.info("This analysis has no roofline bounds to draw.")
    else:
        st.altair_chart(chart, width="stretch")
        st.caption(
            "Lines: each GPU's roof (attainable FLOP/s at an arithmetic intensity). Points: FLOP/s the system "
            "and each stage need to generate one second of video per second; triangles: FLOP/s each claim's "
            "stated frame rate needs. Anything above a roof cannot reach that speed on that GPU."
        )
    reach = cache.best_reachable_levels(url, stamp, system)
    if reach:
        st.subheader("Best reachable level per GPU")
        st.dataframe(
            pd.DataFrame([{"gpu": g, "best reachable level": lv} for (_, g), lv in sorted(reach.items())]),
            hide_index=True,
        )
    bounds = pd.DataFrame([{"gpu": gpu, **bound} for gpu, bound in (analysis["result"].get("roofline") or {}).items()])
    if not bounds.empty:
        st.subheader("Bound per GPU (analysis)")
        st.dataframe(bounds, hide_index=True, width="stretch")
    st.caption(f"{analysis['params'] or 0:,} parameters; settings: {analysis['settings']}")

st.header("Measurements")
if not measured:
    ui.empty_state("measurements")
else:
    rows = [
        {
            "run": f"{m['hardware']} · {m['result'].get('mode', '?')} · #{m['id']}",
            "hardware": m["hardware"],
            "mode": m["result"].get("mode"),
            "origin": m["origin"],
            "level": m["level"],
            "ttff_s": m["ttff_s"],
            "throughput_fps": m["throughput_fps"],
            "rtf": m["rtf"],
            **{f"gap_{k}": v for k, v in (m["result"].get("chunk_gap_s") or {}).items()},
            "settings": m["settings"].get("label"),
        }
        for m in measured
    ]
    table = pd.DataFrame(rows)
    st.subheader("Level per GPU")
    best = table.dropna(subset=["level"]).sort_values("level", ascending=False).drop_duplicates("hardware")
    st.dataframe(best[["hardware", "level", "mode", "ttff_s", "throughput_fps", "origin"]], hide_index=True)
    left, right = st.columns(2)
    with left:
        st.subheader("Time to first frame")
        st.altair_chart(charts.ttff(table.dropna(subset=["ttff_s"])), width="stretch")
    with right:
        st.subheader("Per-chunk times")
        gaps = pd.DataFrame(
            [
                {"run": r["run"], "seconds": s}
                for r, m in zip(rows, measured)
                for s in m["result"].get("per_chunk_s") or []
                if charts.finite(s)
            ]
        )
        if gaps.empty:
            st.info("These measurements hold no per-chunk times.")
        else:
            st.altair_chart(charts.chunk_gaps(gaps), width="stretch")
    st.subheader("All measurements")
    st.dataframe(table, hide_index=True, width="stretch")

st.header(f"Claims ({len(claims):,}{'+' if len(claims) >= 500 else ''})")
if claims.empty:
    ui.empty_state("claims")
else:
    claims.insert(1, "card", [f"card?claim={i}" for i in claims["id"]])
    st.dataframe(
        claims,
        hide_index=True,
        width="stretch",
        column_config={"card": st.column_config.LinkColumn("card", display_text="open card")},
    )
