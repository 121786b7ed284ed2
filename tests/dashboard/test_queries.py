"""The dashboard's reads, straight against a seeded SQLite store (no Streamlit involved)."""

from __future__ import annotations

import pytest

from liveaudit.dashboard import filters as flt
from liveaudit.dashboard import queries as q
from liveaudit.store import Store
from tests.seed import HOSTILE_SENTENCE


@pytest.fixture(scope="module")
def engine(seeded):
    store = Store.open(seeded[0], upgrade=False)
    yield store.engine
    store.close()


def _ids(engine, **filters) -> set[int]:
    return set(flt.claims_page(engine, flt.ClaimFilter(**filters), 0, 0)["id"])


def test_queries_claims_page_holds_only_current_claims_newest_first(engine, seeded):
    _, ids = seeded
    frame = flt.claims_page(engine, flt.ClaimFilter(), 0, 50)
    assert ids["old_version_claim"] not in set(frame["id"])  # its page has a newer version
    assert frame["id"].tolist() == sorted(frame["id"], reverse=True)
    assert flt.count_claims(engine, flt.ClaimFilter()) == len(frame) == 7


def test_queries_paging_splits_the_matches(engine):
    first, second = (flt.claims_page(engine, flt.ClaimFilter(), page, 4) for page in (0, 1))
    assert len(first) == 4 and len(second) == 3 and not set(first["id"]) & set(second["id"])


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"verdicts": ("supported",)}, {"supported"}),
        ({"verdicts": ("(no verdict)",)}, set()),
        ({"systems": ("(unresolved)",)}, {"unverifiable"}),
        ({"kinds": ("comparative",)}, set()),
        ({"hedges": ("about",)}, {"unverifiable"}),
        ({"source_kinds": ("news",)}, {"untested", "unverifiable"}),
    ],
)
def test_queries_filters_select_claims_by_column(engine, seeded, filters, expected):
    _, ids = seeded
    found = _ids(engine, **filters)
    assert {ids["claims"][v] for v in expected} <= found
    assert all(cid not in found for v, cid in ids["claims"].items() if v not in expected and "verdicts" in filters)
    assert flt.count_claims(engine, flt.ClaimFilter(**filters)) == len(found)


def test_queries_term_filter_matches_whole_terms(engine):
    live = flt.claims_page(engine, flt.ClaimFilter(terms=("live",)), 0, 0)
    assert live["terms"].tolist() == ["live, streams"]  # not "live conversation"
    assert len(_ids(engine, terms=("live", "live conversation"))) == 2


def test_queries_hardware_stated_and_dates(engine):
    stated, unstated = _ids(engine, hardware_stated=True), _ids(engine, hardware_stated=False)
    assert stated and unstated and not stated & unstated and len(stated | unstated) == 7
    assert len(_ids(engine, published_from="2026-01-01")) == 3  # krea (version 2: 2 claims) and the hostile blog
    assert len(_ids(engine, published_to="2025-06-09")) == 2  # the paper, inclusive of its day


def test_queries_search_is_case_insensitive_and_escapes_wildcards(engine, seeded):
    _, ids = seeded
    assert _ids(engine, search="SCRIPT>ALERT") == {ids["hostile_claim"]}
    assert _ids(engine, search="100%") == set()
    assert _ids(engine, search="hostile.example") == {ids["hostile_claim"]}  # the URL too


def test_queries_full_export_returns_every_match(engine):
    frame = flt.claims_page(engine, flt.ClaimFilter(), 0, 0)
    assert len(frame) == 7 and HOSTILE_SENTENCE in frame["sentence"].tolist()


def test_queries_levels_per_system_from_claims_measurements_and_bounds(engine):
    frame = q.levels_by_system(engine)
    got = {(r.system, r.series): r.level for r in frame.itertuples()}
    assert got[("Self-Forcing", "implied by claims")] == "L2"
    assert got[("Self-Forcing", "measured (best GPU)")] == "L2"
    assert got[("Krea Realtime", "implied by claims")] == "L3"
    # the chart calls liveaudit.levels.best_level (the one best-reachable-level function), not the
    # level an analysis row stored: on the seeded B200 the first chunk needs 0.04 s, hence L4
    from liveaudit.levels import best_level

    ltx = [a for a in q.latest_analyses(engine) if a["system"] == "LTX-Video"]
    assert got[("LTX-Video", "roofline bound (best GPU)")] == best_level(ltx, "B200").level == "L4"


def test_queries_counts_by_kind_verdict_and_term(engine):
    verdicts = dict(q.counts_by(engine, "verdict").itertuples(index=False))
    assert verdicts == {
        "supported": 1,
        "contradicted": 1,
        "implausible": 1,
        "unverifiable": 1,
        "untested": 1,
        "(no verdict)": 2,
    }
    assert dict(q.counts_by(engine, "term").itertuples(index=False))["real-time"] == 2
    assert sum(q.counts_by(engine, "kind")["claims"]) == 7


def test_queries_changed_pages_and_their_wording(engine, seeded):
    _, ids = seeded
    changed = q.changed_documents(engine)
    assert changed["page"].unique().tolist() == ["https://krea.example/realtime"]
    assert changed["claims"].tolist() == [1, 2] and changed["highest_level"].tolist() == ["L2", "L3"]
    diff = q.wording_changes(engine, *changed["document_id"].tolist())
    assert diff["removed"] == ["Krea Realtime generates video in real time at 11 fps on a single B200."]
    assert len(diff["added"]) == 2


def test_queries_card_gathers_source_verdict_and_evidence(engine, seeded):
    _, ids = seeded
    card = q.claim_card(engine, ids["claims"]["supported"])
    assert card["title"].startswith("Self Forcing") and card["source_kind"] == "paper"
    assert card["verdict"]["verdict"] == "supported"
    assert [m["id"] for m in card["measurements"]] == [ids["measurements"][1]]
    assert card["measurements"][0]["environment"]["torch"] == "2.13.0"
    assert [a["id"] for a in card["analyses"]] == [ids["analyses"][0]]
    assert card["warc_record_id"] and card["figures"]["fps"] == 17.0
    assert q.claim_card(engine, 424242) is None


def test_queries_fingerprint_moves_with_runs(seeded):
    store = Store.open(seeded[0])
    before = q.fingerprint(store.engine)
    with store.run("verdicts", {}):
        during = q.fingerprint(store.engine)
    after = q.fingerprint(store.engine)
    store.close()
    assert before != during != after


def test_queries_options_list_stored_values_and_missing_labels(engine):
    options = flt.filter_options(engine)
    assert "Self-Forcing" in options["systems"] and options["systems"][-1] == q.NO_SYSTEM
    assert "live conversation" in options["terms"] and options["verdicts"][-1] == q.NO_VERDICT
    assert set(options["kinds"]) == {"quantified", "qualitative", "comparative", "aspirational"}
