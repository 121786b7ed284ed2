"""The hand-labelled sentences (data/labels/*.yaml) and their split by document.

Format and labelling conventions: data/labels/README.md. The split is by document so
that sentences of one page never sit on both sides. Documents are taken in the order
of the sha256 of their id and each goes to the split (70 % train, 15 % dev, 15 % test)
whose claim kinds are furthest below their share, so that every kind has examples in
dev and test (iterative stratification; a document's own `split:` wins). splits.yaml
freezes the split of the documents that existed when it was written, so adding
documents never moves an old one (a test sentence never slides into train).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from liveaudit.classifier.figures import FIELDS
from liveaudit.config import data_dir
from liveaudit.errors import ConfigError
from liveaudit.vocab import CLAIM_KINDS as KINDS  # the one copy of the kind names

SPLITS = ("train", "dev", "test")


@dataclass
class Labelled:
    doc_id: str
    split: str
    style: str
    title: str | None
    source: str | None
    text: str
    kind: str
    system: str | None
    hedge: str | None
    figures: dict = field(default_factory=dict)  # every FIELDS key, null where not stated
    templated: bool = False


SHARES = {"train": 0.70, "dev": 0.15, "test": 0.15}


SPLITS_FILE = "splits.yaml"


def assign_splits(docs: dict[str, list[str]], fixed: dict[str, str] | None = None) -> dict[str, str]:
    """Document id -> split, from each document's list of sentence kinds (deterministic).

    Documents in `fixed` keep their split and count towards the shares; the others are
    placed in the order of the sha256 of their id.
    """
    fixed = {d: s for d, s in (fixed or {}).items() if d in docs}
    totals: dict[str, int] = {}
    for kinds in docs.values():
        for k in kinds:
            totals[k] = totals.get(k, 0) + 1
    have = {s: {k: 0 for k in totals} for s in SHARES}
    out = dict(fixed)
    for doc_id, split in fixed.items():
        for k in docs[doc_id]:
            have[split][k] += 1
    for doc_id in sorted((d for d in docs if d not in fixed), key=lambda d: hashlib.sha256(d.encode()).hexdigest()):
        kinds = docs[doc_id]

        def need(split: str, kinds: list = kinds) -> float:
            return sum(max(0.0, SHARES[split] * totals[k] - have[split][k]) / totals[k] for k in kinds)

        best = max(SHARES, key=lambda s: (need(s), SHARES[s]))
        out[doc_id] = best
        for k in kinds:
            have[best][k] += 1
    return out


def _figures(raw: dict | None, where: str) -> dict:
    raw = raw or {}
    unknown = set(raw) - set(FIELDS)
    if unknown:
        raise ConfigError("E604", path=where, reason=f"unknown figure keys {sorted(unknown)}")
    out = {k: raw.get(k) for k in FIELDS}
    for k in ("fps", "fps_max", "latency_s", "compute_s_per_video_s", "duration_s", "speedup"):
        if out[k] is not None:
            out[k] = float(out[k])
    if out["speedup_baseline"] is not None:
        out["speedup_baseline"] = str(out["speedup_baseline"])
    return out


def frozen_splits(folder: Path) -> dict[str, str]:
    """The frozen document -> split map of `folder`/splits.yaml (empty when absent)."""
    path = folder / SPLITS_FILE
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError("E604", path=path, reason=f"not valid YAML ({str(exc).splitlines()[0]})") from None
    frozen = raw.get("frozen") or {}
    bad = {d: s for d, s in frozen.items() if s not in SPLITS}
    if bad:
        raise ConfigError("E604", path=path, reason=f"splits must be one of {', '.join(SPLITS)}: {bad}")
    return {str(d): str(s) for d, s in frozen.items()}


def load_labels(folder: Path | None = None) -> list[Labelled]:
    """Every labelled sentence under `folder` (default data/labels), in file order."""
    folder = folder or data_dir() / "labels"
    out: list[Labelled] = []
    seen: set[str] = set()
    fixed: dict[str, str] = {}
    frozen = frozen_splits(folder)
    for path in sorted(folder.glob("*.yaml")):
        if path.name == SPLITS_FILE:
            continue
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError("E604", path=path, reason=f"not valid YAML ({str(exc).splitlines()[0]})") from None
        for doc in raw.get("documents") or []:
            doc_id = doc["id"]
            if doc_id in seen:
                raise ConfigError("E604", path=path, reason=f"document id {doc_id!r} is used twice")
            seen.add(doc_id)
            split = doc.get("split") or ""
            if split:
                fixed[doc_id] = split
            for item in doc.get("sentences") or []:
                if isinstance(item, str):
                    item = {"k": "none", "s": item}
                kind = item.get("k")
                if kind not in KINDS:
                    raise ConfigError(
                        "E604", path=path, reason=f"{doc_id}: kind {kind!r} is not one of {', '.join(KINDS)}"
                    )
                out.append(
                    Labelled(
                        doc_id=doc_id,
                        split=split,
                        style=doc.get("style", ""),
                        title=doc.get("title"),
                        source=doc.get("source"),
                        text=item["s"],
                        kind=kind,
                        system=item["sys"] if "sys" in item else doc.get("system"),
                        hedge=item.get("h"),
                        figures=_figures(item.get("f"), f"{path}: {doc_id}"),
                        templated=bool(doc.get("templated")),
                    )
                )
    kinds: dict[str, list[str]] = {}
    for x in out:
        kinds.setdefault(x.doc_id, []).append(x.kind)
    auto = assign_splits({d: k for d, k in kinds.items() if d not in fixed}, frozen)
    for x in out:
        x.split = fixed.get(x.doc_id) or auto[x.doc_id]
    return out


def by_split(labels: list[Labelled]) -> dict[str, list[Labelled]]:
    return {s: [x for x in labels if x.split == s] for s in SPLITS}
