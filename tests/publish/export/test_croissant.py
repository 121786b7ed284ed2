"""Croissant: metadata validated by mlcroissant (records read back), the spec's required fields, the card."""

from __future__ import annotations

import hashlib
import json

import pytest

from liveaudit.publish.export import COLUMNS, export
from liveaudit.publish.export.croissant import REQUIRED


@pytest.fixture(scope="module")
def croissant_dir(seeded, tmp_path_factory):
    from liveaudit.store import Store

    out = tmp_path_factory.mktemp("croissant")
    store = Store.open(seeded[0])
    export(store, "croissant", out)
    store.close()
    return out


def test_croissant_required_fields_and_file_hash(croissant_dir):
    meta = json.loads((croissant_dir / "croissant.json").read_text(encoding="utf-8"))
    assert all(meta.get(k) for k in REQUIRED)
    assert meta["@type"] == "sc:Dataset" and meta["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    [fo] = meta["distribution"]
    assert fo["@type"] == "cr:FileObject" and fo["encodingFormat"] == "text/csv"
    assert fo["sha256"] == hashlib.sha256((croissant_dir / fo["contentUrl"]).read_bytes()).hexdigest()
    [rs] = meta["recordSet"]
    assert [f["name"] for f in rs["field"]] == [c.name for c in COLUMNS]
    assert all(f["source"]["fileObject"]["@id"] == fo["@id"] and f["description"] for f in rs["field"])


def test_croissant_validates_with_mlcroissant_and_reads_every_record(croissant_dir, seeded):
    mlc = pytest.importorskip("mlcroissant")
    from liveaudit.store import Store

    dataset = mlc.Dataset(jsonld=str(croissant_dir / "croissant.json"))  # raises ValidationError when invalid
    records = list(dataset.records("claims"))
    store = Store.open(seeded[0])
    assert sorted(r["claims/claim_id"] for r in records) == sorted(c["id"] for c in store.rows("current_claims"))
    store.close()


def test_croissant_card_says_what_when_licence_limits_and_labels(croissant_dir, seeded):
    card = (croissant_dir / "DATASET_CARD.md").read_text(encoding="utf-8")
    for heading in (
        "## Where the pages come from",
        '## What a "sentence" is',
        "## How the labels were made",
        "## Licence notes",
        "## Known limits",
        "## Data dictionary",
    ):
        assert heading in card
    assert "kind-lr-minilm@2026-11-26.1" in card and "supported (1)" in card
    assert "| `verdict_reason` |" in card
