"""`liveaudit classify --evaluate`: the classifier scored on the held-out test split.

Reports, on the test documents of data/labels (never used to fit the models or to tune
the rules): precision / recall / F1 per kind and their macro average, for each kind
model (the chosen one and the other); claim detection (kind != none) P/R/F1; per
figure field, exact-match accuracy over gold claims and P/R/F1 of stated values;
system resolution accuracy over gold claims; and the confusion matrix.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

from liveaudit.classifier.figures import FIELDS
from liveaudit.classifier.kind import MODELS
from liveaudit.classifier.labels import Labelled, by_split, load_labels
from liveaudit.classifier.pipeline import SPEED_QUANTITIES
from liveaudit.vocab import CLAIM_KINDS as KINDS

FIGURE_FIELDS = (*FIELDS, "hedge")


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def kind_report(gold: list[str], pred: list[str]) -> dict:
    per = {}
    for k in KINDS:
        tp = sum(g == k and p == k for g, p in zip(gold, pred))
        fp = sum(g != k and p == k for g, p in zip(gold, pred))
        fn = sum(g == k and p != k for g, p in zip(gold, pred))
        per[k] = prf(tp, fp, fn)
    present = [k for k in KINDS if per[k]["support"]]
    claims = [k for k in KINDS if k != "none"]
    tp = sum(g != "none" and p != "none" for g, p in zip(gold, pred))
    fp = sum(g == "none" and p != "none" for g, p in zip(gold, pred))
    fn = sum(g != "none" and p == "none" for g, p in zip(gold, pred))
    return {
        "per_kind": per,
        "macro_f1": round(sum(per[k]["f1"] for k in present) / len(present), 4) if present else 0.0,
        "claim_kinds_macro_f1": round(sum(per[k]["f1"] for k in claims) / len(claims), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else 0.0,
        "detection": prf(tp, fp, fn),
        "confusion": {g: {p: sum(a == g and b == p for a, b in zip(gold, pred)) for p in KINDS} for g in KINDS},
    }


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-3, abs_tol=1e-9)
    return str(a).strip().lower() == str(b).strip().lower()


# hedge spellings of LABELING.md and of data/labels/README.md that mean the same
HEDGE_SAME = {
    "less than": "under",
    "within": "under",
    "around": "about",
    "approximately": "about",
    "or more": "over",
    "almost": "near",
}


def _canon(name: str, value, lexicon):
    """A figure value in the one spelling both label sets compare in (GPU alias, hedge synonym)."""
    if value is None:
        return None
    if name == "gpu" and lexicon is not None:
        return lexicon.hardware.get(str(value).strip().lower(), value)
    if name == "hedge":
        return HEDGE_SAME.get(str(value).strip().lower(), value)
    return value


def figure_report(gold: list[Labelled], claims: list, lexicon=None) -> dict:
    """Per field over gold claims: exact-match accuracy (null = null counts) and P/R/F1 of values;
    `_summary`: accuracy over every (claim, field) pair either side states (the headline figure,
    blind to the many fields both leave empty) and over all pairs."""
    out = {}
    stated = stated_ok = total = total_ok = 0
    for name in FIGURE_FIELDS:
        exact = tp = fp = fn = 0
        for g, c in zip(gold, claims):
            want = _canon(name, g.hedge if name == "hedge" else g.figures[name], lexicon)
            got = _canon(name, c.hedge if name == "hedge" else getattr(c.figures, name), lexicon)
            ok = same(want, got)
            exact += ok
            total += 1
            total_ok += ok
            if want is not None or got is not None:
                stated += 1
                stated_ok += ok
            if want is not None and ok:
                tp += 1
            else:
                fp += got is not None
                fn += want is not None
        out[name] = {"exact_match": round(exact / len(gold), 4) if gold else 0.0, **prf(tp, fp, fn)}
    out["_summary"] = {
        "stated_field_accuracy": round(stated_ok / stated, 4) if stated else 0.0,
        "stated_fields": stated,
        "all_field_accuracy": round(total_ok / total, 4) if total else 0.0,
    }
    return out


@functools.lru_cache(maxsize=4)
def _alias_table(sha256: str) -> dict[str, str]:
    from liveaudit.classifier.lexicon import load_lexicon

    return {alias.lower(): canon for alias, canon in load_lexicon().systems.items()}


def _registry_name(name: str | None) -> str | None:
    """A gold name as the registry spells it ("Veo-3 Fast" -> "Veo 3 Fast"); unknown names as written."""
    if name is None:
        return None
    from liveaudit.classifier.lexicon import load_lexicon

    return _alias_table(load_lexicon().sha256).get(name.strip().lower(), name)


def named(gold: str | None, claim) -> bool:
    """The claim names the gold system: its registry system (the gold name read through the
    registry's aliases), or, where the registry knows none, the name as written (a system outside
    the registry is kept as written, not guessed)."""
    gold = _registry_name(gold)
    if same(gold, claim.system):
        return True
    mention = getattr(claim, "system_mention", None)
    squeeze = lambda t: re.sub(r"[^a-z0-9+]", "", str(t).lower())  # noqa: E731  "Open Avatar Chat" is OpenAvatarChat
    return gold is not None and claim.system is None and mention is not None and squeeze(gold) == squeeze(mention)


def system_report(gold: list[Labelled], claims: list) -> dict:
    hits = sum(named(g.system, c) for g, c in zip(gold, claims))
    resolved = sum(c.system is not None for c in claims)
    right_resolved = sum(c.system is not None and same(g.system, c.system) for g, c in zip(gold, claims))
    return {
        "accuracy": round(hits / len(gold), 4) if gold else 0.0,
        "support": len(gold),
        "precision_of_resolved": round(right_resolved / resolved, 4) if resolved else 0.0,
        "unresolved": len(gold) - resolved,
    }


def doc_texts(labels: list[Labelled]) -> list[str]:
    """Each sentence's document text (its document's labelled sentences joined)."""
    joined: dict[str, list[str]] = {}
    for x in labels:
        joined.setdefault(x.doc_id, []).append(x.text)
    return [" ".join(joined[x.doc_id]) for x in labels]


def gate_report(clf, labels: list[Labelled]) -> dict:
    """The rule gate over every labelled sentence (all splits): how many gold claims it
    would keep from the kind model (they would be tagged none), and the share it passes."""
    rules = clf.nlp
    claims = [
        any(t for t in doc.spans["liveness_terms"])
        or bool({q.label_ for q in doc.spans["quantities"]} & SPEED_QUANTITIES)
        for doc in rules.pipe([x.text for x in labels], batch_size=256)
    ]
    gold = [x.kind != "none" for x in labels]
    dropped = [x.text for x, g, c in zip(labels, gold, claims) if g and not c]
    return {
        "labelled_sentences": len(labels),
        "labelled_claims": sum(gold),
        "claims_dropped": len(dropped),
        "dropped": dropped,
        "passed_share": round(sum(claims) / len(labels), 4) if labels else 0.0,
    }


def evaluate(models_dir: Path, split: str = "test", labels_dir: Path | None = None) -> dict:
    """The full report for `split` (a dict; the CLI prints it and stores it on the run)."""
    from liveaudit.classifier.kind import load_kind_model
    from liveaudit.classifier.pipeline import Classifier, kind_input

    labels = by_split(load_labels(labels_dir))[split]
    chosen = load_kind_model(models_dir)
    clf = Classifier(kind_model=chosen)
    claims = clf.sentences(
        [x.text for x in labels], [x.title for x in labels], [x.source for x in labels], doc_texts(labels)
    )
    gold_kinds = [x.kind for x in labels]
    report = {
        "split": split,
        "sentences": len(labels),
        "documents": len({x.doc_id for x in labels}),
        "chosen_model": chosen.version,
        "lexicon_version": clf.lexicon.version,
        "models": {},
    }
    candidates = [i for i, c in enumerate(claims) if c.candidate]
    inputs = [kind_input(claims[i]) for i in candidates]
    for name, cls in MODELS.items():
        folder = models_dir / f"kind-{name}"
        if not folder.exists():
            continue
        model = chosen if isinstance(chosen, cls) else cls.load(folder)
        pred = ["none"] * len(claims)
        for i, (kind, _) in zip(candidates, model.predict(inputs)):
            pred[i] = kind
        report["models"][name] = {"version": model.version, **kind_report(gold_kinds, pred)}
    pred = [c.kind for c in claims]
    report["kind"] = kind_report(gold_kinds, pred)
    gold_claims = [(g, c) for g, c in zip(labels, claims) if g.kind != "none"]
    report["figures"] = figure_report([g for g, _ in gold_claims], [c for _, c in gold_claims], clf.lexicon)
    report["system"] = system_report([g for g, _ in gold_claims], [c for _, c in gold_claims])
    report["candidate_recall"] = (
        round(sum(c.candidate for _, c in gold_claims) / len(gold_claims), 4) if gold_claims else 0.0
    )
    report["gate"] = gate_report(clf, load_labels(labels_dir))
    from liveaudit.classifier.role_eval import role_report  # who speaks: claim / report / quoted / none

    report["roles"] = role_report(split)
    report["errors"] = [
        {"doc": g.doc_id, "sentence": g.text, "gold": g.kind, "predicted": c.kind}
        for g, c in zip(labels, claims)
        if g.kind != c.kind
    ][:50]
    return report
