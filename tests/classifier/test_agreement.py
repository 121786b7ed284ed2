"""Agreement between two labellings of the same real documents (classifier/agreement.py)."""

import pytest
import yaml

from liveaudit.classifier.agreement import agreement
from liveaudit.errors import ConfigError


def _folder(tmp_path, first_claims, second_claims, second_id="doc-a"):
    doc = {"id": "doc-a", "split": "dev", "url": "u", "sha256": "0" * 64, "system": "X", "claims": first_claims}
    (tmp_path / "documents.yaml").write_text(yaml.safe_dump({"documents": [doc]}))
    second = {"documents": [{"id": second_id, "system": "X", "claims": second_claims}]}
    (tmp_path / "second_labels.yaml").write_text(yaml.safe_dump(second))
    return tmp_path


def test_agreement_scores_the_second_labelling_against_the_first(tmp_path):
    a = [{"at": [0, 10], "sha256": "a", "k": "quantified"}, {"at": [20, 30], "sha256": "b", "k": "qualitative"}]
    b = [{"at": [0, 10], "sha256": "a", "k": "comparative"}, {"at": [40, 50], "sha256": "c", "k": "qualitative"}]
    r = agreement(_folder(tmp_path, a, b))
    assert (r["first"], r["second"], r["both"]) == (2, 2, 1)
    assert r["precision"] == r["recall"] == r["f1"] == 0.5 and r["kinds_agree"] == 0.0


def test_agreement_names_a_document_the_first_labelling_lacks(tmp_path):
    with pytest.raises(ConfigError, match="doc-b"):
        agreement(_folder(tmp_path, [], [], second_id="doc-b"))


def test_agreement_of_the_shipped_second_labels():
    # the figure data/labels/real/README.md quotes
    r = agreement()
    assert (r["documents"], r["first"], r["second"], r["both"]) == (22, 128, 126, 125)
    assert round(r["f1"], 3) == 0.984
