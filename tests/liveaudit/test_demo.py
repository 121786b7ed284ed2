"""The offline demo end to end, as the README runs it (without the dashboard)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from liveaudit.store import schema


@pytest.mark.slow  # several minutes on 2 cores: run with --run-slow
def test_demo_runs_every_built_stage_into_a_fresh_wal_store(tmp_path):
    db = tmp_path / "liveaudit.db"
    db.write_bytes(b"")  # an existing store is moved aside, never deleted
    result = subprocess.run([sys.executable, "-m", "liveaudit", "demo", "--no-dashboard", "--db", str(db)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "stages run:" in result.stdout
    assert list(tmp_path.glob("liveaudit.db.*.bak")), "the previous store was not kept"
    conn = sqlite3.connect(db)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table','view')")}
    assert set(schema.TABLES) <= names
    commands = [r[0] for r in conn.execute("select command from runs where status = 'finished'")]
    assert "demo" in commands
    summary = conn.execute("select summary from runs where command = 'demo'").fetchone()[0]
    for stage in ("crawl", "classify", "analyze", "measure", "verdicts"):
        assert stage in summary  # every stage is reported, run or skipped with its reason
