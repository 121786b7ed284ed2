"""`liveaudit demo`: the whole pipeline on the fixture site, then the dashboard."""

from __future__ import annotations

import typer
from rich.text import Text

from liveaudit.cli.common import DbOption, console, example


def demo_cli(
    db: DbOption = None,
    no_dashboard: bool = typer.Option(False, "--no-dashboard", help="Stop after the pipeline (for scripts and CI)."),
    port: int = typer.Option(8501, "--port", help="Port for the dashboard."),
) -> None:
    """Serve the fixture site, run every stage into a fresh store, print a summary, open the dashboard.

    An existing store at --db is moved aside (renamed with a timestamp), never deleted.
    """
    from rich.table import Table

    from liveaudit.demo import run_demo

    report = run_demo(
        db, on_stage=lambda stage: console.print(Text.assemble(("▶ " + stage.name, "bold"), f": {stage.description}"))
    )
    if report.moved_aside:
        console.print(f"previous store kept as {report.moved_aside}")
    table = Table(title=f"liveaudit demo — store {report.store_url}")
    table.add_column("stage")
    table.add_column("status")
    table.add_column("summary")
    for result in report.results:
        table.add_row(result.name, result.status, result.summary.line())
    console.print(table)
    for result in report.results:
        if result.summary.table is not None:
            console.print(result.summary.table)
    ran = [r.name for r in report.results if r.status == "ran"]
    console.print(f"stages run: {', '.join(ran) or 'none'}")
    if no_dashboard:
        return
    from liveaudit.demo import start_dashboard

    reason = start_dashboard(report.store_path, port)
    if reason:
        console.print(f"dashboard: {reason}; the store is ready at {report.store_path}")


def register(app: typer.Typer) -> None:
    app.command("demo", epilog=example("liveaudit demo --no-dashboard"))(demo_cli)
