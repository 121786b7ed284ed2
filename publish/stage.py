"""The publish steps: export (the datasets) and report (HTML and PDF), from the store into files.

Both write under `settings.workdir`: export/ holds one file set per format, report/ the report.
"""

from __future__ import annotations

from liveaudit.records import RunSummary, StageSettings
from liveaudit.stages import Progress, Stage
from liveaudit.store import Store


def export_run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Write each format into workdir/export; returns rows per format and the folder."""
    from liveaudit.publish.export.run import FORMATS, export

    out = settings.workdir / "export"
    progress(f"exporting {', '.join(FORMATS)} into {out}")
    figures: dict[str, object] = {fmt: export(store, fmt, out)["rows"] for fmt in FORMATS}
    return RunSummary("export", {**figures, "folder": str(out)})


def report_run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Write report.html and report.pdf into workdir/report; returns the headline counts and paths."""
    from liveaudit.publish.report.build import build_report

    progress(f"writing the report into {settings.workdir / 'report'}")
    result = build_report(store, settings.workdir / "report")
    return RunSummary(
        "report",
        {
            "claims": result["headline"]["claims"],
            "judged": result["headline"]["judged"],
            "html": result["html"],
            "pdf": result["pdf"],
            "pdf_engine": result["pdf_engine"],
        },
    )


def _export_commands(app) -> None:
    from liveaudit.publish.export.cli import register

    register(app)


def _report_commands(app) -> None:
    from liveaudit.publish.report.cli import register

    register(app)


def _bench_export(**kwargs):
    from liveaudit.publish.export.bench import bench_export

    return bench_export(**kwargs)


STAGES = (
    Stage(
        "export",
        "datasets: csv, parquet, jsonl, ClaimReview, Croissant",
        export_run,
        extra="export",
        requires=("pyarrow", "pandas", "mlcroissant"),
        commands=_export_commands,
        bench=_bench_export,
    ),
    Stage(
        "report",
        "the HTML and PDF report",
        report_run,
        extra="export",
        requires=("matplotlib",),
        commands=_report_commands,
    ),
)
