"""Train both claim-kind models on data/labels and keep the better one by dev macro-F1.

    python -m liveaudit.classifier.train [--out data/models] [--version-date 2026-11-26]

Fits spaCy textcat (bag of n-grams, exclusive classes) and a logistic regression on
MiniLM embeddings, each on the candidate sentences of the train split (the sentences
the rules pass to a kind model), picks epochs / C on dev, and writes both models and
data/models/kind.json (chosen model, versions, dev scores). Seeds are fixed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

import numpy as np

from liveaudit.classifier.evaluate import kind_report
from liveaudit.classifier.kind import KINDS, KindInput, LrMiniLMKind, TextcatKind
from liveaudit.classifier.labels import by_split, load_labels


class _RulesOnly:
    version = "rules-only"

    def predict(self, inputs):
        return [("none", 1.0)] * len(inputs)


def candidates(split: list) -> tuple[list[KindInput], list[str], list[int], int]:
    """(inputs, gold kinds, their sentence indices, sentence count) of a split's candidates."""
    from liveaudit.classifier.pipeline import Classifier, kind_input

    clf = Classifier(kind_model=_RulesOnly())
    claims = clf.sentences([x.text for x in split])
    idx = [i for i, c in enumerate(claims) if c.candidate]
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
    (x_tr, y_tr, _, _), (x_dev, y_dev, i_dev, n_dev), dev_gold = train, dev[:4], dev[4]
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                                              "ngram_size": 2, "no_output_layer": False, "length": 262144}})
    examples = [Example.from_dict(nlp.make_doc(x.marked()), {"cats": {k: float(k == y) for k in KINDS}}) for x, y in zip(x_tr, y_tr)]
    nlp.initialize(lambda: examples)
    best, best_bytes, rng = -1.0, None, random.Random(0)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, drop=0.2)
        model = TextcatKind(nlp, version)
        score = kind_report(dev_gold, _full([k for k, _ in model.predict(x_dev)], i_dev, n_dev))["macro_f1"]
        if score > best:
            best, best_bytes = score, nlp.to_bytes()
    nlp.from_bytes(best_bytes)
    return TextcatKind(nlp, version), {"dev_macro_f1": best}


def train_lr(train, dev, version: str) -> tuple[LrMiniLMKind, dict]:
    from sklearn.linear_model import LogisticRegression

    (x_tr, y_tr, _, _), (x_dev, y_dev, i_dev, n_dev), dev_gold = train, dev[:4], dev[4]
    f_tr, f_dev = LrMiniLMKind.features(x_tr), LrMiniLMKind.features(x_dev)
    best = None
    for c, weight in [(c, w) for w in ("balanced", None) for c in (0.3, 1.0, 3.0, 10.0, 30.0)]:
        lr = LogisticRegression(C=c, max_iter=5000, class_weight=weight, random_state=0).fit(f_tr, y_tr)
        model = LrMiniLMKind(lr.coef_.astype(np.float32), lr.intercept_.astype(np.float32), list(lr.classes_), version)
        logits = f_dev @ model.coef.T + model.intercept
        pred = [model.classes[i] for i in logits.argmax(axis=1)]
        score = kind_report(dev_gold, _full(pred, i_dev, n_dev))["macro_f1"]
        if best is None or score > best[0]:
            best = (score, c, weight, model)
    return best[3], {"dev_macro_f1": best[0], "C": best[1], "class_weight": best[2]}


def train(out: Path, date: str | None = None) -> dict:
    """Fit both models, save them under `out`, write kind.json; returns the summary."""
    splits = by_split(load_labels())
    date = date or dt.date.today().isoformat()
    train_c = candidates(splits["train"])
    dev_c = candidates(splits["dev"])
    dev = (*dev_c, [x.kind for x in splits["dev"]])
    results = {}
    textcat, info = train_textcat(train_c, dev, f"kind-textcat@{date}.1")
    textcat.save(out / "kind-textcat")
    results["textcat"] = {"version": textcat.version, **info}
    lr, info = train_lr(train_c, dev, f"kind-lr-minilm@{date}.1")
    lr.save(out / "kind-lr-minilm")
    results["lr-minilm"] = {"version": lr.version, **info}
    chosen = max(results, key=lambda k: (results[k]["dev_macro_f1"], k == "textcat"))  # a tie goes to the faster one
    summary = {"chosen": chosen, "selected_by": "dev macro-F1 over all dev sentences", "models": results,
               "train_sentences": len(splits["train"]), "train_candidates": len(train_c[0]),
               "dev_sentences": len(splits["dev"])}
    (out / "kind.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def main() -> None:
    from liveaudit.config import repo_root

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=repo_root() / "data" / "models")
    parser.add_argument("--version-date", default=None)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(json.dumps(train(args.out, args.version_date), indent=2))


if __name__ == "__main__":
    main()
