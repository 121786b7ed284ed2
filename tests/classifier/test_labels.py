"""The labelled sentences: enough of them, valid, split by document."""

from __future__ import annotations

from collections import Counter

from liveaudit.classifier.kind import KINDS
from liveaudit.classifier.labels import by_split, load_labels
from liveaudit.classifier.lexicon import load_lexicon


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
