"""CSV, Parquet and JSON Lines writers over streamed Arrow record batches, and the data dictionary.

Each writer takes the batches of `arrow.record_batches` and appends one at a time:
Parquet row groups (pyarrow `ParquetWriter`), CSV through Arrow's C++ writer (string
cells neutralised for spreadsheets with `encoding.csv_column`, timestamps as ISO 8601
"Z" text), or one JSON object a line. Empty values are empty CSV fields, Parquet nulls
and JSON nulls. The data dictionary's types are read from the Parquet schema itself.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from liveaudit.encoding import csv_column
from liveaudit.publish.export.arrow import SCHEMA
from liveaudit.publish.export.columns import COLUMNS
from liveaudit.publish.export.stream import atomic_path

Progress = Callable[[int], None] | None
ISO = "%Y-%m-%dT%H:%M:%SZ"
FORMULA_START = "^[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20]"  # the first test of encoding.csv_column
# How a value of each Arrow type is written in the CSV and JSON Lines files.
TEXT_FORMS = {
    "int64": "integer",
    "double": "decimal number",
    "string": "text",
    "timestamp[ms, tz=UTC]": "ISO 8601 UTC text to the second, e.g. 2026-11-01T12:00:00Z",
}


def as_text_columns(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Timestamps as ISO 8601 'Z' text (what CSV and JSON Lines hold)."""
    arrays = [
        pc.strftime(col.cast(pa.timestamp("s", tz="UTC"), safe=False), format=ISO)
        if pa.types.is_timestamp(col.type)
        else col
        for col in batch.columns
    ]
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def write_csv(batches: Iterable[pa.RecordBatch], path: Path, progress: Progress = None) -> int:
    """RFC 4180 CSV with a header row, UTF-8, '\\n' line ends; returns the rows written."""
    import pyarrow.csv as pcsv

    n = 0
    options = pcsv.WriteOptions(include_header=False, quoting_style="needed")
    with atomic_path(path) as tmp, tmp.open("wb") as fh:
        fh.write((",".join(SCHEMA.names) + "\n").encode("utf-8"))  # plain names: Arrow would quote each
        with pcsv.CSVWriter(fh, _csv_schema(), write_options=options) as writer:
            for batch in batches:
                text = as_text_columns(batch)
                # Page text a spreadsheet would run as a formula is written as inert text.
                writer.write_batch(pa.RecordBatch.from_arrays([_inert(c) for c in text.columns], schema=_csv_schema()))
                n += batch.num_rows
                if progress:
                    progress(n)
    return n


def _inert(column: pa.Array) -> pa.Array:
    """`csv_column`, run only on a string column where some cell starts like a formula (same result, less work)."""
    if not pa.types.is_string(column.type) or not pc.any(pc.match_substring_regex(column, FORMULA_START)).as_py():
        return column
    return csv_column(column)


def _csv_schema() -> pa.Schema:
    return pa.schema([pa.field(f.name, pa.string() if pa.types.is_timestamp(f.type) else f.type) for f in SCHEMA])


def parquet_schema() -> pa.Schema:
    """The Parquet schema: each field's description in its metadata."""
    return SCHEMA


def write_parquet(batches: Iterable[pa.RecordBatch], path: Path, progress: Progress = None) -> int:
    """Parquet (zstd), one row group per batch; returns the rows written."""
    import pyarrow.parquet as pq

    n = 0
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, SCHEMA, compression="zstd") as writer:
            for batch in batches:
                writer.write_batch(batch)
                n += batch.num_rows
                if progress:
                    progress(n)
    return n


def write_jsonl(batches: Iterable[pa.RecordBatch], path: Path, progress: Progress = None) -> int:
    """One JSON object a line, keys in dictionary order; `json`-typed columns stay JSON text."""
    import json

    n = 0
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for batch in batches:
            fh.writelines(dumps(row) + "\n" for row in as_text_columns(batch).to_pylist())
            n += batch.num_rows
            if progress:
                progress(n)
    return n


def dictionary_rows() -> list[list[str]]:
    """column, parquet_type, text_form, group, description: one row per column, types from SCHEMA."""
    return [[c.name, str(f.type), TEXT_FORMS[str(f.type)], c.group, c.description] for c, f in zip(COLUMNS, SCHEMA)]


def write_dictionary(path: Path) -> None:
    """data_dictionary.csv (one row per exported column)."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["column", "parquet_type", "csv_and_jsonl_form", "group", "description"])
        writer.writerows(dictionary_rows())


def dictionary_markdown() -> str:
    """The data dictionary as a Markdown table (for the dataset card)."""
    lines = ["| column | Parquet type | in CSV / JSON Lines | description |", "|---|---|---|---|"]
    lines += [
        f"| `{name}` | {typ} | {form} | {desc.replace('|', '/')} |" for name, typ, form, _, desc in dictionary_rows()
    ]
    return "\n".join(lines)
