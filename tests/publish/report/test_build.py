"""`build_report` on the seeded store: the headline table matches the store, text is escaped,
numbers cite their claim / WARC record / measurement, and the PDF is written."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pytest

from liveaudit.publish.report import build_report
from liveaudit.vocab import VERDICTS
from tests.seed import IMG_PAYLOAD, SCRIPT_PAYLOAD, seed


class _Headline(HTMLParser):
    """Collects {data-key: count} from <table id="headline">."""

    def __init__(self):
        super().__init__()
        self.inside, self.key, self.cells, self.counts = False, None, [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.inside = attrs.get("id") == "headline"
        if self.inside and tag == "tr" and "data-key" in attrs:
            self.key, self.cells = attrs["data-key"], []
        if self.inside and tag == "td" and self.key:
            self.cells.append("")

    def handle_data(self, data):
        if self.inside and self.key and self.cells:
            self.cells[-1] += data

    def handle_endtag(self, tag):
        if tag == "tr" and self.key:
            self.counts[self.key] = int(self.cells[0])
            self.key = None
        if tag == "table":
            self.inside = False


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from liveaudit.store import Store

    folder = tmp_path_factory.mktemp("report")
    ids = seed(folder / "store.db")
    store = Store.open(str(folder / "store.db"))
    result = build_report(store, folder / "out")
    yield store, ids, result, (folder / "out" / "report.html").read_text(encoding="utf-8")
    store.close()


def test_build_headline_table_matches_the_store(built):
    store, _, _, html = built
    parser = _Headline()
    parser.feed(html)
    verdicts = [v["verdict"] for v in store.rows("current_verdicts")]
    expected = {
        "documents": store.count("current_documents"),
        "claims": store.count("current_claims"),
        "sources": store.count("current_sources"),
        "judged": len(verdicts),
        "measurements": store.count("measurements"),
        "analyses": store.count("analyses"),
        "systems_named": len({c["system"] for c in store.rows("current_claims") if c["system"]}),
        **{k: verdicts.count(k) for k in VERDICTS},
    }
    assert parser.counts == expected
    assert expected["claims"] == 7 and expected["judged"] == 5  # the seed's current claims; one is an old page version


def test_build_escapes_everything_from_the_store(built):
    _, _, _, html = built
    assert "<script" not in html.lower() and IMG_PAYLOAD not in html and SCRIPT_PAYLOAD not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the hostile claim is shown, as text
    assert "Content-Security-Policy" in html and "http://" not in html.split("<body>")[0]


def test_build_numbers_cite_claims_warc_records_and_measurements(built):
    store, ids, _, html = built
    supported = ids["claims"]["supported"]
    measurement = ids["measurements"][1]
    assert f"claim #{supported}" in html and "WARC " in html and "&lt;urn:uuid:" in html
    assert f"measurement #{measurement}" in html
    run = store.rows("measurements")[0]["run_id"]
    assert f"<td>#{run}</td>" in html  # each measurement row names its run
    for section in (
        "Which words",
        "Implied vs measured level",
        "Most supported claims",
        "Least supported claims",
        "liveness levels L0–L4",
        "Methods and limits",
    ):
        assert section in html
    # levels, throughput, verdicts per system, and claimed vs measured (our shipped runs beside the claims)
    assert html.count("data:image/svg+xml;base64,") == 4


def test_build_writes_the_pdf(built):
    _, _, result, _ = built
    with open(result["pdf"], "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        assert result["pdf_engine"] == "matplotlib"
    else:
        assert result["pdf_engine"] == "weasyprint"


def test_build_matplotlib_pdf_when_weasyprint_is_missing(built, tmp_path):
    from liveaudit.publish.report import build, facts

    store = built[0]
    path = tmp_path / "fallback.pdf"
    assert build._matplotlib_pdf(facts.gather(store), path) == "matplotlib"
    assert path.read_bytes()[:5] == b"%PDF-"


def test_build_empty_store_renders(store, tmp_path):
    result = build_report(store, tmp_path, pdf=False)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert result["headline"]["claims"] == 0 and "nothing to chart yet" in html


def test_build_cli_writes_html(built, tmp_path):
    store = built[0]
    db = store.url.removeprefix("sqlite:///")
    done = subprocess.run(
        [sys.executable, "-m", "liveaudit", "report", "--no-pdf", "--out", str(tmp_path), "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "7 claims, 5 judged" in done.stdout and (tmp_path / "report.html").is_file()


def test_build_names_the_levels_file_without_the_authors_folders(built, tmp_path):
    from liveaudit.publish.report.html import levels_name

    _, _, _, html = built
    assert "data/levels.yaml (shipped)" in html
    other = tmp_path / "private" / "my-levels.yaml"
    assert levels_name(str(other)) == "my-levels.yaml" and str(tmp_path) not in levels_name(str(other))
