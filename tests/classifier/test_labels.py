"""The labelled sentences: enough of them, valid, split by document."""

from __future__ import annotations

from collections import Counter

import yaml

from liveaudit.classifier.labels import by_split, load_labels
from liveaudit.classifier.lexicon import load_lexicon
from liveaudit.vocab import CLAIM_KINDS as KINDS


def test_labels_at_least_600_hand_written_sentences_of_every_kind():
    labels = load_labels()
    assert len([x for x in labels if not x.templated]) >= 600
    assert set(Counter(x.kind for x in labels)) == set(KINDS)


def test_labels_split_by_document_with_every_kind_in_test():
    splits = by_split(load_labels())
    docs = {s: {x.doc_id for x in xs} for s, xs in splits.items()}
    assert not docs["train"] & docs["test"] and not docs["train"] & docs["dev"] and not docs["dev"] & docs["test"]
    assert set(x.kind for x in splits["test"]) == set(KINDS)


def test_labels_use_canonical_gpu_and_system_names():
    lex = load_lexicon()
    for x in load_labels():
        assert x.figures["gpu"] is None or x.figures["gpu"] in set(lex.hardware.values()), x.text
        assert x.system is None or x.system in set(lex.systems.values()), x.text


def test_labels_frozen_splits_keep_old_documents_where_they_were(tmp_path):
    import shutil

    from liveaudit.config import data_dir

    shipped = data_dir() / "labels"
    before = {x.doc_id: x.split for x in load_labels(shipped)}
    frozen = yaml.safe_load((shipped / "splits.yaml").read_text())["frozen"]
    assert all(before[d] == s for d, s in frozen.items())
    for f in shipped.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    docs = [
        {
            "id": f"new-doc-{i}",
            "style": "vendor",
            "sentences": [
                {"k": "quantified", "s": f"Runs at {i} fps.", "f": {"fps": i}},
                {"k": "aspirational", "s": "We will go faster."},
            ],
        }
        for i in range(1, 40)
    ]
    (tmp_path / "zz-new.yaml").write_text(yaml.safe_dump({"documents": docs}))
    after = {x.doc_id: x.split for x in load_labels(tmp_path)}
    assert all(after[d] == s for d, s in before.items() if d in frozen)
    assert {after[f"new-doc-{i}"] for i in range(1, 40)} == {"train", "dev", "test"}  # new ones still stratified


def test_labels_reject_an_unknown_frozen_split(tmp_path):
    import pytest

    from liveaudit.errors import ConfigError

    (tmp_path / "splits.yaml").write_text("frozen:\n  a-doc: holdout\n")
    with pytest.raises(ConfigError) as err:
        load_labels(tmp_path)
    assert err.value.code == "E604"
