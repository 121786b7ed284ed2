"""The real-text evaluation: labels hold hashes and offsets only, and match the pipeline's sentences."""

from __future__ import annotations

import pytest
import yaml

from liveaudit.classifier.pipeline import Classifier, models_dir
from liveaudit.classifier.realset import (
    REAL_SPLITS,
    evaluate_real,
    keyword_baseline,
    load_real,
    sentence_sha,
    text_sha,
)
from liveaudit.errors import ConfigError, InputError

DOC = """# Brookline: streaming video in real time

Brookline streams 480p video at 18 FPS on a single H100.

## Install

Run pip install brookline to get started.

- Our live demo is on the project page.
- It is 3x faster than the previous release.
"""


def _labels(tmp_path, text: str, split: str = "dev") -> tuple:
    """A labels folder for DOC: the claims found by the pipeline, stored as hash and offsets."""
    claims = Classifier().claims(text, keep_none=True)
    wanted = {
        "Brookline streams 480p video at 18 FPS on a single H100.": (
            "quantified",
            {"fps": 18, "height": 480, "gpu": "H100", "gpu_count": 1},
        ),
        "It is 3x faster than the previous release.": (
            "comparative",
            {"speedup": 3, "speedup_baseline": "previous release"},
        ),
    }
    items = [
        {
            "at": [c.start_char, c.end_char],
            "sha256": sentence_sha(c.sentence),
            "k": wanted[c.sentence][0],
            "f": wanted[c.sentence][1],
        }
        for c in claims
        if c.sentence in wanted
    ]
    assert len(items) == 2
    doc = {
        "id": "brookline",
        "url": "https://example.org/brookline/README.md",
        "sha256": text_sha(text),
        "split": split,
        "system": None,
        "claims": items,
    }
    folder = tmp_path / "labels"
    folder.mkdir()
    (folder / "documents.yaml").write_text(yaml.safe_dump({"documents": [doc]}), encoding="utf-8")
    return folder, claims


def test_realset_scores_a_local_folder_by_hash_and_offset(tmp_path):
    labels, claims = _labels(tmp_path, DOC)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brookline.md").write_text(DOC, encoding="utf-8")
    r = evaluate_real(docs, models_dir(), "all", labels)
    assert r["documents"] == 1 and not r["missing"] and not r["changed"] and r["unmatched_claims"] == 0
    assert r["sentences"] == len(claims) and r["kind"]["detection"]["support"] == 2
    assert r["figures"]["fps"]["exact_match"] == 1.0 and r["figures"]["gpu"]["exact_match"] == 1.0  # H100 = H100 SXM
    assert 0 <= r["baseline"]["f1"] <= 1 and r["figures"]["_summary"]["stated_fields"] > 0
    # the labels file holds no sentence of the document
    assert "streams 480p" not in (labels / "documents.yaml").read_text(encoding="utf-8")


def test_realset_reads_the_document_named_by_its_id_not_a_longer_name(tmp_path):
    """`brookline.5.md` (a document "brookline.5") sorts first but is not `brookline`'s copy."""
    labels, _ = _labels(tmp_path, DOC)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brookline.5.md").write_text("# Another page\n\nNothing here is fast.\n", encoding="utf-8")
    (docs / "brookline.md").write_text(DOC, encoding="utf-8")
    r = evaluate_real(docs, models_dir(), "all", labels)
    assert not r["changed"] and r["unmatched_claims"] == 0 and r["kind"]["detection"]["support"] == 2


def test_realset_changed_text_matches_by_hash_and_reports_missing(tmp_path):
    labels, _ = _labels(tmp_path, DOC)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brookline.md").write_text("Preface added upstream.\n\n" + DOC, encoding="utf-8")
    r = evaluate_real(docs, models_dir(), "all", labels)
    assert r["changed"] == ["brookline"] and r["unmatched_claims"] == 0  # offsets moved, hashes still match
    assert evaluate_real(docs, models_dir(), "test", labels)["documents"] == 0
    (docs / "brookline.md").unlink()
    assert evaluate_real(docs, models_dir(), "all", labels)["missing"] == ["brookline"]
    with pytest.raises(InputError):
        evaluate_real(tmp_path / "nowhere", models_dir(), "all", labels)


def test_realset_shipped_labels_load_and_split(tmp_path):
    docs = load_real()
    # every declared split holds documents, and no document sits in an undeclared one
    assert len(docs) >= 40 and {d.split for d in docs} == set(REAL_SPLITS) and "test" in REAL_SPLITS
    assert sum(len(d.claims) for d in docs) >= 150
    assert all(len(c["sha256"]) == 64 and c["k"] != "none" for d in docs for c in d.claims)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "documents.yaml").write_text(yaml.safe_dump({"documents": [{"id": "x", "sha256": "0", "split": "train"}]}))
    with pytest.raises(ConfigError):
        load_real(bad)


def test_realset_keyword_baseline_flags_liveness_words():
    from liveaudit.classifier.lexicon import load_lexicon

    assert keyword_baseline(["Runs in real time.", "Pricing starts at $9.", "Try the live demo."], load_lexicon()) == [
        True,
        False,
        True,
    ]
