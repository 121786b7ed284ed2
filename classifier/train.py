"""Train both claim-kind models on data/labels and keep the better one by dev macro-F1.

    python -m liveaudit.classifier.train [--out data/models] [--version-date 2026-11-26] [--revision 2] [--record-test]

Fits spaCy textcat (bag of n-grams, exclusive classes) and a logistic regression on
MiniLM embeddings + rule cues, each on the candidate sentences of the train split (the
sentences the rule gate passes to a kind model), picks epochs / C / class weights / cue
scale on dev, and writes both models and data/models/kind.json (chosen model, versions,
dev scores; test scores too with --record-test, never used to choose). Seeds are fixed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

import numpy as np

from liveaudit.classifier.evaluate import kind_report
from liveaudit.classifier.kind import CUES, CascadeKind, KindInput, LrMiniLMKind, TextcatKind, rule_kind
from liveaudit.classifier.labels import by_split, load_labels
from liveaudit.vocab import CLAIM_KINDS as KINDS


class _RulesOnly:
    version = "rules-only"

    def predict(self, inputs):
        return [("none", 1.0)] * len(inputs)


def candidates(split: list) -> tuple[list[KindInput], list[str], list[int], int]:
    """(inputs, gold kinds, their sentence indices, sentence count) of a split's candidates."""
    from liveaudit.classifier.evaluate import doc_texts
    from liveaudit.classifier.pipeline import Classifier, kind_input

    clf = Classifier(kind_model=_RulesOnly())
    # as in evaluate(): the document's title, source and text help resolve the system
    claims = clf.sentences(
        [x.text for x in split], [x.title for x in split], [x.source for x in split], doc_texts(split)
    )
    from liveaudit.classifier.kind import vetoed

    # the candidates the scope rules pass: the only ones a kind model ever sees
    idx = [i for i, c in enumerate(claims) if c.candidate and vetoed(kind_input(c)) is None]
    return [kind_input(claims[i]) for i in idx], [split[i].kind for i in idx], idx, len(split)


def _full(pred: list[str], idx: list[int], n: int) -> list[str]:
    out = ["none"] * n
    for i, k in zip(idx, pred):
        out[i] = k
    return out


def train_textcat(train, dev, version: str, epochs: int = 30) -> tuple[TextcatKind, dict]:
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(0)
    (x_tr, y_tr, _, _), (x_dev, _y_dev, i_dev, n_dev), dev_gold = train, dev[:4], dev[4]
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 262144,
            }
        },
    )
    examples = [
        Example.from_dict(nlp.make_doc(x.marked()), {"cats": {k: float(k == y) for k in KINDS}})
        for x, y in zip(x_tr, y_tr)
    ]
    nlp.initialize(lambda: examples)
    best, best_bytes, rng = -1.0, None, random.Random(0)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, drop=0.2)
        model = TextcatKind(nlp, version)
        score = _score(kind_report(dev_gold, _full([k for k, _ in model.predict(x_dev)], i_dev, n_dev)))
        if score > best:
            best, best_bytes = score, nlp.to_bytes()
    nlp.from_bytes(best_bytes)
    return TextcatKind(nlp, version), {"dev_selection_score": round(best, 4), "epochs": epochs}


def _score(report: dict) -> float:
    """The dev selection score: kind macro-F1 plus claim detection F1 (both count)."""
    return report["macro_f1"] + report["detection"]["f1"]


def train_lr(train, dev, version: str) -> tuple[LrMiniLMKind, dict]:
    from sklearn.linear_model import LogisticRegression

    (x_tr, y_tr, _, _), (x_dev, _y_dev, i_dev, n_dev), dev_gold = train, dev[:4], dev[4]
    best = None
    for scale in (0.25, 0.5, 1.0):
        f_tr, f_dev = LrMiniLMKind.features(x_tr, CUES, scale), LrMiniLMKind.features(x_dev, CUES, scale)
        for c, weight in [(c, w) for w in ("balanced", None) for c in (0.3, 1.0, 3.0, 10.0, 30.0)]:
            lr = LogisticRegression(C=c, max_iter=5000, class_weight=weight, random_state=0).fit(f_tr, y_tr)
            model = LrMiniLMKind(
                lr.coef_.astype(np.float32), lr.intercept_.astype(np.float32), list(lr.classes_), version, CUES, scale
            )
            logits = f_dev @ model.coef.T + model.intercept
            pred = [rule_kind(x, model.classes[i]) for x, i in zip(x_dev, logits.argmax(axis=1))]
            report = kind_report(dev_gold, _full(pred, i_dev, n_dev))
            if best is None or _score(report) > best[0]:
                best = (_score(report), c, weight, scale, model, report)
    _, c, weight, scale, model, report = best
    return model, {"dev_selection_score": round(best[0], 4), "C": c, "class_weight": weight, "cue_scale": scale}


