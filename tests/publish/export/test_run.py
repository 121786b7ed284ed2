"""`export` in each format on a seeded store: contents, round trips, determinism, errors, the CLI."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from liveaudit.errors import ConfigError, InputError
from liveaudit.publish.export import COLUMNS, FORMATS, export
from liveaudit.publish.export.columns import NAMES
from tests.seed import HOSTILE_SENTENCE


def _current(store) -> dict[int, dict]:
    return {c["id"]: c for c in store.rows("current_claims")}


def test_run_csv_round_trips_through_pandas(seeded_store, seeded, tmp_path):
    import pandas as pd

    result = export(seeded_store, "csv", tmp_path)
    frame = pd.read_csv(tmp_path / "claims.csv", keep_default_na=False, na_values=[""])
    current = _current(seeded_store)
    assert result["rows"] == len(frame) == len(current)
    assert list(frame.columns) == list(NAMES)
    assert sorted(frame["claim_id"]) == sorted(current)
    assert seeded[1]["old_version_claim"] not in set(frame["claim_id"])  # only current page versions
    verdicts = {v["claim_id"]: v for v in seeded_store.rows("current_verdicts")}
    for row in frame.to_dict("records"):
        claim = current[row["claim_id"]]
        assert row["claim_sentence"] == claim["sentence"]
        assert json.loads(row["terms"]) == claim["terms"]
        fps = claim["figures"]["fps"]
        assert (pd.isna(row["figure_fps"]) and fps is None) or row["figure_fps"] == fps
        verdict = verdicts.get(row["claim_id"])
        assert (pd.isna(row["verdict"]) and verdict is None) or (row["verdict"], row["verdict_reason"]) == (
            verdict["verdict"],
            verdict["reason"],
        )
    assert HOSTILE_SENTENCE in set(frame["claim_sentence"])  # text is data, kept verbatim
    supported = frame[frame["verdict"] == "supported"].iloc[0]
    assert supported["measurement_id"] == seeded[1]["measurements"][1]
    assert supported["measurement_mode"] == "cuda_graphs" and supported["fetched_at"].endswith("Z")
    assert frame["claim_id"].dtype.kind == "i" and frame["figure_fps"].dtype.kind == "f"


def test_run_parquet_schema_and_rows(seeded_store, tmp_path):
    import pyarrow.parquet as pq

    export(seeded_store, "parquet", tmp_path)
    table = pq.read_table(tmp_path / "claims.parquet")
    types = {
        "integer": "int64",
        "float": "double",
        "string": "string",
        "datetime": "timestamp[ms, tz=UTC]",
        "json": "string",
    }
    assert [(f.name, str(f.type)) for f in table.schema] == [(c.name, types[c.type]) for c in COLUMNS]
    assert table.schema.field("verdict_reason").metadata[b"description"].decode().startswith("Plain-language")
    assert table.num_rows == seeded_store.count("current_claims")
    assert table.column("claim_id").to_pylist() == sorted(table.column("claim_id").to_pylist())


def test_run_jsonl_one_object_per_claim(seeded_store, tmp_path):
    export(seeded_store, "jsonl", tmp_path)
    lines = (tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == seeded_store.count("current_claims")
    assert all(list(o) == list(NAMES) for o in objects)


def test_run_every_format_writes_the_data_dictionary(seeded_store, tmp_path):
    export(seeded_store, "jsonl", tmp_path)
    with (tmp_path / "data_dictionary.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["column"] for r in rows] == list(NAMES) and all(r["description"] for r in rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_run_same_store_gives_same_bytes_in_any_batch_size(seeded_store, tmp_path, fmt):
    a = export(seeded_store, fmt, tmp_path / "a")
    b = export(seeded_store, fmt, tmp_path / "b", settings={"EXPORT_BATCH_ROWS": 2})
    for fa, fb in zip(a["files"], b["files"]):
        if fmt == "parquet" and fa.endswith(".parquet"):
            import pyarrow.parquet as pq  # row groups follow the batch size; the rows do not change

            assert pq.read_table(fa).equals(pq.read_table(fb)) and pq.ParquetFile(fb).num_row_groups > 1
            continue
        assert Path(fa).read_bytes() == Path(fb).read_bytes(), fa
    again = export(seeded_store, fmt, tmp_path / "c")
    assert [Path(f).read_bytes() for f in a["files"]] == [Path(f).read_bytes() for f in again["files"]]


def test_run_bad_format_and_bad_folder_raise_coded_errors(seeded_store, tmp_path):
    with pytest.raises(ConfigError) as exc:
        export(seeded_store, "xlsx", tmp_path)
    assert exc.value.code == "E911"
    afile = tmp_path / "a-file"
    afile.write_text("x")
    with pytest.raises(InputError) as exc:
        export(seeded_store, "csv", afile)
    assert exc.value.code == "E912"
    assert not list(tmp_path.glob("**/*.partial"))


def test_run_empty_store_exports_headers_only(store, tmp_path):
    result = export(store, "csv", tmp_path)
    assert result["rows"] == 0
    assert (tmp_path / "claims.csv").read_text().strip() == ",".join(NAMES)


def test_run_cli_exports_and_refuses_unknown_format(seeded, tmp_path):
    path, _ = seeded
    ok = subprocess.run(
        [sys.executable, "-m", "liveaudit", "export", "--format", "parquet", "--out", str(tmp_path), "--db", path],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert "claims exported as parquet" in ok.stdout and (tmp_path / "claims.parquet").is_file()
    bad = subprocess.run(
        [sys.executable, "-m", "liveaudit", "export", "--format", "xml", "--db", path],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and bad.stderr.startswith("error[E911]:")
