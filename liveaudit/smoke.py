"""Smoke runs (`settings.tiny`): tiny networks that prove a code path, never a measurement of a system.

    rows = [m for m in store.rows("measurements") if not is_smoke(m)]
    query.where(not_smoke(schema.measurements))      # the same in SQL (SQLite and PostgreSQL)

The measure command prints them; nothing else shows them: verdicts, levels and the gap table
(`judge.load_facts`), the report, the exports and the dashboard all read through these two.
"""

from __future__ import annotations

import sqlalchemy as sa


def is_smoke(measurement: dict) -> bool:
    """True for a measurements row of a tiny smoke config."""
    return bool((measurement.get("settings") or {}).get("tiny"))


def not_smoke(table: sa.Table | sa.sql.expression.Alias) -> sa.ColumnElement[bool]:
    """SQL condition: the row is a real measurement (no `settings.tiny`, or false)."""
    return sa.func.coalesce(table.c.settings["tiny"].as_boolean(), sa.false()) == sa.false()
