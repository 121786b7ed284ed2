"""Work queues and shards in the store, on SQLite and on a real PostgreSQL server.

The concurrency test runs real processes: a crawl-like writer inserting documents and
queueing them, and two classify-like workers claiming them and writing claims, all at once.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from liveaudit.errors import InputError
from liveaudit.store import Store, schema
from liveaudit.store.queue import Holds, Shard, WorkQueue


def test_queue_enqueue_is_idempotent_per_batch(any_store):
    q = WorkQueue(any_store, "classify", batch="v1")
    assert q.enqueue([1, 2, 3]) == 3
    assert q.enqueue([2, 3, 4]) == 1
    assert q.counts() == {"pending": 4, "claimed": 0, "done": 0, "failed": 0}
    assert WorkQueue(any_store, "classify", batch="v2").enqueue([1, 2]) == 2  # a new round queues again


def test_queue_claims_in_order_and_finishes(any_store):
    q = WorkQueue(any_store, "classify", batch="v1")
    q.enqueue(range(10, 20))
    assert q.claim("a", 3) == [10, 11, 12]
    assert q.claim("b", 3) == [13, 14, 15]
    q.done([10, 11, 12])
    q.failed([13], "bad page")
    q.release([14, 15])
    assert q.counts() == {"pending": 6, "claimed": 0, "done": 3, "failed": 1}
    seen = [ids for ids in q.batches("c", size=4)]
    assert sorted(i for ids in seen for i in ids) == [14, 15, 16, 17, 18, 19]
    assert q.claim("c", 5) == []
    failed = any_store.rows("work_items", where=schema.work_items.c.state == "failed")
    assert failed[0]["item_id"] == 13 and failed[0]["error"] == "bad page" and failed[0]["worker"] == "b"


def test_queue_hands_back_items_of_a_dead_worker(any_store):
    q = WorkQueue(any_store, "verdicts", lease_s=None)
    q.enqueue([1, 2])
    assert q.claim("dies", 2) == [1, 2]
    assert q.claim("other", 2) == []
    assert q.requeue_stale(0) == 2  # their lease is over
    assert q.claim("other", 2) == [1, 2]
    row = any_store.rows("work_items")[0]
    assert row["attempts"] == 2 and row["worker"] == "other"


def test_queue_holds_one_run_at_a_time_and_a_dead_runs_hold_expires(any_store):
    a = Holds(any_store, "classify", batch="v1", lease_s=3600, worker="a")
    b = Holds(any_store, "classify", batch="v1", lease_s=3600, worker="b")
    assert a.take([1, 2, 3]) == [1, 2, 3]
    assert b.take([2, 3, 4]) == [4]  # a holds 2 and 3
    assert Holds(any_store, "classify", batch="v2", worker="c").take([2]) == [2]  # another model version: its own holds
    b.drop([2, 3, 4])  # only b's own holds go
    assert b.take([2, 3]) == []
    a.drop([1, 2, 3])
    assert b.take([1, 2, 3]) == [1, 2, 3]
    late = Holds(any_store, "classify", batch="v1", lease_s=0, worker="c")  # b's holds are older than 0 s: b died
    assert late.take([1]) == [1]


def test_queue_lease_comes_from_the_setting(any_store, monkeypatch):
    """STORE_QUEUE_LEASE_S: a long lease keeps a dead worker's items, a short one hands them on."""
    WorkQueue(any_store, "measure").enqueue([7])
    assert WorkQueue(any_store, "measure").lease_s == 3600.0
    assert WorkQueue(any_store, "measure").claim("dies") == [7]
    assert WorkQueue(any_store, "measure").claim("other") == []  # still within the hour
    monkeypatch.setenv("LIVEAUDIT_STORE_QUEUE_LEASE_S", "0")
    assert WorkQueue(any_store, "measure").claim("other") == [7]


def test_queue_body_that_raises_releases_its_items(any_store):
    q = WorkQueue(any_store, "classify")
    q.enqueue([7])
    with pytest.raises(RuntimeError):
        with q.claimed("w", 1) as ids:
            assert ids == [7]
            raise RuntimeError("worker stopped")
    assert q.counts()["pending"] == 1


@pytest.mark.parametrize("value", ["", None])
def test_queue_shard_absent(value):
    assert Shard.parse(value) is None


