"""Fact-check card: one claim with its source, archive record, figures, verdict and evidence.

Permalink: `card?claim=ID`. Every stored string is shown with st.text / st.code.
"""

import pandas as pd
import streamlit as st

from liveaudit.dashboard import cache, ui, warc
from liveaudit.records import VerdictEvidence

url, stamp = ui.store()
st.title("Fact-check card")
raw = st.query_params.get("claim")
claim_id = int(raw) if raw and raw.isdigit() else cache.first_claim_id(url, stamp)
if claim_id is None:
    ui.empty_state("claims")
    st.stop()
claim_id = int(st.number_input("Claim id", min_value=1, value=int(claim_id), step=1, key="claim_id"))
st.query_params["claim"] = str(claim_id)
card = cache.claim_card(url, stamp, claim_id)
if card is None:
    st.error(f"There is no claim #{claim_id} in this store.")
    st.stop()

st.subheader(f"Claim #{claim_id}")
with st.container(border=True):
    ui.quote(card["sentence"], "Quote")
    ui.quote(card["title"], "Source")
    ui.quote(card["url"], "URL")
    link = ui.safe_link(card["url"])
    if link:
        st.link_button("Open the source page", link)
cols = st.columns(4)
cols[0].caption("Published")
cols[0].text(card["published_at"] or "not stated")
cols[1].caption("Fetched")
cols[1].text(str(card["fetched_at"])[:19])
cols[2].caption("Source kind")
cols[2].text(card["source_kind"] or "unknown")
cols[3].caption("Page version")
cols[3].text(f"{card['document_version']} of {card['latest_version']}")
if card["document_version"] != card["latest_version"]:
    st.warning("This claim comes from an older version of the page; the page has changed since.")

st.subheader("Archived record")
if card["warc_file"]:
    st.text(
        f"{card['warc_file']} at offset {card['warc_offset']}, record {card['warc_record_id']}, "
        f"content sha256 {card['content_sha256']}"
    )
    record = warc.record_bytes(card["warc_file"], card["warc_offset"], url)
    if record is None:
        st.info("The WARC file is not readable from here (moved, or liveaudit[crawler] not installed).")
    else:
        st.download_button(
            "Download the archived WARC record",
            record,
            file_name=f"claim-{claim_id}.warc.gz",
            mime="application/warc",
            on_click="ignore",
            key="warc",
        )
    st.caption("Or print it from a shell")
    db_arg = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else '"$LIVEAUDIT_DB"'  # no password shown
    st.code(f"liveaudit warc show {card['document_id']} --db {db_arg}", language=None)
else:
    st.info("This page was not archived as WARC.")

st.subheader("What the claim states")
left, right = st.columns(2)
with left:
    st.caption("Figures (normalized)")
    st.json({k: v for k, v in card["figures"].items() if v is not None})
with right:
    st.caption("Wording")
    st.text(
        f"kind: {card['kind']}\nsystem: {card['system'] or 'unresolved'}\nterms: {', '.join(card['terms'])}\n"
        f"implied level: {card['implied_level'] or '—'}\nhedge: {card['hedge'] or '—'}\n"
        f"specificity: {card['specificity'].get('score', '—')}\nmodel: {card['model_version']}"
    )

st.subheader("Verdict")
verdict = card["verdict"]
if verdict is None:
    ui.empty_state("verdicts")
else:
    with st.container(border=True):
        st.text(
            f"{verdict['verdict'].upper()}  (implied {verdict['implied_level'] or '—'}, "
            f"measured {verdict['measured_level'] or '—'})"
        )
        ui.quote(verdict["reason"], "Reason")
    ev = VerdictEvidence.from_json(verdict.get("evidence"))
    if ev.wording_change:  # rules v2: the claim was reworded between versions of its page
        st.caption("Wording changed between versions of the page ([-removed-] {+added+})")
        st.text(
            f"before: {ev.wording_change['old_sentence']}\nnow:    {card['sentence']}\n"
            f"diff:   {ev.wording_change['diff']}"
        )
    for c in ev.conflicts:
        st.caption(f"Conflicts with claim #{c['other']['claim_id']} ({c['type']})")
        st.text(f'{c["why"]}: "{c["other"]["sentence"]}" ({c["other"].get("url")})')
    if ev.users_got:
        st.caption("What users got (evidence not comparable with the claim)")
        st.dataframe(pd.DataFrame([dict(u) for u in ev.users_got]), hide_index=True)
    for m in card["measurements"]:
        st.caption(f"Measurement #{m['id']} it rests on")
        st.text(
            f"{m['system']} on {m['hardware']} ({m['device']}, {m['result'].get('mode', '?')}, {m['origin']}): "
            f"TTFF {m['ttff_s']} s, {m['throughput_fps']} fps, RTF {m['rtf']}, level {m['level']}"
        )
        st.json({"environment": m["environment"], "settings": m["settings"]}, expanded=False)
    for a in card["analyses"]:
        st.caption(f"Analysis #{a['id']} it rests on")
        st.json(
            {
                "settings": a["settings"],
                "flops_per_video_second": a["flops_per_video_second"],
                "roofline": a["result"].get("roofline"),
            },
            expanded=False,
        )
    if not card["measurements"] and not card["analyses"]:
        st.caption("The verdict names no measurement or analysis.")

st.subheader("Cite")
base = st.context.url or ""
permalink = f"{base}?claim={claim_id}" if base else f"card?claim={claim_id}"
st.caption("Permalink")
st.code(permalink, language=None)
verdict_text = f" liveaudit verdict: {verdict['verdict']} — {verdict['reason']}" if verdict else ""
citation = (
    f'"{card["sentence"]}" — {card["title"] or card["url"]} ({card["url"]}), published '
    f"{card['published_at'] or 'n.d.'}, archived {card['fetched_at']}"
    f"{' as WARC record ' + card['warc_record_id'] if card['warc_record_id'] else ''}.{verdict_text} {permalink}"
)
st.caption("Copy citation (the copy button is at the box's corner)")
st.code(citation, language=None, wrap_lines=True)
