"""`liveaudit classify --evaluate-real DIR`: the classifier scored on real public documents.

The labels (data/labels/real/documents.yaml) hold no text of the documents: each
document is named by a pointer (repository, commit, path and raw URL) and the sha256
of its text; each labelled claim by the sha256 of its sentence (whitespace collapsed)
and its character offsets in the document. The user fetches the documents into a
folder (data/labels/real/README.md says how); here every document found there is run
through the whole pipeline (blocks, sentences, rules, kind model), and each sentence it
yields is matched to a labelled claim by hash, else by offsets (when the document's
sha256 is the labelled one). Every sentence that matches no labelled claim is gold
`none`: only claims were labelled, by the rules of /work/shared/LABELING.md.
Documents are split into dev and test (`split:`); thresholds are chosen on dev only.
"""

from __future__ import annotations

import glob
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from liveaudit.classifier.labels import KINDS, Labelled, _figures
from liveaudit.config import data_dir
from liveaudit.errors import ConfigError, InputError

REAL_SPLITS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "dev14",
    "dev15",
    "dev16",
    "dev17",
    "dev18",
    "dev19",
    "dev20",
    "dev21",
    "dev22",
    "dev23",
    "dev24",
    "dev25",
    "dev26",
    "dev27",
    "dev28",
    "dev29",
    "test",
)


def sentence_sha(text: str) -> str:
    """The hash a labelled sentence is stored under: sha256 of its words joined by one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class RealDoc:
    id: str
    split: str
    url: str
    sha256: str
    system: str | None
    claims: list[dict] = field(default_factory=list)  # at, sha256, k, f, h, sys


def load_real(folder: Path | None = None) -> list[RealDoc]:
    """The labelled real documents (pointers and hashed claims), in file order."""
    path = (folder or data_dir() / "labels" / "real") / "documents.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError("E604", path=path, reason="file not found") from None
    except yaml.YAMLError as exc:
        raise ConfigError("E604", path=path, reason=f"not valid YAML ({str(exc).splitlines()[0]})") from None
    docs = []
    for d in raw.get("documents") or []:
        if d.get("split") not in REAL_SPLITS:
            raise ConfigError("E604", path=path, reason=f"{d.get('id')}: split must be one of {', '.join(REAL_SPLITS)}")
        for c in d.get("claims") or []:
            if c.get("k") not in KINDS or c["k"] == "none":
                raise ConfigError("E604", path=path, reason=f"{d['id']}: claim kind {c.get('k')!r} is not a claim kind")
        docs.append(
            RealDoc(d["id"], d["split"], d.get("url", ""), d["sha256"], d.get("system"), list(d.get("claims") or []))
        )
    return docs


def find_document(folder: Path, doc: RealDoc) -> Path | None:
    """The local copy of `doc` in `folder`: `<id>.<ext>` (not `<id>.5.md`, another document's name)."""
    named = sorted(p for p in folder.glob(f"{glob.escape(doc.id)}.*") if p.is_file() and p.stem == doc.id)
    return named[0] if named else None


def _match(claims: list, gold: list[dict], exact: bool) -> dict[int, dict]:
    """Predicted sentence index -> gold claim: by sentence hash, else (text unchanged) by offsets."""
    by_sha: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_sha.setdefault(sentence_sha(c.sentence), []).append(i)
    out: dict[int, dict] = {}
    for g in gold:
        hit = next((i for i in by_sha.get(g["sha256"], []) if i not in out), None)
        if hit is None and exact and g.get("at"):
            a, b = g["at"]
            overlaps = [
                (min(b, c.end_char or 0) - max(a, c.start_char or 0), i)
                for i, c in enumerate(claims)
                if i not in out and c.start_char is not None
            ]
            best = max(overlaps, default=(0, None))
            hit = best[1] if best[0] > 0 else None
        if hit is not None:
            out[hit] = g
    return out


def _gold(doc: RealDoc, sentence: str, g: dict | None) -> Labelled:
    if g is None:
        return Labelled(doc.id, doc.split, "real", None, doc.url, sentence, "none", None, None, _figures(None, doc.id))
    return Labelled(
        doc.id,
        doc.split,
        "real",
        None,
        doc.url,
        sentence,
        g["k"],
        g["sys"] if "sys" in g else doc.system,
        g.get("h"),
        _figures(g.get("f"), doc.id),
    )


def keyword_baseline(sentences: list[str], lexicon) -> list[bool]:
    """The naive baseline: a sentence is a claim when any liveness word or speed unit occurs in it."""
    words = sorted({*lexicon.term_variants, "fps", "faster", "speedup", "speed-up", "latency"}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)
    return [bool(pattern.search(s)) for s in sentences]


def evaluate_real(folder: Path, models_dir: Path, split: str = "all", labels_folder: Path | None = None) -> dict:
    """The report on the real documents found in `folder` (a split of REAL_SPLITS, all, or e.g. dev+dev2)."""
    from liveaudit.classifier.evaluate import figure_report, kind_report, system_report
    from liveaudit.classifier.extraction import read_input
    from liveaudit.classifier.kind import load_kind_model
    from liveaudit.classifier.pipeline import Classifier

    if not folder.is_dir():
        raise InputError("E202", input=str(folder))
    docs = [d for d in load_real(labels_folder) if split == "all" or d.split in split.split("+")]
    clf = Classifier(kind_model=load_kind_model(models_dir))
    gold: list[Labelled] = []
    pred: list = []
    missing, changed, unmatched = [], [], 0
    for doc in docs:
        path = find_document(folder, doc)
        if path is None:
            missing.append(doc.id)
            continue
        read = read_input(str(path))
        text, title = read.text, read.title
        exact = text_sha(text) == doc.sha256
        if not exact:
            changed.append(doc.id)
        claims = clf.claims(text, title=title, source=doc.url, keep_none=True)
        matched = _match(claims, doc.claims, exact)
        unmatched += len(doc.claims) - len(matched)
        for i, c in enumerate(claims):
            gold.append(_gold(doc, c.sentence, matched.get(i)))
            pred.append(c)
        for g in doc.claims:  # a labelled claim the pipeline no longer yields counts as missed
            if g not in matched.values():
                gold.append(_gold(doc, "", g))
                pred.append(None)
    kinds_p = [c.kind if c is not None else "none" for c in pred]
    report = {
        "split": split,
        "documents": len(docs) - len(missing),
        "missing": missing,
        "changed": changed,
        "unmatched_claims": unmatched,
        "sentences": len(gold),
        "chosen_model": clf.version,
        "kind": kind_report([g.kind for g in gold], kinds_p),
    }
    pairs = [(g, c) for g, c in zip(gold, pred) if g.kind != "none"]
    from liveaudit.classifier.figures import Figures
    from liveaudit.classifier.pipeline import Claim

    empty = Claim(0, "", None, None, "none", 0.0, None, [], None, None, Figures())
    report["figures"] = figure_report([g for g, _ in pairs], [c or empty for _, c in pairs], clf.lexicon)
    report["system"] = system_report([g for g, _ in pairs], [c or empty for _, c in pairs])
    base = keyword_baseline([g.text for g in gold], clf.lexicon)
    report["baseline"] = kind_report([g.kind for g in gold], ["qualitative" if b else "none" for b in base])[
        "detection"
    ]
    report["errors"] = [
        {"doc": g.doc_id, "sentence": g.text, "gold": g.kind, "predicted": p}
        for g, p in zip(gold, kinds_p)
        if (g.kind == "none") != (p == "none")
    ]
    return report
