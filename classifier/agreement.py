"""How far two people labelling the same real documents agree (data/labels/real).

`second_labels.yaml` is a second, independent labelling of some documents of documents.yaml.
Claim detection of the second labelling is scored against the first (by sentence offsets, so no
document's text is needed), then the kind of the claims both found. It bounds what any
classifier can be held to: agreement with one annotator above what a second annotator reaches
would be fitting that annotator's habits, not the rules.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from liveaudit.classifier.realset import load_real
from liveaudit.config import data_dir
from liveaudit.errors import ConfigError


def agreement(folder: Path | None = None) -> dict:
    """{documents, first, second, both, precision, recall, f1, kinds_agree} of the second
    labelling against the first, over the documents the second labelled."""
    folder = folder or data_dir() / "labels" / "real"
    path = folder / "second_labels.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError("E604", path=path, reason=f"could not be read ({type(exc).__name__})") from None
    first = {d.id: d for d in load_real(folder)}
    n_first = n_second = both = same_kind = 0
    for doc in raw.get("documents") or []:
        if doc.get("id") not in first:
            raise ConfigError("E604", path=path, reason=f"{doc.get('id')}: not a document of documents.yaml")
        a = {tuple(c["at"]): c["k"] for c in first[doc["id"]].claims}
        b = {tuple(c["at"]): c["k"] for c in doc.get("claims") or []}
        shared = a.keys() & b.keys()
        n_first, n_second, both = n_first + len(a), n_second + len(b), both + len(shared)
        same_kind += sum(a[k] == b[k] for k in shared)
    p = both / n_second if n_second else 0.0
    r = both / n_first if n_first else 0.0
    return {
        "documents": len(raw.get("documents") or []),
        "first": n_first,
        "second": n_second,
        "both": both,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "kinds_agree": same_kind / both if both else 0.0,
    }