@pytest.mark.parametrize("value", ["0/2", "3/2", "1/0", "a/b", "2"])
def test_queue_shard_rejects_bad_values(value):
    with pytest.raises(InputError) as err:
        Shard.parse(value)
    assert err.value.code == "E107"


def test_queue_shards_partition_the_ids(any_store):
    shards = [Shard.parse(f"{i}/3") for i in (1, 2, 3)]
    ids = range(1, 31)
    parts = [[i for i in ids if i in s] for s in shards]
    assert sorted(sum(parts, [])) == list(ids) and all(len(p) == 10 for p in parts)
    with any_store.run("crawl") as run:
        any_store.insert("documents", [_doc(f"http://x/{i}") for i in ids], run)
    from_db = [[r["id"] for r in any_store.rows("documents", where=s.where(schema.documents.c.id))] for s in shards]
    assert from_db == parts


def _doc(key: str) -> dict:
    from liveaudit.store.runs import utcnow

    return {
        "doc_key": key,
        "version": 1,
        "url": key,
        "fetched_at": utcnow(),
        "content_sha256": "0" * 64,
        "extract_status": "extracted",
        "text": key,
        "meta": {},
    }


WRITER = textwrap.dedent("""
    import sys, time
    from liveaudit.store import Store
    from liveaudit.store.queue import WorkQueue
    from liveaudit.store.runs import utcnow
    db, total, flag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    store = Store.open(db)
    queue = WorkQueue(store, "classify", batch="v1")
    with store.run("crawl") as run:
        for start in range(0, total, 5):  # a crawl commits a few pages at a time
            rows = [{"doc_key": f"http://site/{i}", "version": 1, "url": f"http://site/{i}", "fetched_at": utcnow(),
                     "content_sha256": "0" * 64, "extract_status": "extracted", "text": f"page {i}", "meta": {}}
                    for i in range(start, min(start + 5, total))]
            queue.enqueue(store.insert("documents", rows, run), run)
    open(flag, "w").write("done")
""")

CLAIMER = textwrap.dedent("""
    import os, sys, time
    from liveaudit.store import Store
    from liveaudit.store.queue import WorkQueue
    db, name, flag = sys.argv[1], sys.argv[2], sys.argv[3]
    store = Store.open(db)
    queue = WorkQueue(store, "classify", batch="v1")
    taken = 0
    with store.run("classify") as run:
        while True:
            with queue.claimed(name, 3) as ids:
                if ids:
                    store.insert("claims", [{"document_id": i, "sentence_index": 0, "sentence": f"by {name}",
                                             "kind": "qualitative", "terms": [], "figures": {}, "specificity": {},
                                             "model_version": "v1"} for i in ids], run)
                    taken += len(ids)
            if not ids:
                if os.path.exists(flag) and queue.counts()["pending"] == 0:
                    break
                time.sleep(0.01)
    print(taken)
""")


def test_queue_a_writer_and_two_claimers_at_once_lose_nothing_and_share_nothing(store_db, tmp_path):
    Store.open(store_db).close()  # migrate once, before the processes race
    (tmp_path / "writer.py").write_text(WRITER)
    (tmp_path / "claimer.py").write_text(CLAIMER)
    flag = str(tmp_path / "writer-finished")
    total = 200
    procs = [
        subprocess.Popen(
            [sys.executable, str(tmp_path / "claimer.py"), store_db, name, flag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("w1", "w2")
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, str(tmp_path / "writer.py"), store_db, str(total), flag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in outs]
    store = Store.open(store_db)
    docs = store.rows("documents")
    claims = store.rows("claims")
    assert len(docs) == total
    assert sorted(c["document_id"] for c in claims) == sorted(d["id"] for d in docs)  # each exactly once
    assert sum(int(out) for out, _ in outs[:2]) == total
    assert WorkQueue(store, "classify", batch="v1").counts() == {"pending": 0, "claimed": 0, "done": total, "failed": 0}
    assert {r["status"] for r in store.rows("runs")} == {"finished"}
    store.close()


def test_queue_workers_opening_a_new_store_at_once_migrate_it_once(store_db):
    """Six processes open the same new store together (N workers started at once): one migrates, none fails."""
    code = "import sys; from liveaudit.store import Store; Store.open(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, store_db], stderr=subprocess.PIPE, text=True) for _ in range(6)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [e[-500:] for e in errors if e]
    store = Store.open(store_db)
    assert store.rows("runs") == []
    store.close()
