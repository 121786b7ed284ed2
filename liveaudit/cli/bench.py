"""`liveaudit bench ...`: benchmarks that print their figures beside a baseline, in one run.

Each stage's command module adds its own subcommand to `bench_app`
(`bench_app.command("crawl")(...)` inside its `register`), so this module only
holds the group and the shared table printer.
"""

from __future__ import annotations

from collections.abc import Sequence

import typer

from liveaudit.cli.common import console, example

bench_app = typer.Typer(
    help="Benchmarks: each prints its figures side by side with a baseline measured in the same run.",
    no_args_is_help=True,
    epilog=example("liveaudit bench crawl --pages 2000"),
)


def print_bench(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], notes: Sequence[str] = ()
) -> None:
    """Print a benchmark's figures as a table, then its notes (environment, ratio, goal)."""
    from rich.table import Table

    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*[f"{v:,.2f}" if isinstance(v, float) else str(v) for v in row])
    console.print(table)
    for note in notes:
        console.print(note)


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="bench")
