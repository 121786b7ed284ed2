"""The hostile corpus (classifier/hostile.py) through `liveaudit extract`, the classifier and
`liveaudit check`: every case gives output or a one-line error naming its file, never a
traceback, exit status at most 1, and the good files of the same run are all extracted.
The default run takes a sample; `--run-slow` runs every case. Hypothesis fuzzes the rest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liveaudit.classifier.hostile import KINDS, corpus, write_corpus

GOOD = "# Good page\n\nAcme Stream generates video in real time at 24 fps on one H100.\n"


def _env() -> dict:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    env["LIVEAUDIT_SETTINGS"] = os.environ["LIVEAUDIT_SETTINGS"]  # the empty settings file of tests/conftest.py
    return env


def _extract_run(tmp_path: Path, cases) -> None:
    """One `liveaudit extract --json` over the cases with a good file before and after them."""
    paths = write_corpus(tmp_path / "corpus", cases)
    good = [tmp_path / "good-first.md", tmp_path / "good-last.md"]
    for g in good:
        g.write_text(GOOD, encoding="utf-8")
    args = [str(good[0]), *map(str, paths), str(good[1])]
    proc = subprocess.run(
        [sys.executable, "-m", "liveaudit", "extract", "--json", *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    for line in proc.stderr.splitlines():
        assert line.startswith(("note: ", "error[")), line[:300]
        if line.startswith("error["):
            assert any(str(p) in line for p in paths), line[:300]  # the error names its file
    claims = [json.loads(line) for line in proc.stdout.splitlines()]
    sources = {c["source"] for c in claims}
    assert {str(g) for g in good} <= sources  # the files around the hostile ones were all extracted
    first = next(c for c in claims if c["source"] == str(good[0]))
    assert first["fps"] == 24 and first["gpu"] == "H100 SXM"


def test_hostile_corpus_has_300_cases_of_every_kind():
    cases = corpus()
    assert len(cases) >= 300
    assert {c.kind for c in cases} == set(KINDS)
    assert corpus() == cases  # generated the same way every time


def test_hostile_extract_sample_answers_every_case(tmp_path):
    cases = corpus()  # about 60 cases, a few MB: the whole corpus (400, 89 MB) is the slow test below
    must = {
        "entity-escape",
        "entity-amp",
        "encoding-utf-16-le-bom",
        "binary-png-html",
        "huge-no-punctuation",
        "huge-markdown-table",
        "nesting-div-1000",
        "redos-fps-flood",
        "redos-capital-run",
        "unicode-escape-sequences",
    }
    sample = [c for i, c in enumerate(cases) if i % 12 == 0 or c.name in must]
    _extract_run(tmp_path, sample)


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_hostile_extract_whole_corpus_answers_every_case(tmp_path):
    _extract_run(tmp_path, corpus())


def test_hostile_extract_recovers_text_that_used_to_be_lost(tmp_path):
    from liveaudit.classifier import Classifier, extract_all

    by_name = {c.name: c for c in corpus()}
    names = [
        "entity-escape",
        "entity-soh",
        "encoding-utf-16-le-bom",
        "encoding-utf-32-be-bom-md",
        "encoding-utf-16-be-no-bom",
        "nesting-div-1000",
        "nesting-unclosed-100000",
    ]
    paths = write_corpus(tmp_path, [by_name[n] for n in names])
    outcomes = extract_all([str(p) for p in paths], Classifier())
    for name, o in zip(names, outcomes):
        assert o.error is None, name
        assert any(c["fps"] == 24 for c in o.claims), name  # the claim of the page was found
    png = write_corpus(tmp_path, [by_name["binary-png-html"]])[0]
    assert extract_all([str(png)])[0].error.code == "E606"


def test_hostile_huge_text_is_read_in_pieces_with_a_note(classifier):
    from liveaudit.classifier.limits import Limits

    text = "word " * 240_000 + "Acme streams in real time at 30 fps on one H100."  # 1.2 M characters, no sentence end
    result = classifier.documents([(text, None, "huge.txt")], limits=Limits(max_chars=2_000_000))[0]
    assert result.error is None
    assert any("CLASSIFY_MAX_SENTENCE_CHARS" in n for n in result.notes)
    cut = classifier.documents([(text, None, "huge.txt")], limits=Limits(max_chars=100_000, max_sentences=50))[0]
    assert any("truncated at 100,000 characters" in n for n in cut.notes)
    assert any("after 50 sentences" in n for n in cut.notes)


def test_hostile_time_budget_stops_a_document_and_keeps_the_others(classifier):
    from liveaudit.classifier.limits import Limits

    docs = [("Acme streams at 24 fps on one H100.", None, "a"), ("x " * 50_000, None, "b")]
    results = classifier.documents(docs, limits=Limits(budget_s=1e-9))
    assert [r.error.code for r in results] == ["E605", "E605"]
    assert "CLASSIFY_DOCUMENT_BUDGET_S" in str(results[0].error)
    ok = classifier.documents(docs)
    assert ok[0].error is None and ok[0].claims and ok[1].error is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_hostile_fuzzed_bytes_decode_and_convert_without_raising(body):
    from liveaudit.classifier.decode import decode
    from liveaudit.classifier.html import html_to_text
    from liveaudit.classifier.segment import blocks

    text, _ = decode(body)
    converted, _ = html_to_text(text)
    for block in blocks(converted) + blocks(text):
        assert len(block.offsets) == len(block.text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(list("#|-*_`[]()<>!&;:. \n\t0123456789xfpsHAL") + ["real-time", " fps", "&#27;", "<p>"]),
        max_size=200,
    ).map("".join)
)
def test_hostile_fuzzed_markdown_through_the_classifier(classifier, text):
    from liveaudit.classifier.html import html_to_text

    for source in (text, html_to_text(text)[0]):
        result = classifier.documents([(source, None, "fuzz")])[0]
        assert result.error is None
        for claim in result.claims:
            assert claim.sentence and claim.start_char is not None and 0 <= claim.start_char <= len(source)


def _check(path: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "liveaudit", "check", str(path), "--json", "--db", str(db)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


CHECK_SAMPLE = ["entity-escape", "encoding-utf-16-le-bom"]  # the slow test below runs every kind


@pytest.mark.parametrize("name", CHECK_SAMPLE)
def test_hostile_check_answers_a_hostile_page(tmp_path, name):
    case = next(c for c in corpus() if c.name == name)
    path = write_corpus(tmp_path / "files", [case])[0]
    done = _check(path, tmp_path / "store.db")
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr[-2000:]
    if done.returncode == 0:
        result = json.loads(done.stdout)
        assert result["document"]["local_file"] == str(path.resolve())
        if name.startswith(("entity", "encoding")):  # the page's one claim is found, not lost
            assert any("24 fps" in c["quote"] for c in result["cards"])
    else:
        assert done.stderr.strip().count("\n") == 0 and str(path) in done.stderr


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_hostile_check_answers_every_kind(tmp_path):
    picked = {}
    for case in corpus():
        picked.setdefault(case.kind, []).append(case)
    for kind, cases in picked.items():
        for case in cases[:1] + [
            c for c in cases if c.name in ("huge-one-line", "redos-fps-flood", "nesting-div-50000")
        ]:
            path = write_corpus(tmp_path / kind, [case])[0]
            done = _check(path, tmp_path / f"{case.name}.db")
            assert done.returncode in (0, 1) and "Traceback" not in done.stderr, (case.name, done.stderr[-2000:])
