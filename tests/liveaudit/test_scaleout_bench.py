"""`bench_store` returns its figures for both backends (a tiny run: the figures' shape and
consistency are checked, speed is not), and `liveaudit bench store` prints them."""

from __future__ import annotations

from typer.testing import CliRunner

from liveaudit.store.bench import bench_store


def test_scaleout_bench_store_returns_figures_for_both_backends(postgres_server):
    out = bench_store(claims=300, pg_url=postgres_server.create_database())
    by = {r["backend"]: r for r in out["results"]}
    assert set(by) == {"sqlite", "postgresql"}
    for figures in by.values():
        assert figures["claims"] == 300 and figures["current_rows"] == 300  # every current claim read back once
        assert figures["insert_rows_per_s"] > 0 and figures["current_rows_per_s"] > 0
    ratio = out["ratio_postgresql_over_sqlite"]
    assert ratio["insert"] == round(by["postgresql"]["insert_rows_per_s"] / by["sqlite"]["insert_rows_per_s"], 2)


def test_scaleout_bench_store_command_prints_the_figures(postgres_server):
    from liveaudit.cli import app

    result = CliRunner().invoke(
        app, ["bench", "store", "--claims", "300", "--pg", postgres_server.create_database()], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "sqlite" in result.output and "postgresql" in result.output
