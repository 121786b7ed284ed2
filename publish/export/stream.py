"""Stream the joined claims query in batches, and write files that appear whole or not at all.

The query runs once on a server-side cursor (`yield_per`): at most one batch of rows
(EXPORT_BATCH_ROWS) is in memory at a time, so a store of a million claims exports in
constant memory. Batches are Arrow record batches typed as the data dictionary says
(`arrow.py`), in claim-id order, so the same store gives the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from liveaudit.store import Store


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


def iter_batches(store: Store, batch_rows: int):
    """Arrow record batches of at most `batch_rows` rows (columns in COLUMNS order): `arrow.record_batches`."""
    from liveaudit.publish.export.arrow import record_batches

    return record_batches(store, batch_rows)


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
