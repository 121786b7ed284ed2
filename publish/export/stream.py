"""Stream the joined claims query in batches, and write files that appear whole or not at all.

The query runs once on a server-side cursor (`yield_per`): at most one batch of rows
(EXPORT_BATCH_ROWS) is in memory at a time, so a store of a million claims exports in
constant memory. Values come out as the data dictionary types them (datetimes as ISO
8601 UTC strings), in claim-id order, so the same store gives the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from liveaudit.publish.export.columns import COLUMNS, claims_query
from liveaudit.store import Store

_DATETIME_COLUMNS = [i for i, c in enumerate(COLUMNS) if c.type == "datetime"]


def iso(value: datetime | None) -> str | None:
    """'2026-11-01T12:00:00Z' (UTC; naive values from SQLite are UTC already)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    text = value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    return text + "Z"


def count_claims(store: Store) -> int:
    return store.count("current_claims")


def iter_batches(store: Store, batch_rows: int) -> Iterator[list[tuple]]:
    """Lists of at most `batch_rows` row tuples (columns in COLUMNS order)."""
    query = claims_query(store)
    fix = store.dialect != "sqlite"  # SQLite rows come with ISO text already (columns._datetime)
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=batch_rows).execute(query)
        for part in result.partitions():
            yield [_fix_datetimes(r) for r in part] if fix else part


def _fix_datetimes(row: tuple) -> tuple:
    out = list(row)
    for i in _DATETIME_COLUMNS:
        out[i] = iso(out[i])
    return tuple(out)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Write to PATH.partial and rename on success, so a failed export leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def newest_verdicts_time(store: Store) -> str | None:
    """When the newest verdicts run finished (ISO): the dataset's date, stable for one store."""
    from liveaudit.store import schema

    runs = schema.runs
    query = sa.select(sa.func.max(runs.c.finished_at)).where(runs.c.command == "verdicts", runs.c.status == "finished")
    with store.engine.connect() as conn:
        value = conn.execute(query).scalar()
    return iso(value)
