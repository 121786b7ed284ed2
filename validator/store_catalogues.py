"""The catalogue rows the validator writes: a `systems` or `hardware` row per changed entry.

    counts = sync_catalogues(store, run, load_systems(), load_hardware())

A registry file or catalogue entry gets a new version row only when its content hash changes.
Both stages sync first: `analyze` before it analyses, `measure --shard/--queue` because the
systems' store ids are the work items.
"""

from __future__ import annotations

import sqlalchemy as sa

from liveaudit.store import Store, schema
from liveaudit.validator.registry import content_hash


def sync_catalogues(store: Store, run, systems: dict, gpus: dict) -> dict:
    """Append a systems/hardware row for every entry whose content changed; returns the counts."""
    counts = {"systems_new": 0, "hardware_new": 0}
    with store.engine.begin() as conn:
        for table, key_col, items, label in (
            ("systems", "name", systems, "systems_new"),
            ("hardware", "name", gpus, "hardware_new"),
        ):
            tbl = schema.metadata.tables[table]
            for name, spec in items.items():
                digest = content_hash(spec)
                latest = conn.execute(
                    sa.select(tbl.c.content_sha256).where(tbl.c.name == name).order_by(tbl.c.version.desc()).limit(1)
                ).scalar()
                if latest == digest:
                    continue
                row = {
                    "name": name,
                    "version": store.next_version(table, key_col, name, conn),
                    "content_sha256": digest,
                    "spec": {k: v for k, v in spec.items() if not k.startswith("_")},
                }
                if table == "systems":
                    row |= {"organisation": spec["organisation"], "open_weights": spec["open_weights"]}
                store.insert(table, [row], run, conn=conn)
                counts[label] += 1
    return counts
