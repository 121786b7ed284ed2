"""The exports match their documents: the data dictionary's types are the Parquet file's, the
dataset card's dictionary is the same table, every column the card calls empty is empty (and
every empty column is explained), and fixture and test pages are flagged."""

from __future__ import annotations

import csv
import shutil

import pytest

from liveaudit.publish.export import export
from liveaudit.store.runs import utcnow

TEST_PAGE = "http://127.0.0.1:8800/hostile/injection.html"
FIXTURE_PAGE = "http://127.0.0.1:8800/vendors/krea-realtime.html"


@pytest.fixture(scope="module")
def exported(seeded, tmp_path_factory):
    """Parquet and Croissant exports of the seeded store plus a fixture page and a fixture test page."""
    from liveaudit.store import Store

    folder = tmp_path_factory.mktemp("documents")
    db = folder / "store.db"
    shutil.copyfile(seeded[0], db)
    store = Store.open(str(db))
    with store.run("seed-fixture-pages") as run:
        for i, url in enumerate((FIXTURE_PAGE, TEST_PAGE)):
            [doc] = store.insert(
                "documents",
                [
                    {
                        "doc_key": url,
                        "version": 1,
                        "url": url,
                        "source_key": "fixture-vendors",
                        "fetched_at": utcnow(),
                        "http_status": 200,
                        "content_sha256": f"{i}" * 64,
                        "title": "t",
                        "text": "x",
                        "extract_status": "extracted",
                        "meta": {},
                    }
                ],
                run,
            )
            store.insert(
                "claims",
                [
                    {
                        "document_id": doc,
                        "sentence_index": 0,
                        "sentence": "It runs in real time =cmd|' /C calc'!A0.",
                        "start_char": 0,
                        "end_char": 10,
                        "kind": "qualitative",
                        "kind_score": 0.9,
                        "system": None,
                        "terms": ["real-time"],
                        "implied_level": "L2",
                        "hedge": None,
                        "figures": {},
                        "specificity": {"score": 0.0},
                        "model_version": "m",
                    }
                ],
                run,
            )
    for fmt in ("parquet", "croissant"):
        export(store, fmt, folder / "out")
    store.close()
    return folder / "out"


def test_documents_dictionary_types_are_the_parquet_schema(exported):
    import pyarrow.parquet as pq

    schema = pq.read_schema(exported / "claims.parquet")
    with (exported / "data_dictionary.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["column"], r["parquet_type"]) for r in rows] == [(f.name, str(f.type)) for f in schema]
    assert {r["parquet_type"] for r in rows} >= {"int64", "double", "string", "timestamp[ms, tz=UTC]"}
    card = (exported / "DATASET_CARD.md").read_text(encoding="utf-8")
    for f in schema:  # the card's dictionary says the same
        assert f"| `{f.name}` | {f.type} |" in card


def test_documents_csv_columns_and_values_match_parquet(exported):
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    table = pq.read_table(exported / "claims.parquet")
    text = pcsv.read_csv(
        exported / "claims.csv",
        convert_options=pcsv.ConvertOptions(
            column_types={n: "string" for n in table.column_names}, strings_can_be_null=True
        ),
    )
    assert text.column_names == table.column_names and text.num_rows == table.num_rows
    fetched = [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in table.column("fetched_at").to_pylist()]
    assert text.column("fetched_at").to_pylist() == fetched
    injected = [s for s in text.column("claim_sentence").to_pylist() if "calc" in s]
    assert injected and all(not s.startswith("=") for s in injected)


def test_documents_card_explains_every_empty_column_and_only_those(exported):
    import pyarrow.parquet as pq

    table = pq.read_table(exported / "claims.parquet")
    empty = [n for n in table.column_names if table.column(n).null_count == table.num_rows]
    card = (exported / "DATASET_CARD.md").read_text(encoding="utf-8")
    section = card.split("## Empty columns", 1)[1].split("\n## ", 1)[0]
    assert empty and sorted(empty) == sorted(set(_backticked(section)))


def _backticked(text: str) -> list[str]:
    parts = text.split("`")
    return [parts[i] for i in range(1, len(parts), 2)]


def test_documents_card_flags_fixture_and_test_pages_and_rebuilt_rows(exported):
    import pyarrow.parquet as pq

    table = pq.read_table(exported / "claims.parquet")
    origin = dict(zip(table.column("url").to_pylist(), table.column("page_origin").to_pylist()))
    assert origin[TEST_PAGE] == "fixture_test" and origin[FIXTURE_PAGE] == "fixture"
    assert origin["https://krea.example/realtime"] == "web"
    card = (exported / "DATASET_CARD.md").read_text(encoding="utf-8")
    assert "**fixture_test** (1 claims)" in card and "script-injection probe" in card and TEST_PAGE in card
    assert "**fixture** (1 claims)" in card and "not real publications" in card
    assert "rebuilt as one sentence" in card
    for kind in ("vendor", "paper", "news"):  # every source kind of the seeded store, with its provenance
        assert f"- **{kind}** (" in card
