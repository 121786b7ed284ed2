"""`liveaudit bench store` prints its figures for both backends (a tiny run; speed is not asserted)."""

from __future__ import annotations

from typer.testing import CliRunner

from liveaudit.cli import app


def test_scaleout_bench_store_prints_both_backends(postgres_server):
    result = CliRunner().invoke(app, ["bench", "store", "--claims", "300", "--pg", postgres_server.create_database()],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "sqlite" in result.output and "postgresql" in result.output
    assert "insert rows/s" in result.output and "PostgreSQL / SQLite" in result.output
