"""The classify stage on the store: tag every current document, append claims rows.

`classify(store)` reads `current_documents`, runs the classifier on each document's
text and appends one `claims` row per sentence whose kind is not "none", stamped with
the model version. A document that already has rows of this model version is skipped,
so a re-run after an interruption resumes, and a new model version adds rows beside
the old ones (history is never overwritten). Work is committed per batch of documents
(CLASSIFY_BATCH_DOCUMENTS). `evaluate_into_store` stores the evaluation report on a run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from liveaudit import config
from liveaudit.classifier.reports import evidence_kind, read_reports
from liveaudit.records import RunSummary, StageSettings
from liveaudit.stages import Progress, Stage
from liveaudit.store import Store, schema
from liveaudit.store.queue import Shard, WorkQueue, default_worker

if TYPE_CHECKING:  # spaCy loads with the pipeline; the CLI imports this module at start-up
    from liveaudit.classifier.pipeline import Classifier


def _document_ids(store: Store, shard: Shard | None = None) -> list[int]:
    docs = store.table("current_documents")
    query = sa.select(docs.c.id).order_by(docs.c.id)
    if shard is not None:  # --shard I/N: documents whose id % N == I - 1 (several machines share the work)
        query = query.where(shard.where(docs.c.id))
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(query)]


def _tagged(store: Store, version: str) -> set[int]:
    claims = schema.claims
    with store.engine.connect() as conn:
        q = sa.select(claims.c.document_id).where(claims.c.model_version == version).distinct()
        return {r[0] for r in conn.execute(q)}


def _queued(work: WorkQueue, worker: str | None, size: int):
    """Claim `size` documents at a time until the queue is empty; each batch is done after its body, released if it raises."""
    while True:
        with work.claimed(worker, size) as ids:
            if not ids:
                return
            yield ids


def classify(
    store: Store,
    classifier: Classifier | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    shard: Shard | None = None,
    queue: str | None = None,
    worker: str | None = None,
) -> dict:
    """Tag every current document (or one shard's) with the current model version; returns the run summary.

    With `queue` (`--queue BATCH`) the documents to tag go into the store's work queue "classify"
    under that batch (idempotently, every worker may enqueue) and this worker claims
    CLASSIFY_BATCH_DOCUMENTS of them at a time until none is left, so several machines share them.
    """
    from liveaudit.classifier.pipeline import Classifier

    clf = classifier or Classifier()
    version = clf.version
    batch_size = max(1, int(config.get("CLASSIFY_BATCH_DOCUMENTS")))
    ids = _document_ids(store, shard)
    done = _tagged(store, version)
    todo = [i for i in ids if i not in done]
    kinds: Counter = Counter()
    systems: Counter = Counter()
    sentences = 0
    docs = store.table("current_documents")
    args = {"model_version": version, "lexicon_version": clf.lexicon.version}
    if shard is not None:
        args["shard"] = str(shard)
    if queue is not None:
        args |= {"queue": queue, "worker": worker or default_worker()}
    classified = 0
    with store.run("classify", args) as run:
        if queue is None:
            chunks = (todo[start : start + batch_size] for start in range(0, len(todo), batch_size))
        else:
            work = WorkQueue(store, "classify", batch=queue)
            work.enqueue(todo, run)
            chunks = _queued(work, args["worker"], batch_size)
        with closing(chunks):  # a body that raises closes the claim generator now, which releases its documents
            for chunk in chunks:
                chunk = [i for i in chunk if i not in done]
                classified += len(chunk)
                with store.engine.connect() as conn:
                    rows = conn.execute(
                        sa.select(docs.c.id, docs.c.text, docs.c.title, docs.c.url, docs.c.meta).where(
                            docs.c.id.in_(chunk)
                        )
                    ).all()
                # threads and benchmark pages are read post by post by the reports step (reports.py)
                rows = [r[:4] for r in rows if not evidence_kind(r.meta)]
                out = []
                # one call for the chunk: the kind model sees all its candidate sentences in one batch
                found_all = clf.claims_many([(text or "", title, url) for _, text, title, url in rows], keep_none=True)
                for (doc_id, _, _, _), found in zip(rows, found_all):
                    sentences += len(found)
                    for c in found:
                        if c.kind != "none":
                            out.append(c.row(doc_id, version))
                            kinds[c.kind] += 1
                            systems[c.system or "unresolved"] += 1
                store.insert("claims", out, run)
                if on_progress:
                    on_progress(min(classified, len(todo)), len(todo))
        run.summary = {
            "model_version": version,
            "documents": len(ids),
            "classified": classified,
            "skipped_already_tagged": len(ids) - len(todo),
            "sentences": sentences,
            "claims": sum(kinds.values()),
            "kinds": dict(kinds),
            "systems": dict(systems),
        }
    summary = run.summary
    if shard is None and queue is None:  # the reports step: evidence rows from threads and benchmark pages
        summary["reports"] = read_reports(store, clf)
    return summary


def evaluate_into_store(store: Store, model_dir: Path | None = None, split: str = "test") -> dict:
    """Evaluate on the held-out split and save the report as the run's summary."""
    from liveaudit.classifier.evaluate import evaluate
    from liveaudit.classifier.pipeline import models_dir

    folder = model_dir or models_dir()
    with store.run("classify --evaluate", {"split": split, "models": str(folder)}) as run:
        report = evaluate(folder, split=split)
        run.summary = report
    report["run_id"] = run.id
    return report


# --- the stage contract (liveaudit.stages): the classify step as the demo and the CLI find it ---


def run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Classify every current document of the store; the summary counts."""
    progress("tagging the claims of every current document")
    summary = classify(store)
    out = {k: summary[k] for k in ("model_version", "documents", "classified", "claims", "kinds")}
    if summary.get("reports"):  # the reports step (reports.py): evidence read from threads and benchmark pages
        out |= {"reports": summary["reports"]["reports"], "audited": summary["reports"]["audited"]}
    return RunSummary("classify", out)


def _commands(app) -> None:
    from liveaudit.classifier.cli import register

    register(app)


def _bench(**kwargs):
    from liveaudit.classifier.bench import bench

    return bench(**kwargs)


STAGES = (
    Stage(
        "classify",
        "find and tag liveness claims",
        run,
        extra="classifier",
        requires=("spacy", "sklearn", "safetensors"),
        commands=_commands,
        bench=_bench,
    ),
)
