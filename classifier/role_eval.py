"""Scores of the role reader on the hand-labelled thread sentences (data/labels/roles/).

`role_report(split)` reads every labelled post through `role.read_sentences` with its author's
side (vendor or not) and returns precision / recall / F1 per role, macro F1 over the four
roles, the confusion counts and the first errors. Labels are split by document; the rules
were written looking at train and dev only. Format: data/labels/roles/threads.yaml (top).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from liveaudit import config
from liveaudit.classifier.role import ROLES, VERSION, Speaker, read_sentences
from liveaudit.errors import ConfigError
from liveaudit.yamlfile import load_yaml


def labels_dir() -> Path:
    return config.data_dir() / "labels" / "roles"


def load_role_labels(folder: Path | None = None) -> list[dict]:
    """The labelled documents of every *.yaml in the folder; E003 names a malformed file."""
    docs = []
    for path in sorted((folder or labels_dir()).glob("*.yaml")):
        try:
            raw = load_yaml(path) or {}
            for doc in raw["documents"]:
                assert doc["split"] in ("train", "dev", "test") and doc["posts"]
                for post in doc["posts"]:
                    assert all(role in ROLES and isinstance(text, str) for role, text in post["s"])
                docs.append({**doc, "file": path.name})
        except ConfigError:
            raise
        except (OSError, KeyError, TypeError, ValueError, AssertionError) as exc:
            raise ConfigError(
                "E003", path=str(path), reason=f"not a role labels file ({type(exc).__name__}: {exc})"
            ) from None
    return docs


def role_report(split: str = "test", folder: Path | None = None) -> dict:
    gold, pred, errors = [], [], []
    docs = [d for d in load_role_labels(folder) if d["split"] == split]
    for doc in docs:
        thread = doc.get("kind") in ("issue_thread", "third_party", "forum", "discussion")
        for post in doc["posts"]:
            sentences = [(text, False) for _, text in post["s"]]
            got = read_sentences(sentences, Speaker(vendor=bool(post.get("vendor")), thread=thread))
            for (role, text), s in zip(post["s"], got):
                gold.append(role)
                pred.append(s.role)
                if role != s.role and len(errors) < 30:
                    errors.append({"doc": doc["id"], "sentence": text, "gold": role, "predicted": s.role})
    per_role = {}
    for role in ROLES:
        tp = sum(g == p == role for g, p in zip(gold, pred))
        fp = sum(p == role and g != role for g, p in zip(gold, pred))
        fn = sum(g == role and p != role for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_role[role] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": gold.count(role),
        }
    return {
        "version": VERSION,
        "split": split,
        "documents": len(docs),
        "sentences": len(gold),
        "roles": per_role,
        "macro_f1": round(sum(r["f1"] for r in per_role.values()) / len(ROLES), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else 0.0,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(Counter(zip(gold, pred)).items()) if g != p},
        "errors": errors,
    }
