"""Pieces every page uses: finding the store, empty states, and showing stored text safely.

Stored text (page titles, sentences, URLs, reasons) comes from the web and is shown with
`st.text`, `st.code` or inside dataframes, never through Markdown or HTML: a crawled
`<script>` stays a string. Markdown here is only ever our own fixed wording.
"""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st

from liveaudit.dashboard import cache

# Which command fills each part of the store (shown in empty states).
FILLED_BY = {
    "documents": "liveaudit crawl",
    "claims": "liveaudit classify",
    "analyses": "liveaudit analyze",
    "measurements": "liveaudit measure --system NAME",
    "verdicts": "liveaudit verdicts",
    "runs": "liveaudit demo",
}


def store() -> tuple[str, tuple[int, int]]:
    """The store URL (from --db, passed as LIVEAUDIT_DB) and its cache stamp; stops the page on error."""
    from liveaudit import config
    from liveaudit.errors import LiveauditError
    from liveaudit.store.engine import normalize_url

    try:
        url = normalize_url(config.load_settings()["STORE_URL"])
        engine = cache.engine(url)
        from liveaudit.dashboard.queries import fingerprint

        return url, fingerprint(engine)
    except LiveauditError as exc:
        st.error(f"error[{exc.code}]: {exc}")
        st.stop()
        raise  # unreachable: st.stop() ends the script


def empty_state(what: str) -> None:
    """Say that nothing of `what` is stored yet and which command fills it."""
    st.info(f"No {what} yet — run `{FILLED_BY[what]}`.", icon=":material/inbox:")


def quote(text: str | None, label: str | None = None) -> None:
    """Stored text, shown as text."""
    if label:
        st.caption(label)
    st.text(text if text else "—")


def safe_link(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (a stored `javascript:` URL never becomes a link)."""
    if not url:
        return None
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


def page_size() -> int:
    from liveaudit import config

    return int(config.load_settings()["DASHBOARD_PAGE_SIZE"])


def blank_missing(frame, keep: tuple[str, ...] = ()):
    """A copy of a DataFrame for display whose missing cells are empty, not "None" (the grid prints
    None for a missing value). A column with a missing cell becomes text (numbers written compactly)
    so that Arrow gets one type; full columns keep their type. Columns in `keep` are left alone."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        if column in keep or not out[column].isna().any():
            continue
        out[column] = [
            ""
            if v is None or (isinstance(v, float) and pd.isna(v))
            else (f"{v:.4g}" if isinstance(v, float) else str(v))
            for v in out[column]
        ]
    return out
