"""`liveaudit bench store`: rows/s of inserting claims and of reading `current_claims`, SQLite
vs PostgreSQL, on the same generated rows.

Rows are generated once (documents, then `claims` claims spread over them, two classify runs
so the view has history to skip) and inserted in chunks with executemany (SQLAlchemy's
insertmanyvalues batching on PostgreSQL). The read figure is a full pass over
`current_claims` (the view the verdicts, dashboard and exports read). PostgreSQL is the
server at `pg_url`, or a throwaway cluster on 127.0.0.1 (liveaudit.store.tempcluster).
"""

from __future__ import annotations

import platform
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from liveaudit.store import Store, schema
from liveaudit.store.runs import utcnow
from liveaudit.vocab import CLAIMS

CHUNK = 20000
KINDS = CLAIMS


def _documents(n: int) -> list[dict]:
    now = utcnow()
    return [
        {
            "doc_key": f"http://bench.invalid/{i}",
            "version": 1,
            "url": f"http://bench.invalid/{i}",
            "fetched_at": now,
            "content_sha256": f"{i:064x}",
            "extract_status": "extracted",
            "text": None,
            "meta": {},
        }
        for i in range(n)
    ]


def _claims(doc_ids: list[int], n: int, model: str, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        fps = round(rng.uniform(1, 60), 1)
        rows.append(
            {
                "document_id": doc_ids[i % len(doc_ids)],
                "sentence_index": i // len(doc_ids),
                "sentence": f"System {i % 14} streams {fps} fps on an H100 at 832x480.",
                "kind": KINDS[i % 4],
                "kind_score": 0.9,
                "system": "Self-Forcing" if i % 3 else None,
                "terms": ["real-time"],
                "implied_level": "L2",
                "hedge": None,
                "figures": {"fps": fps, "gpu": "H100 SXM", "width": 832, "height": 480},
                "specificity": {
                    "hardware": True,
                    "resolution": True,
                    "duration": False,
                    "steps": False,
                    "metric": True,
                    "score": 0.6,
                },
                "model_version": model,
            }
        )
    return rows


def _one(store: Store, claims: int, progress: Callable[[str], None] | None) -> dict:
    docs = max(1, claims // 20)
    with store.run("bench-store") as run:
        with store.engine.begin() as conn:
            documents = _documents(docs)
            for start in range(0, len(documents), CHUNK):
                conn.execute(
                    schema.documents.insert(), [{**r, "run_id": run.id} for r in documents[start : start + CHUNK]]
                )
            doc_ids = list(conn.execute(sa.select(schema.documents.c.id).order_by(schema.documents.c.id)).scalars())
    # an older classify run over a tenth of the claims (history the view must skip), untimed
    history = claims // 10
    with store.run("classify") as old:
        with store.engine.begin() as conn:
            for start in range(0, history, CHUNK):
                part = _claims(doc_ids, min(CHUNK, history - start), "old", seed=start)
                conn.execute(schema.claims.insert(), [{**r, "run_id": old.id} for r in part])
    if progress:
        progress(f"{store.dialect}: inserting {claims:,} claims")
    inserted = 0
    elapsed = 0.0
    with store.run("classify") as new:
        for start in range(0, claims, CHUNK):
            part = [{**r, "run_id": new.id} for r in _claims(doc_ids, min(CHUNK, claims - start), "new", seed=start)]
            t0 = time.perf_counter()
            with store.engine.begin() as conn:
                conn.execute(schema.claims.insert(), part)
            elapsed += time.perf_counter() - t0
            inserted += len(part)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    if progress:
        progress(f"{store.dialect}: reading current_claims")
    view = store.table("current_claims")
    t0 = time.perf_counter()
    with store.engine.connect() as conn:
        read = 0
        result = conn.execution_options(stream_results=True, yield_per=CHUNK).execute(sa.select(view))
        for chunk in result.partitions():
            read += len(chunk)
    read_s = time.perf_counter() - t0
    return {
        "backend": store.dialect,
        "claims": inserted,
        "insert_s": round(elapsed, 3),
        "insert_rows_per_s": round(inserted / elapsed) if elapsed else None,
        "current_rows": read,
        "current_s": round(read_s, 3),
        "current_rows_per_s": round(read / read_s) if read_s else None,
    }


def bench_store(
    claims: int = 1_000_000, pg_url: str | None = None, progress: Callable[[str], None] | None = None
) -> dict:
    """Insert and current-view figures on a fresh SQLite file and a fresh PostgreSQL database."""
    results = []
    with tempfile.TemporaryDirectory(prefix="liveaudit-bench-store-") as tmp:
        store = Store.open(str(Path(tmp) / "bench.db"))
        try:
            results.append(_one(store, claims, progress))
        finally:
            store.close()
        cluster = None
        note = None
        try:
            if pg_url is None:
                from liveaudit.store.tempcluster import ClusterUnavailable, PostgresServer

                try:
                    cluster = PostgresServer()
                    pg_url = cluster.create_database("bench")
                    note = "throwaway cluster on 127.0.0.1 (fsync off)"
                except ClusterUnavailable as exc:
                    note = f"PostgreSQL skipped: {exc}"
            if pg_url is not None:
                store = Store.open(pg_url)
                try:
                    results.append(_one(store, claims, progress))
                finally:
                    store.close()
        finally:
            if cluster is not None:
                cluster.stop()
    by = {r["backend"]: r for r in results}
    ratio = None
    if "postgresql" in by and by["sqlite"]["insert_rows_per_s"]:
        ratio = {
            "insert": round(by["postgresql"]["insert_rows_per_s"] / by["sqlite"]["insert_rows_per_s"], 2),
            "current": round(by["postgresql"]["current_rows_per_s"] / by["sqlite"]["current_rows_per_s"], 2),
        }
    return {
        "results": results,
        "ratio_postgresql_over_sqlite": ratio,
        "note": note,
        "environment": f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}",
    }
