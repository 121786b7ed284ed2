"""`liveaudit classify --shard I/N`: N workers over one store tag every document exactly once."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from liveaudit.cli import app
from liveaudit.store import Store
from liveaudit.store.runs import utcnow

TEXTS = [
    "StreamDiffusion runs at 91 fps on an RTX 4090 at 512x512.",
    "Our model generates video in real time.",
    "Self-Forcing streams 17 fps on a single H100 with 0.69 s latency.",
    "We hope to reach live generation next year.",
    "LTX-Video makes 5 seconds of video in 2 seconds on an H100.",
]


def test_sharding_classify_shards_cover_every_document_once(tmp_path):
    db = str(tmp_path / "s.db")
    store = Store.open(db)
    with store.run("crawl") as run:
        store.insert(
            "documents",
            [
                {
                    "doc_key": f"http://x/{i}",
                    "version": 1,
                    "url": f"http://x/{i}",
                    "fetched_at": utcnow(),
                    "content_sha256": f"{i:064d}",
                    "extract_status": "extracted",
                    "text": t,
                    "meta": {},
                }
                for i, t in enumerate(TEXTS * 2)
            ],
            run,
        )
    runner = CliRunner()
    for shard in ("1/2", "2/2"):
        result = runner.invoke(app, ["classify", "--db", db, "--shard", shard])
        assert result.exit_code == 0, result.output
    runs = [r for r in store.rows("runs") if r["command"] == "classify"]
    assert [r["args"]["shard"] for r in runs] == ["1/2", "2/2"]
    assert [r["summary"]["classified"] for r in runs] == [5, 5]
    claimed = {}
    for c in store.rows("claims"):
        claimed.setdefault(c["document_id"], set()).add(c["run_id"])
    assert all(len(v) == 1 for v in claimed.values())  # no document tagged by both shards
    assert {d for d, v in claimed.items() if runs[0]["id"] in v} <= {
        d["id"] for d in store.rows("documents") if d["id"] % 2 == 0
    }
    again = runner.invoke(app, ["classify", "--db", db, "--shard", "3/2"])
    assert again.exit_code != 0 and getattr(again.exception, "code", None) == "E107"
    store.close()


def _documents(store, texts):
    with store.run("crawl") as run:
        store.insert(
            "documents",
            [
                {
                    "doc_key": f"http://x/{i}",
                    "version": 1,
                    "url": f"http://x/{i}",
                    "fetched_at": utcnow(),
                    "content_sha256": f"{i:064d}",
                    "extract_status": "extracted",
                    "text": t,
                    "meta": {},
                }
                for i, t in enumerate(texts)
            ],
            run,
        )


def test_sharding_classify_queue_two_workers_tag_every_document_once(store_db, monkeypatch):
    """Worker a takes the first batch of 2; while it works, worker b drains the rest of the queue."""
    from liveaudit.classifier import Classifier, classify
    from liveaudit.store.queue import WorkQueue

    monkeypatch.setenv("LIVEAUDIT_CLASSIFY_BATCH_DOCUMENTS", "2")
    store = Store.open(store_db)
    _documents(store, TEXTS * 2)
    clf = Classifier()
    inner = {}

    def progress_a(done, total):
        if "b" not in inner:
            inner["b"] = classify(store, clf, queue="v1", worker="b")

    a = classify(store, clf, on_progress=progress_a, queue="v1", worker="a")
    b = inner["b"]
    assert (a["classified"], b["classified"]) == (2, 8)
    by_doc = {}
    for c in store.rows("claims"):
        by_doc.setdefault(c["document_id"], set()).add(c["run_id"])
    assert all(len(v) == 1 for v in by_doc.values())  # no document tagged twice
    items = store.rows("work_items")
    assert sorted(r["item_id"] for r in items) == [d["id"] for d in store.rows("documents")]
    assert {r["state"] for r in items} == {"done"} and [r["worker"] for r in items].count("a") == 2
    assert classify(store, clf, queue="v1", worker="c")["classified"] == 0
    assert WorkQueue(store, "classify", batch="v1").counts()["done"] == 10
    store.close()


def test_sharding_classify_queue_cli_releases_a_failed_batch(tmp_path, monkeypatch):
    from liveaudit.classifier import Classifier, classify
    from liveaudit.store.queue import WorkQueue

    monkeypatch.setenv("LIVEAUDIT_CLASSIFY_BATCH_DOCUMENTS", "3")
    db = str(tmp_path / "s.db")
    store = Store.open(db)
    _documents(store, TEXTS)

    def stop(done, total):
        raise KeyboardInterrupt  # the worker is stopped after its first batch's claims are stored

    with pytest.raises(KeyboardInterrupt):
        classify(store, Classifier(), on_progress=stop, queue="v1", worker="a")
    assert WorkQueue(store, "classify", batch="v1").counts() == {"pending": 5, "claimed": 0, "done": 0, "failed": 0}
    result = CliRunner().invoke(app, ["classify", "--db", db, "--queue", "v1", "--worker", "b"])
    assert result.exit_code == 0, result.output
    # The stopped batch's documents were tagged by a's run already: b skips them and tags the others.
    run = [r for r in store.rows("runs") if r["command"] == "classify"][-1]
    assert run["args"]["worker"] == "b" and run["summary"]["classified"] == 2
    assert WorkQueue(store, "classify", batch="v1").counts()["done"] == 5
    store.close()
