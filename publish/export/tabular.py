"""CSV, Parquet and JSON Lines writers over the streamed claim rows, and the data dictionary.

Each writer takes the batch iterator of `stream.iter_batches` and appends one batch at a
time: csv.writer rows, one Parquet row group per batch (pyarrow `ParquetWriter`), or one
JSON object a line. Empty values are empty CSV fields, Parquet nulls and JSON nulls.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from liveaudit.encoding import csv_cell
from liveaudit.publish.export.columns import COLUMNS, NAMES
from liveaudit.publish.export.stream import atomic_path

Progress = Callable[[int], None] | None

PARQUET_TYPES = {"integer": "int64", "float": "float64", "string": "string", "datetime": "string", "json": "string"}


def write_csv(batches: Iterable[list[tuple]], path: Path, progress: Progress = None) -> int:
    """RFC 4180 CSV with a header row, UTF-8, '\\n' line ends; returns the rows written."""
    n = 0
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(NAMES)
        for rows in batches:
            # Page text a spreadsheet would run as a formula is written as inert text.
            writer.writerows([csv_cell(value) for value in row] for row in rows)
            n += len(rows)
            if progress:
                progress(n)
    return n


def parquet_schema():
    """The Parquet schema: dictionary types, each field's description in its metadata."""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field(
                c.name,
                getattr(pa, PARQUET_TYPES[c.type])(),
                nullable=True,
                metadata={"description": c.description, "liveaudit_type": c.type},
            )
            for c in COLUMNS
        ]
    )


def write_parquet(batches: Iterable[list[tuple]], path: Path, progress: Progress = None) -> int:
    """Parquet (zstd), one row group per batch; returns the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for rows in batches:
                columns = list(zip(*rows)) if rows else [[] for _ in COLUMNS]
                writer.write_table(
                    pa.Table.from_arrays(
                        [pa.array(col, type=field.type) for col, field in zip(columns, schema)], schema=schema
                    )
                )
                n += len(rows)
                if progress:
                    progress(n)
    return n


def write_jsonl(batches: Iterable[list[tuple]], path: Path, progress: Progress = None) -> int:
    """One JSON object a line, keys in dictionary order; `json`-typed columns stay JSON text."""
    n = 0
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for rows in batches:
            fh.writelines(dumps(dict(zip(NAMES, row))) + "\n" for row in rows)
            n += len(rows)
            if progress:
                progress(n)
    return n


def write_dictionary(path: Path) -> None:
    """data_dictionary.csv: column, type, group, description (one row per exported column)."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["column", "type", "group", "description"])
        writer.writerows([c.name, c.type, c.group, c.description] for c in COLUMNS)


def dictionary_markdown() -> str:
    """The data dictionary as a Markdown table (for the dataset card)."""
    lines = ["| column | type | description |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.type} | {c.description.replace('|', '/')} |" for c in COLUMNS]
    return "\n".join(lines)
