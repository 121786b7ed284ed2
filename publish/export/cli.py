"""`liveaudit export --format F [--out DIR]` and `liveaudit bench export`."""

from __future__ import annotations

from pathlib import Path

import typer

from liveaudit.cli.bench import bench_app, print_bench
from liveaudit.cli.common import DbOption, console, example


def export_cli(
    fmt: str = typer.Option(..., "--format", "-f", help="csv, parquet, jsonl, claimreview or croissant."),
    out: Path = typer.Option(Path("export"), "--out", help="Folder to write into (created if missing)."),
    db: DbOption = None,
) -> None:
    """Export the store's current claims, joined with their page, verdict and measurement.

    csv / parquet / jsonl: one row per claim (claims.*); claimreview: one schema.org ClaimReview
    JSON-LD object per verdict (claimreview.jsonl); croissant: claims.csv with MLCommons Croissant
    metadata (croissant.json) and a dataset card. Every format writes data_dictionary.csv. The same
    store gives the same bytes; rows stream, so memory does not grow with the store.
    """
    from rich.progress import Progress

    from liveaudit.publish.export import export
    from liveaudit.store import Store

    store = Store.open_existing(db)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(f"exporting {fmt}", total=None)
        result = export(store, fmt, out, progress=lambda done, total: bar.update(task, completed=done, total=total))
    what = "ClaimReview objects" if fmt == "claimreview" else "claims"
    console.print(f"{result['rows']} {what} exported as {fmt}:")
    cards = [p for p in result["files"] if "/cards/" in p.replace("\\", "/")]
    for path in result["files"]:
        if path not in cards:
            console.print(f"  {path}", markup=False, highlight=False)
    if cards:
        console.print(f"  {len(cards)} claim card pages in {Path(cards[0]).parent}", markup=False, highlight=False)
    if result["claims"] == 0:
        console.print(
            "the store has no current claims: run `liveaudit demo` or `liveaudit crawl` and `liveaudit classify` first"
        )


def bench_export_cli(
    claims: int = typer.Option(1_000_000, "--claims", help="Claims in the generated store."),
    formats: str = typer.Option("", "--formats", help="Comma-separated formats [default: all]."),
    cache_dir: Path = typer.Option(
        None, "--cache-dir", help="Where the generated store is kept [default: $TMPDIR/liveaudit-bench]."
    ),
) -> None:
    """Rows/s and peak memory of each export format on a generated store (baseline: the bare query scan).

    Each format runs in its own process; peak memory is its maximum resident set. Goal:
    >= 50,000 rows/s for CSV and Parquet at 1M claims and < 500 MB.
    """
    import os

    from liveaudit.publish.export import bench_export

    chosen = tuple(f.strip() for f in formats.split(",") if f.strip()) or None
    results = bench_export(claims, chosen, cache_dir, log=lambda m: console.print(m, style="dim"))
    rows = [
        (
            r["format"],
            r["rows"],
            r["seconds"],
            r["cpu_seconds"],
            round(r["rows_per_s"]),
            round(r["rows_per_cpu_s"]),
            r["peak_rss_mb"],
            r["mb_written"],
        )
        for r in results
    ]
    print_bench(
        f"export: {claims:,} generated claims",
        ("format", "rows", "wall s", "cpu s", "rows/s (wall)", "rows/s (cpu)", "peak RSS MB", "MB written"),
        rows,
        [
            f"baseline 'scan' = the streamed join with nothing written; {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.1f} at the end",
            "goal: >= 50,000 rows/s for csv and parquet, peak RSS < 500 MB",
        ],
    )


def register(app: typer.Typer) -> None:
    app.command("export", epilog=example("liveaudit export --format parquet --out export/ --db liveaudit.db"))(
        export_cli
    )
    bench_app.command("export", epilog=example("liveaudit bench export --claims 1000000"))(bench_export_cli)
