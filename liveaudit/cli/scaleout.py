"""`liveaudit bench store`: the store on SQLite vs PostgreSQL (see docs/scale-out.md)."""

from __future__ import annotations

import typer

from liveaudit.cli.common import console, example


def bench_store_cli(
    claims: int = typer.Option(1_000_000, "--claims", min=100, help="Claims rows inserted and read back per backend."),
    pg: str = typer.Option(
        None,
        "--pg",
        help="PostgreSQL database to use (postgresql://...; it gets tables and rows) [default: a throwaway cluster on 127.0.0.1].",
    ),
) -> None:
    """Rows/s of inserting claims and of a full pass over current_claims, SQLite vs PostgreSQL."""
    from liveaudit.cli.bench import print_bench
    from liveaudit.store.bench import bench_store

    with console.status("generating and inserting claims") as status:
        result = bench_store(claims, pg, progress=lambda text: status.update(text))
    rows = [
        (
            r["backend"],
            f"{r['claims']:,}",
            r["insert_s"],
            f"{r['insert_rows_per_s']:,}",
            f"{r['current_rows']:,}",
            r["current_s"],
            f"{r['current_rows_per_s']:,}",
        )
        for r in result["results"]
    ]
    ratio = result["ratio_postgresql_over_sqlite"]
    print_bench(
        f"bench store — {claims:,} claims",
        ("backend", "claims", "insert s", "insert rows/s", "current rows", "current_claims s", "current rows/s"),
        rows,
        [
            f"PostgreSQL / SQLite: inserts {ratio['insert']}x, current_claims {ratio['current']}x"
            if ratio
            else "PostgreSQL: not run",
            f"PostgreSQL: {result['note'] or 'the server given with --pg'}",
            f"environment: {result['environment']}",
        ],
    )


def register(app: typer.Typer) -> None:
    from liveaudit.cli.bench import bench_app

    bench_app.command("store", epilog=example("liveaudit bench store --claims 1000000"))(bench_store_cli)
