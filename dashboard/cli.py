"""`liveaudit dashboard` (the Streamlit app on a store) and `liveaudit bench dashboard`."""

from __future__ import annotations

import typer

from liveaudit.cli.common import DbOption, console, example


def dashboard_cli(
    db: DbOption = None,
    port: int = typer.Option(
        None, "--port", help="Port to listen on, 0 picks a free one [default: DASHBOARD_PORT, 8501]."
    ),
    host: str = typer.Option(None, "--host", help="Address to bind [default: DASHBOARD_HOST, 127.0.0.1]."),
) -> None:
    """Open the dashboard on a store: overview, claims, systems, fact-check cards, runs. Ctrl-C stops it."""
    from liveaudit.dashboard import serve

    serve(db, port, host)


def bench_dashboard_cli(
    sizes: str = typer.Option("1000,100000", "--sizes", help="Claims in each synthetic store, comma-separated."),
    workdir: str = typer.Option(
        None, "--workdir", help="Keep the synthetic stores here and reuse them [default: a temp dir]."
    ),
    repeat: int = typer.Option(1, "--repeat", min=1, help="Cold renders per page (the best is reported)."),
) -> None:
    """Time to first render of each dashboard page (cold cache) on synthetic stores of 1k and 100k claims."""
    from rich.progress import Progress

    from liveaudit.cli.bench import print_bench
    from liveaudit.dashboard import bench

    counts = [int(s) for s in sizes.split(",") if s.strip()]
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("benchmarking", total=None)
        result = bench(
            counts, workdir=workdir, repeat=repeat, on_step=lambda text: progress.update(task, description=text)
        )
    print_bench(
        "dashboard: seconds to first render (cold cache), then a cached re-render",
        result["columns"],
        result["rows"],
        result["notes"],
    )


def register(app: typer.Typer) -> None:
    from liveaudit.cli.bench import bench_app

    app.command("dashboard", epilog=example("liveaudit dashboard --db liveaudit.db --port 8501"))(dashboard_cli)
    bench_app.command("dashboard", epilog=example("liveaudit bench dashboard --sizes 1000,100000"))(bench_dashboard_cli)
