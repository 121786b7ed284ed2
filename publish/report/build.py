"""`build_report(store, out)`: report.html (self-contained) and report.pdf.

    build_report(Store.open("liveaudit.db"), "report/")
    # -> {"html": "report/report.html", "pdf": "report/report.pdf", "pdf_engine": "weasyprint", ...}

The PDF is the same HTML printed by WeasyPrint when it imports (it needs Pango); else
matplotlib's PDF backend writes the charts and the headline table, and the result says so.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from liveaudit.errors import InputError
from liveaudit.publish.links import public_base
from liveaudit.publish.report import charts
from liveaudit.publish.report import facts as facts_mod
from liveaudit.publish.report.answer import sentences
from liveaudit.publish.report.html import render
from liveaudit.store import Store


def build_report(
    store: Store,
    out: str | Path = "report",
    *,
    pdf: bool = True,
    levels_file: str | None = None,
    generated: str | None = None,
    base: str | None = None,
) -> dict:
    """Write report.html (and report.pdf unless `pdf` is False) into `out`; returns paths and the headline counts.

    `generated` is the date shown on the report (default: now, UTC); `base` overrides PUBLIC_BASE_URL,
    under which each section's address is given (empty: relative, report.html#section).
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise InputError("E912", path=folder, reason="it is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    facts = facts_mod.gather(store, levels_file)
    drawn = {name: charts.svg(fig) for name, fig in charts.draw_all(facts).items()}
    generated = generated or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    page = render(facts, drawn, generated, public_base(base))
    html_path = folder / "report.html"
    html_path.write_text(page, encoding="utf-8")
    result = {
        "html": str(html_path),
        "pdf": None,
        "pdf_engine": None,
        "headline": facts["headline"],
        "answer": [x["text"] for x in sentences(facts)],
    }
    if pdf:
        pdf_path = folder / "report.pdf"
        result["pdf_engine"] = _write_pdf(page, facts, pdf_path)
        result["pdf"] = str(pdf_path)
    return result


def _write_pdf(page: str, facts: dict, path: Path) -> str:
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: WeasyPrint installed but Pango missing
        return _matplotlib_pdf(facts, path)
    # The page has no external resources: data: URLs only, anything else is refused, never fetched.
    if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint >= 66
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    else:

        def fetcher(url: str, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError(f"report PDF fetches nothing: {url[:60]}")
            return weasyprint.default_url_fetcher(url, *args, **kwargs)

    weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf(path)
    return "weasyprint"


def _matplotlib_pdf(facts: dict, path: Path) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    h = facts["headline"]
    with PdfPages(path, metadata={"Title": "liveaudit report", "CreationDate": None}) as pdf:
        fig = plt.figure(figsize=(8.27, 11.69))
        import textwrap

        lines = ["Is 'live AI video generation' a meaningful category?", ""]
        for s in sentences(facts):
            lines += textwrap.wrap(s["text"], 90) + [""]
        lines += ["Headline (full report: report.html)", ""] + [f"{k:>16}: {v}" for k, v in h.items()]
        fig.text(0.06, 0.96, "\n".join(lines), va="top", family="monospace", fontsize=7)
        pdf.savefig(fig)
        plt.close(fig)
        for fig in charts.draw_all(facts).values():
            if fig is not None:
                pdf.savefig(fig)
                plt.close(fig)
    return "matplotlib"
