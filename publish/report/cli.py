"""`liveaudit report [--out DIR]`: the HTML (and PDF) report from the store."""

from __future__ import annotations

from pathlib import Path

import typer

from liveaudit.cli.common import DbOption, console, example
from liveaudit.vocab import VERDICTS


def report_cli(
    out: Path = typer.Option(
        Path("report"), "--out", help="Folder for report.html and report.pdf (created if missing)."
    ),
    pdf: bool = typer.Option(
        True, "--pdf/--no-pdf", help="Also write report.pdf (WeasyPrint, else matplotlib's PDF backend)."
    ),
    levels: Path = typer.Option(
        None,
        "--levels",
        help="Thresholds file for L0-L4 [default: $LIVEAUDIT_VERDICT_LEVELS_FILE or data/levels.yaml].",
    ),
    db: DbOption = None,
) -> None:
    """Write a self-contained report answering "is 'live AI video generation' a meaningful category?".

    How many claims and which words, implied vs measured levels per system and GPU (charts), the
    most and least supported claims, the L0-L4 vocabulary with its thresholds, methods and limits.
    Every number cites its claim, document and WARC record, or measurement and run.
    """
    from liveaudit.cli.common import writable_folder
    from liveaudit.publish.report import build_report
    from liveaudit.store import Store

    writable_folder(out, "E915")
    with console.status("building the report"):
        result = build_report(Store.open_existing(db), out, pdf=pdf, levels_file=str(levels) if levels else None)
    h = result["headline"]
    console.print(f"{h['claims']} claims, {h['judged']} judged: " + ", ".join(f"{k} {h[k]}" for k in VERDICTS))
    console.print(f"  {result['html']}", markup=False, highlight=False)
    if result["pdf"]:
        console.print(f"  {result['pdf']} ({result['pdf_engine']})", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("report", epilog=example("liveaudit report --out report/ --db liveaudit.db"))(report_cli)
