"""Every page of the dashboard, run by Streamlit's AppTest on a seeded store and on an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboard.conftest import texts
from tests.seed import HOSTILE_SENTENCE, IMG_PAYLOAD, SCRIPT_PAYLOAD

PAGES = ("overview", "claims", "system", "card", "runs")


def test_app_overview_shows_levels_counts_and_changed_pages(seeded_db, app):
    at = app("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["current claims"] == "7" and metrics["current verdicts"] == "5" and metrics["runs"] == "5"
    assert len(at.get("vega_lite_chart")) >= 4  # levels, kind, term, verdict, over time
    assert at.selectbox(key="changed_page").value == "https://krea.example/realtime"
    shown = texts(at)
    assert "Krea Realtime streams live video at 11 fps on a single B200 with 4 steps." in shown  # added in version 2
    assert "Krea Realtime generates video in real time at 11 fps on a single B200." in shown  # dropped


@pytest.mark.parametrize("page", PAGES)
def test_app_every_page_renders_on_the_seeded_store(seeded_db, app, page):
    at = app(page)
    assert at.title[0].value
    assert not at.error


@pytest.mark.parametrize(
    "page, command",
    [
        ("overview", "liveaudit classify"),
        ("overview", "liveaudit verdicts"),
        ("claims", "liveaudit crawl"),
        ("system", "liveaudit analyze"),
        ("card", "liveaudit classify"),
        ("runs", "liveaudit demo"),
    ],
)
def test_app_empty_store_names_the_command_that_fills_it(empty_db, app, page, command):
    at = app(page)
    assert any(f"`{command}" in i.value for i in at.info), [i.value for i in at.info]


def test_app_missing_verdicts_show_an_empty_state_not_an_error(tmp_path, monkeypatch, app):
    from liveaudit.store import Store
    from tests.seed import seed

    path = tmp_path / "store.db"
    seed(path)
    store = Store.open(str(path))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM verdicts")
    store.close()
    monkeypatch.setenv("LIVEAUDIT_DB", str(path))
    for page in ("overview", "claims", "card"):
        at = app(page)
        assert any("`liveaudit verdicts`" in i.value for i in at.info), page


def test_app_claims_filters_narrow_the_table(seeded_db, app):
    at = app("claims")
    assert at.markdown[0].value.startswith("**7 claims match**")
    assert at.get("download_button"), "the matching claims are offered as CSV"
    at.sidebar.multiselect(key="f_verdicts").set_value(["supported", "implausible"]).run()
    assert at.markdown[0].value.startswith("**2 claims match**")
    assert set(at.dataframe[0].value["verdict"]) == {"supported", "implausible"}
    at.sidebar.text_input(key="search").input("self-forcing").run()
    assert at.markdown[0].value.startswith("**1 claims match**")
    assert at.dataframe[0].value["system"].tolist() == ["Self-Forcing"]


def test_app_claims_hardware_and_term_filters(seeded_db, app):
    at = app("claims")
    at.sidebar.radio(key="f_hardware").set_value("no").run()
    assert set(at.dataframe[0].value["hardware_stated"]) == {False}
    at.sidebar.radio(key="f_hardware").set_value("any").run()
    at.sidebar.multiselect(key="f_terms").set_value(["live conversation"]).run()
    assert at.dataframe[0].value["implied_level"].tolist() == ["L4"]


def test_app_card_by_permalink_shows_the_claim_verdict_and_measurement(seeded_db, app):
    _, ids = seeded_db
    at = app("card", claim=ids["claims"]["supported"])
    shown = texts(at)
    assert any(t.startswith("Self-Forcing achieves real-time streaming") for t in shown)
    assert any(t.startswith("SUPPORTED") for t in shown)
    assert any("Measurement #2 it rests on" in t for t in shown)
    assert any("cuda_graphs" in t and "H100 SXM" in t for t in shown)
    citation = at.code[-1].value
    assert "Self Forcing: Bridging the Train-Test Gap" in citation and "supported" in citation
    assert f"card?claim={ids['claims']['supported']}" in at.code[-2].value
    assert at.get("download_button"), "the archived WARC record is offered"


def test_app_card_shows_hostile_text_as_text_only(seeded_db, app):
    _, ids = seeded_db
    at = app("card", claim=ids["hostile_claim"])
    assert HOSTILE_SENTENCE in [t.value for t in at.text]
    assert any(SCRIPT_PAYLOAD in t.value for t in at.text)  # the title, as text
    for element in (*at.markdown, *at.caption, *at.info, *at.warning):
        assert SCRIPT_PAYLOAD not in element.value and IMG_PAYLOAD not in element.value


def test_app_card_of_an_older_page_version_warns(seeded_db, app):
    _, ids = seeded_db
    at = app("card", claim=ids["old_version_claim"])
    assert any("older version" in w.value for w in at.warning)


def test_app_card_for_an_unknown_claim_says_so(seeded_db, app):
    at = app("card", claim=9999)
    assert "no claim #9999" in at.error[0].value


def test_app_system_page_shows_roofline_measurements_and_claims(seeded_db, app):
    at = app("system", system="Self-Forcing")
    assert at.selectbox(key="system_choice").value == "Self-Forcing"
    assert len(at.get("vega_lite_chart")) == 3  # roofline, TTFF, per-chunk times
    frames = [d.value for d in at.dataframe]
    levels = next(f for f in frames if "level" in f.columns and "hardware" in f.columns and len(f.columns) == 6)
    assert levels.iloc[0]["level"] == "L2" and levels.iloc[0]["mode"] == "cuda_graphs"
    claims = frames[-1]
    assert set(claims["system"]) == {"Self-Forcing"}


def test_app_runs_page_lists_every_run_with_versions(seeded_db, app):
    at = app("runs")
    table = at.dataframe[0].value
    assert table["command"].tolist() == ["verdicts", "measure", "analyze", "classify", "crawl"]
    assert table["versions"].str.contains("liveaudit").all()


def test_app_never_renders_stored_content_as_html():
    root = Path(__file__).resolve().parents[2] / "dashboard"
    for path in root.rglob("*.py"):
        source = path.read_text()
        for forbidden in ("unsafe_allow_html", "st.html", "components.html", "st.components"):
            assert forbidden not in source, f"{path} uses {forbidden}"
