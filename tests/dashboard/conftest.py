"""Dashboard fixtures: the seeded store (tests/conftest.py) named to the app, an empty one, AppTest."""

from __future__ import annotations

import pytest


@pytest.fixture
def seeded_db(seeded, monkeypatch):
    """The seeded store, named to the app through LIVEAUDIT_DB (as `liveaudit dashboard --db` does)."""
    path, ids = seeded
    monkeypatch.setenv("LIVEAUDIT_DB", path)
    return path, ids


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    from liveaudit.store import Store

    path = str(tmp_path / "empty.db")
    Store.open(path).close()
    monkeypatch.setenv("LIVEAUDIT_DB", path)
    return path


@pytest.fixture
def app():
    """Open a page of the dashboard in Streamlit's AppTest: app(page, **query_params) -> ran AppTest."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from liveaudit.dashboard import APP

    def _open(page: str = "overview", **query):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params.update({k: str(v) for k, v in query.items()})
        at.run()
        if page != "overview":
            at.switch_page(f"views/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


def texts(at) -> list[str]:
    """Every piece of text an AppTest page shows (text, code, markdown, captions, alerts)."""
    found = []
    for kind in ("text", "code", "markdown", "caption", "info", "warning", "error", "title", "header", "subheader"):
        found += [str(e.value) for e in getattr(at, kind)]
    return found
