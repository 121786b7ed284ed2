"""`liveaudit bench classify`: sentences per second, the full pipeline beside spaCy alone.

The corpus is generated (seeded) as Markdown documents (headings, paragraphs, bullet
lists, tables, code blocks) from two pools of sentences, both read through the rule
gate: candidates (a liveness term or a speed figure: they go to the kind model) and
the rest (kind none without a model call). The pools are the labelled sentences of
data/labels plus every sentence of the fixture site's pages (data/fixture_site/site),
numbers varied. Sentences are drawn so that the corpus has the fixture site's share of
candidates, measured here on its pages (about 21 %; its pages are all about video
generators, so real crawls have fewer). (a) spaCy's blank English tokenizer +
sentencizer alone; (b) the full liveaudit pipeline: Markdown blocks, rules, figure
normalizer, system resolver, kind model behind the gate, documents handed over in
chunks of CLASSIFY_BATCH_DOCUMENTS as `liveaudit classify` does. (b) runs with the embedding
cache off, so every candidate sentence the MiniLM sees is embedded (the pools repeat,
real pages repeat less); a second run with the cache on reports its hit rate; and, with
more than one usable CPU, (b) runs again in one process per CPU (one torch thread each,
documents dealt round-robin), which is how `liveaudit classify --queue` uses more cores.
"""

from __future__ import annotations

import os
import random
import re
import time
from pathlib import Path

from liveaudit import config
from liveaudit.classifier.labels import load_labels


def fixture_sentences(clf) -> tuple[list[str], list[str]]:
    """(candidate, other) sentences of the fixture site's pages, through the rule gate."""
    from liveaudit.classifier.html import html_to_text
    from liveaudit.config import data_dir

    cand, other = [], []
    for path in sorted(Path(data_dir() / "fixture_site" / "site").rglob("*")):
        if path.suffix not in (".html", ".md", ".txt") or not path.is_file():
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        text = html_to_text(raw)[0] if path.suffix == ".html" else raw
        for c in clf.claims(text, keep_none=True):
            (cand if c.candidate else other).append(c.sentence)
    return cand, other


def corpus(
    min_sentences: int = 20000, seed: int = 0, share: float = 0.21, pools: tuple[list[str], list[str]] | None = None
) -> tuple[list[str], int]:
    """(documents, sentences written) of a generated Markdown corpus, `share` of them candidates."""
    rng = random.Random(seed)
    if pools is None:
        labels = load_labels()
        pools = ([x.text for x in labels if x.kind != "none"], [x.text for x in labels if x.kind == "none"])
    cand, other = pools
    docs, written = [], 0

    def vary(s: str) -> str:
        return re.sub(
            r"\d+(?:\.\d+)?",
            lambda m: str(round(float(m.group()) * rng.uniform(0.5, 2.0), 1 if "." in m.group() else None)),
            s,
        )

    def draw() -> str:
        return vary(rng.choice(cand if rng.random() < share else other))

    while written < min_sentences:
        parts = [f"# Generated page {len(docs) + 1}", ""]
        for _ in range(rng.randint(4, 8)):
            style = rng.random()
            if style < 0.6:
                sents = [draw() for _ in range(rng.randint(2, 6))]
                parts += [" ".join(s if s[-1:] in ".!?" else s + "." for s in sents), ""]
            elif style < 0.85:
                sents = [draw() for _ in range(rng.randint(2, 5))]
                parts += [f"- {s}" for s in sents] + [""]
            elif style < 0.88:
                sents = [f"Model{i} | {rng.randint(2, 60)} | RTX 4090" for i in range(rng.randint(2, 4))]
                parts += ["| Model | FPS | GPU |", "|---|---|---|"] + [f"| {s} |" for s in sents] + [""]
            else:
                parts += ["```python", "pipe = load('model')  # runs in real time at 30 fps", "```", ""]
                sents = []
            written += len(sents)
        docs.append("\n".join(parts))
    return docs, written


def _run(clf, docs: list[str], batch: int) -> tuple[float, list]:
    """Documents in chunks of `batch`, as `liveaudit classify` hands them to the classifier."""
    t0 = time.perf_counter()
    found = []
    for start in range(0, len(docs), batch):
        found += clf.claims_many([(d, None, None) for d in docs[start : start + batch]], keep_none=True)
    return time.perf_counter() - t0, found


def _worker(conn, model: str | None, batch: int) -> None:
    """A (b) process: load the pipeline, say ready, then classify the documents it is sent."""
    from liveaudit.classifier.kind import embedder, load_kind_model
    from liveaudit.classifier.pipeline import Classifier, models_dir

    clf = Classifier(kind_model=load_kind_model(models_dir(), model) if model else None)
    if clf.kind_model.name in ("lr-minilm", "cascade"):
        embedder().cache_size = 0
    clf.claims("Warm-up: it runs in real time at 20 fps on one H100.")
    conn.send("ready")
    docs = conn.recv()
    calls = getattr(clf.kind_model, "calls", None)
    before = dict(calls) if calls else {}
    seconds, found = _run(clf, docs, batch)
    candidates = sum(c.candidate for f in found for c in f)
    minilm = (
        (calls["lr-minilm"] - before["lr-minilm"])
        if calls
        else (candidates if clf.kind_model.name == "lr-minilm" else 0)
    )
    conn.send(
        {
            "seconds": seconds,
            "sentences": sum(map(len, found)),
            "candidates": candidates,
            "minilm": minilm,
            "claims": sum(c.kind != "none" for f in found for c in f),
        }
    )
    conn.close()


