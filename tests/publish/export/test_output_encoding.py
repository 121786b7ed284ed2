"""Exported text cannot execute where it lands: JSON-LD pasted into HTML, CSV opened in a spreadsheet.

The seeded store (tests/seed.py) holds a crawled page whose title and claim carry
`<script>` and `onerror=` payloads. The browser test embeds the ClaimReview export the way
fact-check markup is published and counts dialogs in headless Chromium.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from liveaudit.encoding import csv_cell, json_for_html
from liveaudit.publish.export import export
from liveaudit.publish.export.columns import NAMES
from liveaudit.publish.export.tabular import write_csv
from tests.seed import SCRIPT_PAYLOAD

CHROMIUM = "/usr/bin/chromium"
DANGEROUS = ['=HYPERLINK("http://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1"]


def _claimreview_lines(store, folder: Path) -> list[str]:
    export(store, "claimreview", folder)
    return (folder / "claimreview.jsonl").read_text(encoding="utf-8").splitlines()


def test_output_encoding_claimreview_has_no_raw_angle_brackets(seeded_store, tmp_path):
    lines = _claimreview_lines(seeded_store, tmp_path)
    assert lines and all("<" not in line and ">" not in line and "&" not in line for line in lines)
    # ...and the JSON still says exactly what the page said
    assert any(SCRIPT_PAYLOAD in json.dumps(json.loads(line), ensure_ascii=False) for line in lines)


def test_output_encoding_csv_cells_round_trip_as_inert_text(tmp_path):
    import pyarrow as pa

    from liveaudit.publish.export.arrow import SCHEMA

    n = len(DANGEROUS)
    arrays = [
        pa.array(DANGEROUS)
        if f.name == "claim_sentence"
        else pa.array([-3.5] * n)
        if f.name == "figure_fps"
        else pa.nulls(n, f.type)
        for f in SCHEMA
    ]
    write_csv([pa.RecordBatch.from_arrays(arrays, schema=SCHEMA)], tmp_path / "claims.csv")
    with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as fh:
        read = list(csv.DictReader(fh))
    assert list(read[0]) == list(NAMES)
    for text, row in zip(DANGEROUS, read):
        assert row["claim_sentence"] == "'" + text  # shown as the text itself, never evaluated
        assert row["figure_fps"] == "-3.5"  # numbers stay numbers
    assert csv_cell("-3.5") == "-3.5" and csv_cell(7) == 7 and csv_cell("plain") == "plain"


def test_output_encoding_json_for_html_is_the_same_json():
    obj = {"name": "</script><script>alert(1)</script> & \u2028 ok", "n": [1, 2.5, None]}
    text = json_for_html(obj)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == obj


@pytest.mark.browser
def test_output_encoding_claimreview_embedded_in_html_runs_nothing(seeded_store, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    lines = _claimreview_lines(seeded_store, tmp_path)
    blocks = "\n".join(f'<script type="application/ld+json">{line}</script>' for line in lines)
    page_file = tmp_path / "factcheck.html"
    page_file.write_text(
        "<!doctype html><html><head><title>fact-check</title>" + blocks + "</head><body><p id=ok>page</p>"
        "<script>window.parsed = [...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
        ".map(s => JSON.parse(s.textContent));</script></body></html>",
        encoding="utf-8",
    )
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(page_file.as_uri())
        page.wait_for_selector("#ok")
        parsed = page.evaluate("window.parsed")
        browser.close()
    assert dialogs == []
    assert len(parsed) == len(lines)  # every block is still valid JSON-LD
    assert any(SCRIPT_PAYLOAD in json.dumps(p, ensure_ascii=False) for p in parsed)
