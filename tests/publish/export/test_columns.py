"""The data dictionary: every exported column is described and the query yields exactly those columns."""

from __future__ import annotations

from liveaudit.publish.export import COLUMNS
from liveaudit.publish.export.columns import NAMES, claims_query


def test_columns_every_column_has_a_type_and_description():
    assert len(set(NAMES)) == len(NAMES)
    for c in COLUMNS:
        assert c.type in {"integer", "float", "string", "datetime", "json"}, c
        assert len(c.description) > 20 and c.description.endswith("."), c


def test_columns_query_and_batches_give_the_dictionary_in_order(store, seeded_store):
    from liveaudit.publish.export.arrow import SCHEMA, record_batches
    from liveaudit.publish.export.columns import RAW

    assert [e.name for e in claims_query(store).selected_columns] == list(RAW)
    assert SCHEMA.names == list(NAMES)
    batches = list(record_batches(seeded_store, 2))
    assert len(batches) > 1 and all(b.schema.names == list(NAMES) for b in batches)


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
