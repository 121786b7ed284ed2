"""Two `liveaudit classify` processes at once on one SQLite store: every document is tagged once.

Each run holds the chunk of documents it tags (store/queue.py Holds) and re-checks, after taking
its holds, what the other run finished meanwhile; the thread document's vendor claims (the
reports step) are held and recorded the same way. Small chunks (2 documents) keep both runs
tagging at the same time."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter

import sqlalchemy as sa

from liveaudit.store import Store, schema

SYSTEMS = ("Self Forcing", "LongLive", "MAGI-1", "LTX-Video", "CausVid")
GPUS = ("one H100", "an RTX 4090", "a single A100", "two H200s", "an L40S")


def _documents(store: Store, count: int) -> None:
    now = dt.datetime.now(dt.UTC)
    rows = []
    for i in range(count):
        system, gpu = SYSTEMS[i % len(SYSTEMS)], GPUS[i // len(SYSTEMS) % len(GPUS)]
        text = (
            f"# {system} notes {i}\n\n{system} streams video at {10 + i} fps on {gpu}.\n\n"
            f"The first frame arrives after {i + 1}00 ms, in real time.\n\nJoin our live demo number {i}.\n"
        )
        rows.append(
            {
                "doc_key": f"https://example.com/{i}",
                "version": 1,
                "url": f"https://example.com/{i}",
                "fetched_at": now,
                "content_sha256": f"{i:064x}",
                "title": f"{system} {i}",
                "text": text,
                "extract_status": "extracted",
                "meta": {"kind": "vendor_page"},  # the vendor's notes: whose account is not judged
            }
        )
    thread = {
        "posts": [
            {
                "index": 0,
                "author": "maintainer",
                "badge": "Member",
                "maintainer": True,
                "deleted": False,
                "date": None,
                "text": "Self Forcing runs at 17 fps on one H100 with our release build.",
            },
            {
                "index": 1,
                "author": "user",
                "badge": None,
                "maintainer": False,
                "deleted": False,
                "date": None,
                "text": "On my RTX 4090 I get 9 fps with Self Forcing.",
            },
        ]
    }
    rows.append(
        {
            "doc_key": "https://github.com/x/y/issues/1",
            "version": 1,
            "url": "https://github.com/x/y/issues/1",
            "fetched_at": now,
            "content_sha256": "f" * 64,
            "title": "Speed?",
            "text": "Speed?",
            "extract_status": "extracted",
            "meta": {"kind": "issue_thread", "systems": ["Self-Forcing"], "thread": thread},
        }
    )
    with store.run("crawl", {}) as run:
        store.insert("documents", rows, run)


def _classify(db: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    env |= {"LIVEAUDIT_SETTINGS": os.devnull, "LIVEAUDIT_CLASSIFY_BATCH_DOCUMENTS": "2"}
    return subprocess.Popen(
        [sys.executable, "-m", "liveaudit", "classify", "--db", db],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_two_classify_runs_on_one_store_tag_each_document_once(tmp_path):
    db = str(tmp_path / "store.db")
    store = Store.open(f"sqlite:///{db}")
    _documents(store, 40)
    store.close()
    procs = [_classify(db), _classify(db)]
    outs = [p.communicate(timeout=900) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    store = Store.open(f"sqlite:///{db}")
    try:
        claims = store.rows("claims")
        keys = Counter((c["document_id"], c["model_version"], c["sentence"]) for c in claims)
        assert [k for k, n in keys.items() if n > 1] == []
        assert {c["document_id"] for c in claims} == set(range(1, 42))  # every document (the thread's vendor claim too)
        runs = [r for r in store.rows("runs") if r["command"] == "classify"]
        assert (
            len(runs) == 2 and sum(r["summary"]["classified"] for r in runs) == 40
        )  # each page read once (the thread: by the reports step)
        o = schema.classify_outcomes
        with store.engine.connect() as conn:
            per_doc = Counter(conn.execute(sa.select(o.c.document_id, o.c.model_version)).all())
            holds = conn.execute(sa.select(sa.func.count()).select_from(schema.work_items)).scalar()
        assert set(per_doc.values()) == {1} and holds == 0  # one outcome per document and reader; no hold left
        before = len(claims)
    finally:
        store.close()
    again = _classify(db)
    out, err = again.communicate(timeout=900)
    assert again.returncode == 0, err[-2000:]
    store = Store.open(f"sqlite:///{db}")
    try:
        assert store.count("claims") == before  # a later run adds nothing (nor the thread's vendor claim)
    finally:
        store.close()
