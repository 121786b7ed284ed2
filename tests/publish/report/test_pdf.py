"""The PDF on A4: every page renders to PNG, no table or text runs past the page, and the
first page answers the title question (pdfplumber reads the words and table boxes back)."""

from __future__ import annotations

import pytest

from liveaudit.publish.report import build_report
from tests.seed import seed

pdfplumber = pytest.importorskip("pdfplumber")
weasyprint = pytest.importorskip("weasyprint")

A4 = (595.3, 841.9)  # points


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    from liveaudit.store import Store

    folder = tmp_path_factory.mktemp("pdf")
    seed(folder / "store.db")
    store = Store.open(str(folder / "store.db"))
    result = build_report(store, folder / "out", generated="2026-12-03 12:00 UTC")
    store.close()
    assert result["pdf_engine"] == "weasyprint"
    return result, folder


def test_pdf_every_page_renders_on_a4_and_no_table_is_cut(pdf):
    result, folder = pdf
    with pdfplumber.open(result["pdf"]) as doc:
        assert len(doc.pages) >= 3
        tables = 0
        for page in doc.pages:
            assert (round(page.width, 1), round(page.height, 1)) == A4
            png = folder / f"page-{page.page_number}.png"
            page.to_image(resolution=50).save(png)
            assert png.stat().st_size > 1000
            for ch in page.chars:  # nothing drawn past the page's edges
                assert 0 <= ch["x0"] and ch["x1"] <= page.width and 0 <= ch["top"] and ch["bottom"] <= page.height, ch
            left = min((ch["x0"] for ch in page.chars), default=0)  # the left margin, where every table starts
            for found in page.find_tables():
                x0, top, x1, bottom = found.bbox
                if abs(x0 - left) > 6 or len(found.rows) < 2:
                    continue  # ruled areas of a chart (SVG grid and legend), not an HTML table
                tables += 1
                assert x1 <= page.width - 20, (page.page_number, found.bbox)  # inside the right margin
                widths = [c[2] - c[0] for row in found.rows for c in row.cells if c]
                assert min(widths) > 20, (page.page_number, widths)  # no one-word-wide column
        assert tables >= 5


def test_pdf_tables_lose_no_row(pdf):
    """Every measurement and gap row of the HTML appears in the PDF text."""
    import re

    result, _ = pdf
    html = open(result["html"], encoding="utf-8").read()
    with pdfplumber.open(result["pdf"]) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    ids = re.findall(r"<td>(#\d+)</td>", html)
    assert ids and all(i in text for i in ids)


def test_pdf_first_page_answers_the_title_question(pdf):
    result, _ = pdf
    with pdfplumber.open(result["pdf"]) as doc:
        first = " ".join((doc.pages[0].extract_text() or "").split())
    assert "meaningful category" in first
    for sentence in result["answer"]:
        assert " ".join(sentence.split())[:40] in first
    assert "Untested" in first and "Unverifiable" in first and "rests on" in first
