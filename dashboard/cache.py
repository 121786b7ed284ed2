"""Cached reads for the pages: `queries` functions keyed on the store URL and its fingerprint.

`st.cache_data` keys on the arguments, so every cached call takes the store URL and
`stamp` (newest run id, runs ended): a new or finished run refreshes what the pages show,
and nothing else does. The engine itself is one shared resource per URL.
"""

from __future__ import annotations

import sqlalchemy as sa
import streamlit as st

from liveaudit import measured
from liveaudit.dashboard import filters as flt
from liveaudit.dashboard import queries as q


@st.cache_resource(show_spinner=False)
def engine(url: str) -> sa.Engine:
    """The store's engine; the dashboard never migrates or writes (see `ui.open_store`)."""
    from liveaudit.store import Store

    return Store.open_existing(url).engine


def _cached(func):
    def wrapper(url: str, stamp: tuple[int, int], *args):
        return func(engine(url), *args)

    # Streamlit keys a cache on the function's module, qualified name and source; the
    # wrappers share their source, so each gets its own name before it is decorated.
    wrapper.__name__ = wrapper.__qualname__ = f"cached_{func.__name__}"
    return st.cache_data(show_spinner=False, max_entries=512)(wrapper)


totals = _cached(q.totals)
claim_summary = _cached(q.claim_summary)
wording_summary = _cached(q.wording_summary)
levels_by_system = _cached(q.levels_by_system)
level_gaps = _cached(q.level_gaps)
changed_documents = _cached(q.changed_documents)
wording_changes = _cached(q.wording_changes)
count_claims = _cached(flt.count_claims)
claims_page = _cached(flt.claims_page)
filter_options = _cached(flt.filter_options)
system_names = _cached(q.system_names)
system_claims = _cached(flt.system_claims)
latest_analyses = _cached(q.latest_analyses)
best_reachable_levels = _cached(q.best_reachable_levels)
measurements = _cached(q.measurements)
claim_card = _cached(q.claim_card)
first_claim_id = _cached(q.first_claim_id)
runs = _cached(q.runs)
claimed_vs_measured = _cached(measured.claimed_vs_measured)
