"""Runs: what ran when, how it ended, with which software versions."""

import pandas as pd
import streamlit as st

from liveaudit.dashboard import cache, ui

url, stamp = ui.store()
st.title("Runs")
rows = cache.runs(url, stamp)
if not rows:
    ui.empty_state("runs")
    st.stop()

KEY_PACKAGES = ("liveaudit", "torch", "diffusers", "transformers", "scrapy", "spacy", "scikit-learn", "streamlit")
table = pd.DataFrame(
    [
        {
            "id": r["id"],
            "command": r["command"],
            "status": r["status"],
            "started_at": r["started_at"],
            "finished_at": r["finished_at"],
            "seconds": (pd.Timestamp(r["finished_at"]) - pd.Timestamp(r["started_at"])).total_seconds()
            if r["finished_at"]
            else None,
            "host": r["host"],
            "user": r["user"],
            "versions": ", ".join(f"{k} {r['versions'][k]}" for k in KEY_PACKAGES if k in r["versions"]),
            "error": r["error"],
        }
        for r in rows
    ]
)
st.dataframe(table, hide_index=True, width="stretch")

chosen = st.selectbox(
    "Details of run",
    [r["id"] for r in rows],
    format_func=lambda i: f"#{i} {next(r['command'] for r in rows if r['id'] == i)}",
    key="run",
)
run = next(r for r in rows if r["id"] == chosen)
left, right = st.columns(2)
with left:
    st.subheader("Arguments")
    st.json(run["args"])
    st.subheader("Summary")
    st.json(run["summary"])
with right:
    st.subheader("Software versions")
    st.json(run["versions"])
