"""The classify stage on the store: tag every current document, append claims rows.

`classify(store)` reads `current_documents`, runs the classifier on each document's
text and appends one `claims` row per sentence whose kind is not "none", stamped with
the model version. A document that already has rows of this model version is skipped,
so a re-run after an interruption resumes, and a new model version adds rows beside
the old ones (history is never overwritten). Work is committed per batch of documents
(CLASSIFY_BATCH_DOCUMENTS). `evaluate_into_store` stores the evaluation report on a run.

Each document read gets a `classify_outcomes` row: done, cut (with what the caps cut) or
error (a document over CLASSIFY_DOCUMENT_BUDGET_S, or one the classifier could not read).
The batch goes on past an error; a document is retried once per model version, then
skipped with its error listed in the run summary.

Two classify runs at once on one store (two terminals, two machines) never tag a document
twice: a run holds each chunk of documents while it tags them (store/queue.py `Holds`, a
row unique per document and model version), leaves to the other run those it holds, and
re-checks after taking its holds which documents are already done.
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
from liveaudit.store.queue import Holds, Shard, WorkQueue, default_worker
from liveaudit.store.runs import utcnow

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


def _outcomes(store: Store, version: str) -> tuple[set[int], dict[int, str]]:
    """(documents read to the end by this version, {document: last error} of those that failed twice)."""
    o = schema.classify_outcomes
    finished, errors, last = set(), Counter(), {}
    with store.engine.connect() as conn:
        q = sa.select(o.c.document_id, o.c.status, o.c.error).where(o.c.model_version == version).order_by(o.c.id)
        for doc_id, status, error in conn.execute(q):
            if status == "error":
                errors[doc_id] += 1
                last[doc_id] = error
            else:
                finished.add(doc_id)
    return finished, {d: last[d] for d, n in errors.items() if n >= MAX_ATTEMPTS and d not in finished}


# a sources file's kinds for the vendor's own pages: whose account they are is not judged again
OWN_KINDS = frozenset({"vendor_page", "paper_abstract", "repository_readme", "model_card"})
NAVIGATION_KINDS = frozenset({"index"})  # pages that list links to other pages (docs/evidence.md)
MAX_ATTEMPTS = 2  # a document that failed this often with one model version is skipped


def _page_system(meta: dict | None) -> str | None:
    """The one system a page is about (its source's or its own `liveaudit:systems`), or None when several or none."""
    systems = [s for s in (meta or {}).get("systems") or [] if isinstance(s, str) and s.strip()]
    return systems[0] if len(systems) == 1 else None


def _outcome(doc_id: int, version: str, result) -> dict:
    status = "error" if result.error is not None else "cut" if result.notes else "done"
    error = f"error[{result.error.code}]: {result.error}" if result.error is not None else None
    return {
        "document_id": doc_id,
        "model_version": version,
        "status": status,
        "notes": list(result.notes) + ([result.voice] if result.voice else []),
        "error": error,
        "seconds": round(result.seconds, 3),
        "created_at": utcnow(),
    }


def _unsettled(store: Store, version: str, ids: list[int]) -> list[int]:
    """`ids` less those this version tagged, read or saw fail twice (re-checked once their holds are taken)."""
    if not ids:
        return []
    claims, o = schema.claims, schema.classify_outcomes
    with store.engine.connect() as conn:
        tagged = set(
            conn.execute(
                sa.select(claims.c.document_id)
                .distinct()
                .where(claims.c.model_version == version, claims.c.document_id.in_(ids))
            ).scalars()
        )
        rows = conn.execute(
            sa.select(o.c.document_id, o.c.status).where(o.c.model_version == version, o.c.document_id.in_(ids))
        ).all()
    failures = Counter(d for d, status in rows if status == "error")
    settled = (
        tagged | {d for d, status in rows if status != "error"} | {d for d, n in failures.items() if n >= MAX_ATTEMPTS}
    )
    return [i for i in ids if i not in settled]


def _hold_lease(batch_size: int) -> float:
    """How long a run's hold on a chunk lasts before another run may take it over (its worker died):
    STORE_QUEUE_LEASE_S, or longer when a chunk of documents each at its time budget could take longer."""
    lease = float(config.get("STORE_QUEUE_LEASE_S"))
    budget = float(config.get("CLASSIFY_DOCUMENT_BUDGET_S"))
    return max(lease, batch_size * budget + 60) if budget > 0 else lease


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
    finished, failed = _outcomes(store, version)
    done = _tagged(store, version) | finished | set(failed)
    todo = [i for i in ids if i not in done]
    skipped = [i for i in ids if i in failed]
    kinds: Counter = Counter()
    systems: Counter = Counter()
    sentences = cut = 0
    errors: dict[int, str] = {}
    docs = store.table("current_documents")
    args = {"model_version": version, "lexicon_version": clf.lexicon.version}
    if shard is not None:
        args["shard"] = str(shard)
    if queue is not None:
        args |= {"queue": queue, "worker": worker or default_worker()}
    classified = seen = elsewhere = 0
    holds = Holds(store, "classify", batch=version, lease_s=_hold_lease(batch_size))
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
                if not chunk:
                    continue
                seen += len(chunk)
                mine = holds.take(chunk)  # documents another classify run holds now are left to it
                elsewhere += len(chunk) - len(mine)
                try:
                    chunk = _unsettled(store, version, mine)  # another run may have finished some since we listed them
                    elsewhere += len(mine) - len(chunk)
                    with store.engine.connect() as conn:
                        rows = (
                            conn.execute(
                                sa.select(docs.c.id, docs.c.text, docs.c.title, docs.c.url, docs.c.meta).where(
                                    docs.c.id.in_(chunk)
                                )
                            ).all()
                            if chunk
                            else []
                        )
                    # threads and benchmark pages are read post by post by the reports step (reports.py)
                    # a listing of links (kind `index`) is navigation: read as empty, so it is settled with no claims
                    page_system = {r[0]: _page_system(r.meta) for r in rows}
                    meta_of = {r[0]: r.meta for r in rows}
                    rows = [
                        (r[0], None, None, r[3]) if (r.meta or {}).get("kind") in NAVIGATION_KINDS else r[:4]
                        for r in rows
                        if not evidence_kind(r.meta)
                    ]
                    classified += len(rows)
                    out, outcomes = [], []
                    # one call for the chunk: the kind model sees all its candidate sentences in one batch;
                    # each document has its own time budget and a failing one does not sink the others
                    own = [(meta_of[r[0]] or {}).get("kind") in OWN_KINDS for r in rows]
                    results = clf.documents(
                        [(text or "", title, url) for _, text, title, url in rows], keep_none=True, own=own
                    )
                    for (doc_id, _, _, _), result in zip(rows, results):
                        outcomes.append(_outcome(doc_id, version, result))
                        if result.error is not None:
                            errors[doc_id] = outcomes[-1]["error"]
                            continue
                        cut += bool(result.notes)
                        sentences += len(result.claims)
                        for c in result.claims:
                            if c.kind != "none":
                                if c.system is None and page_system[doc_id]:
                                    c.system = page_system[doc_id]  # "our model" on a page about one system
                                out.append(c.row(doc_id, version))
                                kinds[c.kind] += 1
                                systems[c.system or "unresolved"] += 1
                    with store.engine.begin() as conn:
                        store.insert("claims", out, run, conn)
                        store.insert("classify_outcomes", outcomes, run, conn)
                finally:  # after the rows are committed (or nothing was): the next run re-checks what is done
                    holds.drop(mine)
                if on_progress:
                    on_progress(min(seen, len(todo)), len(todo))
        run.summary = {
            "model_version": version,
            "documents": len(ids),
            "classified": classified,
            "skipped_already_tagged": len(ids) - len(todo) - len(skipped),
            "sentences": sentences,
            "cut": cut,
            "errors": {str(k): v for k, v in errors.items()},
            "skipped_failed": {str(k): failed[k] for k in skipped},
            "left_to_another_run": elsewhere,
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
