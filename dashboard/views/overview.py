"""Overview: implied vs measured liveness per system, claim counts, and wording over time."""

import streamlit as st

from liveaudit.dashboard import cache, charts, ui
from liveaudit.dashboard.queries import over_time, summary_counts, term_counts

url, stamp = ui.store()
st.title("Is it live? Claims against measurements")
totals = cache.totals(url, stamp)
summary = cache.claim_summary(url, stamp)
current = {
    "claims": int(summary["claims"].sum()),
    "verdicts": int(summary.loc[summary["verdict"].notna(), "claims"].sum()),
}
cols = st.columns(6)
for col, key in zip(cols, ("documents", "claims", "verdicts", "analyses", "measurements", "runs")):
    col.metric(
        key if key not in current else f"current {key}",
        f"{current.get(key, totals[key]):,}",
        help="every stored version" if key == "documents" else None,
    )

st.header("Implied vs measured liveness level per system")
levels = cache.levels_by_system(url, stamp, summary)
if levels.empty:
    if not totals["claims"]:
        ui.empty_state("claims")
    if not totals["measurements"]:
        ui.empty_state("measurements")
    if not totals["analyses"]:
        ui.empty_state("analyses")
else:
    st.altair_chart(charts.levels(levels), width="stretch")
    st.caption(
        "Red: the highest level any claim's wording implies. Blue: the best level measured on any GPU. "
        "Grey: the best level the roofline bound allows on any catalogued GPU (physics, not a measurement)."
    )
    for what in ("measurements", "analyses"):
        if not totals[what]:
            ui.empty_state(what)
gaps = cache.level_gaps(url, stamp)
st.subheader("Gap per system and GPU (from the verdicts)")
if gaps.empty:
    ui.empty_state("verdicts")
else:
    st.dataframe(
        ui.blank_missing(gaps.rename(columns={"claims": "claims (naming the GPU or none)"})),
        hide_index=True,
        width="stretch",
    )
    st.caption("A claim that names no GPU counts under every GPU row of its system.")

st.header("Claims by kind, term and verdict")
if not totals["claims"]:
    ui.empty_state("claims")
else:
    c1, c2, c3 = st.columns(3)
    c1.altair_chart(charts.counts(summary_counts(summary, "kind"), "by kind"), width="stretch")
    c2.altair_chart(
        charts.counts(term_counts(cache.wording_summary(url, stamp)).head(20), "by term (top 20)"), width="stretch"
    )
    with c3:
        if totals["verdicts"]:
            st.altair_chart(charts.counts(summary_counts(summary, "verdict"), "by verdict"), width="stretch")
        else:
            ui.empty_state("verdicts")

st.header("How the wording has moved")
if not totals["documents"]:
    ui.empty_state("documents")
else:
    dated = over_time(cache.wording_summary(url, stamp))
    if dated.empty:
        st.info("No claim comes from a page with a publication date yet.")
    else:
        st.altair_chart(charts.over_time(dated), width="stretch")
    changed = cache.changed_documents(url, stamp)
    if changed.empty:
        st.info("No page has changed between fetches yet (a re-crawl stores a changed page as a new version).")
    else:
        st.subheader("Pages fetched in several versions")
        st.dataframe(changed.drop(columns=["document_id"]), hide_index=True, width="stretch")
        page = st.selectbox("Compare the versions of", sorted(changed["page"].unique()), key="changed_page")
        versions = changed[changed["page"] == page].sort_values("version")
        old, new = versions.iloc[-2], versions.iloc[-1]
        diff = cache.wording_changes(url, stamp, int(old["document_id"]), int(new["document_id"]))
        st.caption(
            f"Claim sentences dropped from version {int(old['version'])} and added in version {int(new['version'])}"
        )
        left, right = st.columns(2)
        with left:
            st.markdown("**Dropped**")
            for sentence in diff["removed"] or ["(none)"]:
                st.text(sentence)
        with right:
            st.markdown("**Added**")
            for sentence in diff["added"] or ["(none)"]:
                st.text(sentence)
