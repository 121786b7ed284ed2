"""The offline demo end to end, as the README runs it (without the dashboard)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from liveaudit.stages import load_stages
from liveaudit.store import schema


@pytest.mark.slow  # several minutes on 2 cores: run with --run-slow (the demo run is shared, tests/conftest.py)
@pytest.mark.timeout(1800)  # the first test to ask for the shared demo run pays for it
def test_demo_runs_every_built_stage_into_a_fresh_wal_store(demo_run):
    db, result = demo_run
    assert "stages run:" in result.stdout
    assert list(db.parent.glob("liveaudit.db.*.bak")), "the previous store was not kept"
    conn = sqlite3.connect(db)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table','view')")}
    assert set(schema.TABLES) <= names
    commands = [r[0] for r in conn.execute("select command from runs where status = 'finished'")]
    assert "demo" in commands
    summary = json.loads(conn.execute("select summary from runs where command = 'demo'").fetchone()[0])
    # every registered demo step is reported, run or skipped with its reason, in flow order
    assert list(summary) == [s.name for s in load_stages() if s.in_demo]
    assert all(step["status"] in ("ran", "skipped") for step in summary.values())
