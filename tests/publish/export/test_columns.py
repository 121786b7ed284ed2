"""The data dictionary: every exported column is described and the query yields exactly those columns."""

from __future__ import annotations

from liveaudit.publish.export import COLUMNS
from liveaudit.publish.export.columns import NAMES, claims_query


def test_columns_every_column_has_a_type_and_description():
    assert len(set(NAMES)) == len(NAMES)
    for c in COLUMNS:
        assert c.type in {"integer", "float", "string", "datetime", "json"}, c
        assert len(c.description) > 20 and c.description.endswith("."), c


def test_columns_query_selects_the_dictionary_in_order(store):
    assert [e.name for e in claims_query(store).selected_columns] == list(NAMES)


def test_columns_cover_the_issue_fields():
    # claims joined with their document (URL, fetch time, WARC pointer, content hash), figures,
    # system, current verdict and reason, and the measurement it rests on
    for name in (
        "url",
        "fetched_at",
        "warc_file",
        "warc_record_id",
        "warc_offset",
        "content_sha256",
        "figure_fps",
        "figure_gpu",
        "system",
        "verdict",
        "verdict_reason",
        "measurement_id",
        "measurement_throughput_fps",
    ):
        assert name in NAMES