def pick_cascade(textcat: TextcatKind, lr: LrMiniLMKind, dev, version: str) -> tuple[CascadeKind, dict]:
    """The cascade's threshold: the best dev score, the lowest threshold on a tie (fewest MiniLM calls)."""
    (x_dev, _, i_dev, n_dev), dev_gold = dev[:4], dev[4]
    first, second = textcat.predict(x_dev), lr.predict(x_dev)
    best = None
    for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 1.01):
        pred = [a if p >= t else b for (a, p), (b, _) in zip(first, second)]
        score = round(_score(kind_report(dev_gold, _full(pred, i_dev, n_dev))), 4)
        if best is None or score > best[0]:
            best = (score, t, sum(p < t for _, p in first) / max(1, len(first)))
    return CascadeKind(textcat, lr, best[1], version), {
        "dev_selection_score": best[0],
        "threshold": best[1],
        "dev_share_to_lr": round(best[2], 4),
    }


def split_figures(models_dir: Path, model, split: str) -> dict:
    """Macro-F1 and detection P/R/F1 of `model` on a split (through the rule gate)."""
    splits = by_split(load_labels())
    inputs, _, idx, n = candidates(splits[split])
    pred = _full([k for k, _ in model.predict(inputs)], idx, n)
    report = kind_report([x.kind for x in splits[split]], pred)
    return {"macro_f1": report["macro_f1"], "detection": report["detection"]}


def train(out: Path, date: str | None = None, revision: int = 1, record_test: bool = False) -> dict:
    """Fit both models, save them under `out`, write kind.json; returns the summary.

    The choice and every hyper-parameter come from dev. With `record_test`, both saved
    models are then scored on test once and the figures written to kind.json (for the
    record only; nothing is picked by them).
    """
    splits = by_split(load_labels())
    date = date or dt.date.today().isoformat()
    train_c = candidates(splits["train"])
    dev_c = candidates(splits["dev"])
    dev = (*dev_c, [x.kind for x in splits["dev"]])
    results, models = {}, {}
    textcat, info = train_textcat(train_c, dev, f"kind-textcat@{date}.{revision}")
    textcat.save(out / "kind-textcat")
    models["textcat"] = textcat
    results["textcat"] = {"version": textcat.version, **info}
    lr, info = train_lr(train_c, dev, f"kind-lr-minilm@{date}.{revision}")
    lr.save(out / "kind-lr-minilm")
    models["lr-minilm"] = lr
    results["lr-minilm"] = {"version": lr.version, **info}
    cascade, info = pick_cascade(textcat, lr, dev, f"kind-cascade@{date}.{revision}")
    cascade.save(out / "kind-cascade")
    models["cascade"] = cascade
    results["cascade"] = {"version": cascade.version, **info}
    for name, model in models.items():
        results[name]["dev"] = split_figures(out, model, "dev")
        if record_test:
            results[name]["test"] = split_figures(out, model, "test")
    speed = {"textcat": 2, "cascade": 1, "lr-minilm": 0}  # a tie goes to the faster one
    chosen = max(
        results,
        key=lambda k: (round(results[k]["dev"]["macro_f1"] + results[k]["dev"]["detection"]["f1"], 4), speed[k]),
    )
    summary = {
        "chosen": chosen,
        "selected_by": "dev kind macro-F1 + dev claim detection F1 (through the rule gate)",
        "models": results,
        "cues": list(CUES),
        "train_sentences": len(splits["train"]),
        "train_candidates": len(train_c[0]),
        "dev_sentences": len(splits["dev"]),
        "test_sentences": len(splits["test"]),
    }
    (out / "kind.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def main() -> None:
    from liveaudit.config import repo_root

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=repo_root() / "data" / "models")
    parser.add_argument("--version-date", default=None)
    parser.add_argument("--revision", type=int, default=1, help="the N of the version string <date>.N")
    parser.add_argument("--record-test", action="store_true", help="also score both models on test, for kind.json only")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(json.dumps(train(args.out, args.version_date, args.revision, args.record_test), indent=2))


if __name__ == "__main__":
    main()
