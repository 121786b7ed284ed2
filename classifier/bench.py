"""`liveaudit bench classify`: sentences per second, the full pipeline beside spaCy alone.

The corpus is generated (seeded) from the labelled sentences of data/labels, with
their numbers varied, laid out as Markdown documents (headings, paragraphs, bullet
lists, tables, code blocks) until it holds at least the asked number of sentences.
It is claim-dense (about 40 % of sentences pass the rule gate, far more than on real
pages), so the kind model's share of the time is an upper bound.
(a) spaCy's blank English tokenizer + sentencizer alone; (b) the full liveaudit
pipeline: Markdown blocks, rules, figure normalizer, system resolver, kind model.
"""

from __future__ import annotations

import os
import random
import re
import time

from liveaudit.classifier.labels import load_labels


def corpus(min_sentences: int = 20000, seed: int = 0) -> tuple[list[str], int]:
    """(documents, sentences written) of a generated Markdown corpus."""
    rng = random.Random(seed)
    pool = [x.text for x in load_labels()]
    docs, written = [], 0

    def vary(s: str) -> str:
        return re.sub(r"\d+(?:\.\d+)?", lambda m: str(round(float(m.group()) * rng.uniform(0.5, 2.0), 1 if "." in m.group() else None)), s)

    while written < min_sentences:
        parts = [f"# Generated page {len(docs) + 1}", ""]
        for _ in range(rng.randint(4, 8)):
            style = rng.random()
            if style < 0.55:
                sents = [vary(rng.choice(pool)) for _ in range(rng.randint(2, 6))]
                parts += [" ".join(sents), ""]
            elif style < 0.8:
                sents = [vary(rng.choice(pool)) for _ in range(rng.randint(2, 5))]
                parts += [f"- {s}" for s in sents] + [""]
            elif style < 0.92:
                sents = [f"Model{i} | {rng.randint(2, 60)} | RTX 4090" for i in range(rng.randint(2, 4))]
                parts += ["| Model | FPS | GPU |", "|---|---|---|"] + [f"| {s} |" for s in sents] + [""]
            else:
                parts += ["```python", "pipe = load('model')  # runs in real time at 30 fps", "```", ""]
                sents = []
            written += len(sents)
        docs.append("\n".join(parts))
    return docs, written


def bench(min_sentences: int = 20000, model: str | None = None) -> dict:
    """Time (a) and (b) on the same corpus in one run; returns the figures."""
    import spacy

    from liveaudit.classifier.pipeline import Classifier, models_dir

    docs, _ = corpus(int(min_sentences * 1.15))  # the sentencizer finds fewer sentences than were written
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    t0 = time.perf_counter()
    base_sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(docs, batch_size=64))
    base_s = time.perf_counter() - t0

    kind_model = None
    if model:
        from liveaudit.classifier.kind import load_kind_model
        kind_model = load_kind_model(models_dir(), model)
    clf = Classifier(kind_model=kind_model)
    clf.claims("Warm-up: it runs in real time at 20 fps on one H100.")  # the embedder loads outside the clock
    t0 = time.perf_counter()
    found = [clf.claims(d, keep_none=True) for d in docs]
    full_s = time.perf_counter() - t0
    full_sentences = sum(len(f) for f in found)
    candidates = sum(c.candidate for f in found for c in f)
    try:
        import torch
        threads = torch.get_num_threads()
    except ImportError:  # pragma: no cover - torch comes with the classifier extra
        threads = None
    return {
        "documents": len(docs),
        "baseline_sentences": base_sentences, "baseline_s": base_s,
        "baseline_sentences_per_s": base_sentences / base_s,
        "pipeline_sentences": full_sentences, "pipeline_s": full_s,
        "pipeline_sentences_per_s": full_sentences / full_s,
        "candidates": candidates, "claims": sum(c.kind != "none" for f in found for c in f),
        "ratio": (full_sentences / full_s) / (base_sentences / base_s),
        "kind_model": clf.version, "cpu_count": os.cpu_count(), "affinity_cpus": len(os.sched_getaffinity(0)),
        "torch_threads": threads,
    }
