"""Work queues in the store, so several workers (on several machines) share one stage's work.

    q = WorkQueue(store, "classify", batch="kind-lr-minilm@2026-11-26.1")
    q.enqueue(document_ids)                      # idempotent: an item is queued once per batch
    for ids in q.batches("worker-a", size=50):   # claims a batch, marks it done when the body ends
        classify(ids)

Claiming is atomic on both backends, so no two workers ever take the same item:
- PostgreSQL: `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING`, so
  concurrent claimers skip each other's rows instead of waiting;
- SQLite: `BEGIN IMMEDIATE` (the database's one write lock, taken before reading), then
  select and mark, then commit.

A worker that dies leaves its items `claimed`; `requeue_stale(older_than_s)` (run by
`claim` itself with `lease_s`) hands them back to the queue. Work must therefore be
idempotent per item (classify and verdicts append rows per run, so a re-done item only
adds a newer run's rows).

`Shard` is the plain alternative without a queue: `--shard I/N` takes the items whose
id % N == I - 1.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from liveaudit import config
from liveaudit.errors import InputError
from liveaudit.store import schema
from liveaudit.store.runs import utcnow

PENDING, CLAIMED, DONE, FAILED = "pending", "claimed", "done", "failed"


def default_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Shard:
    """`--shard I/N`: the I-th of N shards (1-based), items with id % N == I - 1."""

    index: int
    count: int

    @classmethod
    def parse(cls, value: str | None) -> Shard | None:
        if value is None or value == "":
            return None
        try:
            left, right = value.split("/", 1)
            index, count = int(left), int(right)
        except ValueError:
            raise InputError("E107", value=value) from None
        if count < 1 or not 1 <= index <= count:
            raise InputError("E107", value=value)
        return cls(index, count)

    def where(self, column: sa.ColumnElement) -> sa.ColumnElement:
        """A filter for a query: this shard's rows by an integer id column."""
        return (column % self.count) == (self.index - 1)

    def __contains__(self, item_id: int) -> bool:
        return item_id % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


class WorkQueue:
    """One named queue and batch in a store's `work_items` table."""

    def __init__(self, store, queue: str, batch: str = "default", lease_s: float | None | str = "setting") -> None:
        self.store = store
        self.queue = queue
        self.batch = batch
        # "setting": STORE_QUEUE_LEASE_S; None: never hand claimed items back
        self.lease_s: float | None = (
            float(config.get("STORE_QUEUE_LEASE_S"))
            if lease_s == "setting"
            else float(lease_s)
            if lease_s is not None
            else None
        )
        self.table = schema.work_items

    # ---- filling -------------------------------------------------------------------
    def enqueue(self, item_ids: Iterable[int], run=None, chunk: int = 5000) -> int:
        """Queue items not queued yet in this batch; returns how many were new."""
        run_id = getattr(run, "id", run)
        now = utcnow()
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        added = 0
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        insert = pg_insert if self.store.dialect == "postgresql" else sqlite_insert
        with self.store.engine.begin() as conn:
            for start in range(0, len(ids), chunk):
                rows = [
                    {
                        "queue": self.queue,
                        "batch": self.batch,
                        "item_id": i,
                        "state": PENDING,
                        "attempts": 0,
                        "run_id": run_id,
                        "created_at": now,
                    }
                    for i in ids[start : start + chunk]
                ]
                stmt = (
                    insert(self.table)
                    .values(rows)
                    .on_conflict_do_nothing(index_elements=["queue", "batch", "item_id"])
                    .returning(self.table.c.id)
                )
                added += len(conn.execute(stmt).all())
        return added

    # ---- claiming ------------------------------------------------------------------
    def claim(self, worker: str | None = None, size: int = 1) -> list[int]:
        """Atomically take up to `size` pending items for `worker`; [] when none is left."""
        worker = worker or default_worker()
        if self.lease_s is not None:
            self.requeue_stale(self.lease_s)
        if self.store.dialect == "postgresql":
            return self._claim_postgresql(worker, size)
        return self._claim_sqlite(worker, size)

    def _claim_postgresql(self, worker: str, size: int) -> list[int]:
        t = self.table
        pick = (
            sa.select(t.c.id)
            .where(t.c.queue == self.queue, t.c.batch == self.batch, t.c.state == PENDING)
            .order_by(t.c.id)
            .limit(size)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        stmt = (
            sa.update(t)
            .where(t.c.id.in_(pick))
            .values(state=CLAIMED, worker=worker, claimed_at=utcnow(), attempts=t.c.attempts + 1)
            .returning(t.c.item_id)
        )
        with self.store.engine.begin() as conn:
            return sorted(conn.execute(stmt).scalars())

    def _claim_sqlite(self, worker: str, size: int) -> list[int]:
        raw = self.store.engine.raw_connection()
        try:
            dbapi = raw.driver_connection
            saved = dbapi.isolation_level
            dbapi.isolation_level = None  # we issue BEGIN IMMEDIATE / COMMIT ourselves
            cur = dbapi.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")  # the write lock before reading: no two claimers see the same rows
                cur.execute(
                    "SELECT id, item_id FROM work_items WHERE queue = ? AND batch = ? AND state = ? "
                    "ORDER BY id LIMIT ?",
                    (self.queue, self.batch, PENDING, size),
                )
                picked = cur.fetchall()
                if picked:
                    now = utcnow().isoformat(sep=" ")
                    cur.executemany(
                        "UPDATE work_items SET state = ?, worker = ?, claimed_at = ?, attempts = attempts + 1 "
                        "WHERE id = ?",
                        [(CLAIMED, worker, now, row[0]) for row in picked],
                    )
                cur.execute("COMMIT")
            except BaseException:
                if dbapi.in_transaction:
                    cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()
                dbapi.isolation_level = saved
            return sorted(row[1] for row in picked)
        finally:
            raw.close()

    # ---- finishing -----------------------------------------------------------------
    def done(self, item_ids: Iterable[int], worker: str | None = None) -> None:
        self._finish(item_ids, DONE, None)

    def failed(self, item_ids: Iterable[int], error: str) -> None:
        self._finish(item_ids, FAILED, error)

    def release(self, item_ids: Iterable[int]) -> None:
        """Hand claimed items back (a worker stopping cleanly before doing them)."""
        t = self.table
        ids = list(item_ids)
        if not ids:
            return
        with self.store.engine.begin() as conn:
            conn.execute(
                sa.update(t)
                .where(t.c.queue == self.queue, t.c.batch == self.batch, t.c.item_id.in_(ids), t.c.state == CLAIMED)
                .values(state=PENDING, worker=None, claimed_at=None)
            )

    def _finish(self, item_ids: Iterable[int], state: str, error: str | None) -> None:
        t = self.table
        ids = list(item_ids)
        if not ids:
            return
        with self.store.engine.begin() as conn:
            conn.execute(
                sa.update(t)
                .where(t.c.queue == self.queue, t.c.batch == self.batch, t.c.item_id.in_(ids))
                .values(state=state, finished_at=utcnow(), error=error)
            )

    def requeue_stale(self, older_than_s: float) -> int:
        """Items claimed longer ago than `older_than_s` (their worker died) go back to pending."""
        t = self.table
        cutoff = utcnow() - timedelta(seconds=older_than_s)
        with self.store.engine.begin() as conn:
            return (
                conn.execute(
                    sa.update(t)
                    .where(
                        t.c.queue == self.queue, t.c.batch == self.batch, t.c.state == CLAIMED, t.c.claimed_at < cutoff
                    )
                    .values(state=PENDING, worker=None, claimed_at=None)
                ).rowcount
                or 0
            )

    @contextmanager
    def claimed(self, worker: str | None = None, size: int = 1) -> Iterator[list[int]]:
        """Claim a batch; done when the body ends, released back to the queue if it raises."""
        ids = self.claim(worker, size)
        try:
            yield ids
        except BaseException:
            self.release(ids)
            raise
        self.done(ids)

    def batches(self, worker: str | None = None, size: int = 1) -> Iterator[list[int]]:
        """Claim batches until the queue is empty; each is marked done when the loop body ends."""
        while True:
            with self.claimed(worker, size) as ids:
                if not ids:
                    return
                yield ids

    # ---- reading -------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        t = self.table
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.c.state, sa.func.count())
                .where(t.c.queue == self.queue, t.c.batch == self.batch)
                .group_by(t.c.state)
            )
            found = {state: n for state, n in rows}
        return {s: found.get(s, 0) for s in (PENDING, CLAIMED, DONE, FAILED)}


