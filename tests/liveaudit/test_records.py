"""Typed records: a stage's summary line reads as plain words, whatever the figures hold."""

from __future__ import annotations

from liveaudit.records import RunSummary


def test_records_summary_line_writes_mappings_and_lists_as_words_not_python():
    line = RunSummary(
        "classify",
        {"claims": 192, "kinds": {"qualitative": 65, "quantified": 98}, "systems": ["CausVid", "FastWan"], "none": {}},
    ).line()
    assert line == "claims=192, kinds=qualitative 65 quantified 98, systems=CausVid, FastWan, none=none"
    assert "{" not in line and "'" not in line