def _parallel(docs: list[str], workers: int, model: str | None, batch: int) -> dict:
    """(b) in `workers` processes, each one torch thread, documents dealt round-robin; wall time
    from the moment all are loaded to the last one done (as `liveaudit classify --queue` workers)."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    pipes, procs = [], []
    for _ in range(workers):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(child, model, batch), daemon=True)
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    try:
        for conn in pipes:
            conn.recv()  # ready: models loaded, outside the clock
        t0 = time.perf_counter()
        for i, conn in enumerate(pipes):
            conn.send(docs[i::workers])
        parts = [conn.recv() for conn in pipes]
        wall = time.perf_counter() - t0
    finally:
        for proc in procs:
            proc.join(timeout=30)
    total = {k: sum(p[k] for p in parts) for k in ("sentences", "candidates", "minilm", "claims")}
    return {"workers": workers, "seconds": wall, **total, "sentences_per_s": total["sentences"] / wall}


def bench(min_sentences: int = 20000, model: str | None = None, workers: int | None = None) -> dict:
    """Time (a) and (b) on the same corpus in one run; returns the figures."""
    import spacy

    from liveaudit.classifier.kind import embedder, load_kind_model
    from liveaudit.classifier.pipeline import Classifier, models_dir

    clf = Classifier(kind_model=load_kind_model(models_dir(), model) if model else None)
    fix_cand, fix_other = fixture_sentences(clf)
    fixture_share = len(fix_cand) / max(1, len(fix_cand) + len(fix_other))
    labels = load_labels()
    gate = clf.sentences([x.text for x in labels])
    pools = (
        [c.sentence for c in gate if c.candidate] + fix_cand,
        [c.sentence for c in gate if not c.candidate] + fix_other,
    )
    docs, _ = corpus(int(min_sentences * 1.1), share=fixture_share, pools=pools)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    t0 = time.perf_counter()
    base_sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(docs, batch_size=64))
    base_s = time.perf_counter() - t0

    kind = clf.kind_model
    uses_minilm = kind.name in ("lr-minilm", "cascade")
    if uses_minilm:
        emb = embedder()
        emb(["Warm-up: it runs in real time at 20 fps on one H100."])  # the embedder loads outside the clock
        emb.cache.clear()
        emb.cache_size, cache_size = 0, emb.cache_size
    clf.claims("Warm-up: it runs in real time at 20 fps on one H100.")
    calls = getattr(kind, "calls", None)
    before = dict(calls) if calls else None
    batch = max(1, int(config.get("CLASSIFY_BATCH_DOCUMENTS")))
    full_s, found = _run(clf, docs, batch)
    routed = {k: calls[k] - before[k] for k in calls} if calls else None
    cached = None
    if uses_minilm:  # again with the embedding cache on, from empty
        emb.cache_size = cache_size
        emb.hits = emb.misses = 0
        cached_s, again = _run(clf, docs, batch)
        cached = {
            "seconds": cached_s,
            "sentences_per_s": sum(map(len, again)) / cached_s,
            "hit_rate": emb.hits / max(1, emb.hits + emb.misses),
        }
    usable = len(os.sched_getaffinity(0))
    workers = usable if workers is None else workers
    parallel = _parallel(docs, workers, model, batch) if workers > 1 else None
    full_sentences = sum(len(f) for f in found)
    candidates = sum(c.candidate for f in found for c in f)
    to_minilm = (routed or {}).get("lr-minilm", candidates if kind.name == "lr-minilm" else 0)
    try:
        import torch

        threads = torch.get_num_threads()
    except ImportError:  # pragma: no cover - torch comes with the classifier extra
        threads = None
    return {
        "documents": len(docs),
        "fixture_sentences": len(fix_cand) + len(fix_other),
        "fixture_candidate_share": fixture_share,
        "baseline_sentences": base_sentences,
        "baseline_s": base_s,
        "baseline_sentences_per_s": base_sentences / base_s,
        "pipeline_sentences": full_sentences,
        "pipeline_s": full_s,
        "pipeline_sentences_per_s": full_sentences / full_s,
        "candidates": candidates,
        "candidate_share": candidates / full_sentences,
        "minilm_sentences": to_minilm,
        "minilm_share": to_minilm / full_sentences,
        "cached": cached,
        "parallel": parallel,
        "claims": sum(c.kind != "none" for f in found for c in f),
        "ratio": (full_sentences / full_s) / (base_sentences / base_s),
        "kind_model": clf.version,
        "cpu_count": os.cpu_count(),
        "affinity_cpus": len(os.sched_getaffinity(0)),
        "torch_threads": threads,
        "batch_documents": batch,
    }