class Holds:
    """Per-item holds for work done without a queue, so two runs started at once never do an item twice.

        holds = Holds(store, "classify", batch=model_version, lease_s=3600)
        mine = holds.take(ids)        # the ids no other run holds now (each a row unique per batch)
        ...                           # re-check what is done, do the rest, commit its rows
        holds.drop(mine)              # after the work's rows are committed (or it failed)

    A hold is a `work_items` row of queue "<name>-hold" in state claimed; inserting it is the
    claim (the unique (queue, batch, item_id) decides between two runs), dropping it deletes it.
    A run that took a hold must re-check the item after taking it: another run may have finished
    it and dropped its hold since this run listed its work. A hold older than `lease_s` (its
    worker died) is taken over.
    """

    def __init__(self, store, name: str, batch: str, lease_s: float | None = None, worker: str | None = None) -> None:
        self.store = store
        self.queue = f"{name}-hold"
        self.batch = batch
        self.lease_s = lease_s
        self.worker = worker or default_worker()
        self.table = schema.work_items

    def take(self, item_ids: Iterable[int]) -> list[int]:
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        t = self.table
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        if not ids:
            return []
        now = utcnow()
        insert = pg_insert if self.store.dialect == "postgresql" else sqlite_insert
        rows = [
            {
                "queue": self.queue,
                "batch": self.batch,
                "item_id": i,
                "state": CLAIMED,
                "worker": self.worker,
                "attempts": 1,
                "claimed_at": now,
                "created_at": now,
            }
            for i in ids
        ]
        with self.store.engine.begin() as conn:
            if self.lease_s is not None:
                conn.execute(
                    sa.delete(t).where(
                        t.c.queue == self.queue,
                        t.c.batch == self.batch,
                        t.c.item_id.in_(ids),
                        t.c.claimed_at < now - timedelta(seconds=self.lease_s),
                    )
                )
            stmt = (
                insert(t)
                .values(rows)
                .on_conflict_do_nothing(index_elements=["queue", "batch", "item_id"])
                .returning(t.c.item_id)
            )
            return sorted(conn.execute(stmt).scalars())

    def drop(self, item_ids: Iterable[int]) -> None:
        t = self.table
        ids = list(item_ids)
        if not ids:
            return
        with self.store.engine.begin() as conn:
            conn.execute(
                sa.delete(t).where(
                    t.c.queue == self.queue, t.c.batch == self.batch, t.c.item_id.in_(ids), t.c.worker == self.worker
                )
            )
