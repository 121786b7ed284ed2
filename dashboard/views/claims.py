"""Claims: a searchable, filterable table of every current claim, paged in SQL, with CSV download."""

import datetime as dt

import streamlit as st

from liveaudit.dashboard import cache, ui
from liveaudit.dashboard.filters import ClaimFilter
from liveaudit.encoding import csv_cell

url, stamp = ui.store()
st.title("Claims")
totals = cache.totals(url, stamp)
if not totals["claims"]:
    ui.empty_state("documents" if not totals["documents"] else "claims")
    st.stop()

options = cache.filter_options(url, stamp)
with st.sidebar:
    st.header("Filters")
    search = st.text_input("Search sentence, URL or title", key="search")
    systems = st.multiselect("System", options["systems"], key="f_systems")
    terms = st.multiselect("Term", options["terms"], key="f_terms")
    kinds = st.multiselect("Kind", options["kinds"], key="f_kinds")
    verdicts = st.multiselect("Verdict", options["verdicts"], key="f_verdicts")
    source_kinds = st.multiselect("Source kind", options["source_kinds"], key="f_source_kinds")
    hedges = st.multiselect("Hedge", options["hedges"], key="f_hedges")
    hardware = st.radio("Hardware stated", ["any", "yes", "no"], horizontal=True, key="f_hardware")
    use_dates = st.checkbox("Filter by publication date", key="f_use_dates")
    published_from = published_to = ""
    if use_dates:
        start = st.date_input("Published from", dt.date(2020, 1, 1), key="f_from")
        end = st.date_input("Published to", dt.date.today(), key="f_to")
        published_from, published_to = start.isoformat(), end.isoformat()

flt = ClaimFilter(
    search=search,
    systems=tuple(systems),
    terms=tuple(terms),
    kinds=tuple(kinds),
    verdicts=tuple(verdicts),
    source_kinds=tuple(source_kinds),
    hedges=tuple(hedges),
    hardware_stated={"any": None, "yes": True, "no": False}[hardware],
    published_from=published_from,
    published_to=published_to,
)
matching = cache.count_claims(url, stamp, flt)
size = ui.page_size()
pages = max(1, -(-matching // size))
top = st.columns([3, 1, 1])
top[0].markdown(f"**{matching:,} claims match** of {cache.count_claims(url, stamp, ClaimFilter()):,}")
page = top[1].number_input("Page", min_value=1, max_value=pages, value=1, step=1, key="page") - 1
top[2].caption(f"of {pages:,} pages, {size} a page")
if not totals["verdicts"]:
    ui.empty_state("verdicts")

frame = cache.claims_page(url, stamp, flt, int(page), size)
frame.insert(1, "card", [f"card?claim={i}" for i in frame["id"]])
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    column_config={
        "card": st.column_config.LinkColumn("card", display_text="open card"),
        "sentence": st.column_config.TextColumn("sentence", width="large"),
        "url": st.column_config.TextColumn("url"),  # text, never a link: stored URLs are untrusted
        "hardware_stated": st.column_config.CheckboxColumn("hardware stated"),
    },
)


def _csv() -> bytes:
    frame = cache.claims_page(url, stamp, flt, 0, 0)
    # Cells a spreadsheet would run as formulas (a page's "=HYPERLINK(...)") become inert text.
    return frame.map(csv_cell).to_csv(index=False).encode("utf-8")


st.download_button(
    f"Download the {matching:,} matching claims as CSV",
    _csv,
    file_name="liveaudit-claims.csv",
    mime="text/csv",
    on_click="ignore",
    key="csv",
)
