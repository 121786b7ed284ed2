"""The card's archived record: the original WARC bytes of one record, found beside the store."""

from __future__ import annotations

import io

import pytest

from liveaudit.dashboard.warc import record_bytes
from liveaudit.store import Store

warcio = pytest.importorskip("warcio")


def test_warc_record_bytes_are_one_valid_record_of_the_claimed_page(seeded):
    path, ids = seeded
    store = Store.open(path, upgrade=False)
    doc = store.rows("documents", order_by="id")[-1]  # the hostile page, the last record of the file
    store.close()
    data = record_bytes(doc["warc_file"], doc["warc_offset"], f"sqlite:///{path}")
    records = list(warcio.ArchiveIterator(io.BytesIO(data)))
    assert len(records) == 1
    assert records[0].rec_headers.get_header("WARC-Record-ID") == doc["warc_record_id"]
    assert records[0].rec_headers.get_header("WARC-Target-URI") == "https://hostile.example/xss"


def test_warc_relative_paths_resolve_beside_the_store_and_missing_files_give_none(seeded, tmp_path):
    path, _ = seeded
    store = Store.open(path, upgrade=False)
    doc = store.rows("documents", order_by="id")[0]
    store.close()
    relative = "warc/crawl-00001.warc.gz"
    assert record_bytes(relative, doc["warc_offset"], f"sqlite:///{path}")
    assert record_bytes(relative, doc["warc_offset"], f"sqlite:///{tmp_path / 'elsewhere.db'}") is None
    assert record_bytes(doc["warc_file"], None, f"sqlite:///{path}") is None
