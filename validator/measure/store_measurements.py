"""The measurements rows the validator writes (the library behind `liveaudit measure`).

    summary = measure_store(store, "Self-Forcing", Options(device="cpu"))   # rows appended, counts
    summary = measure_store(store, None, opts, queue="batch-1")              # share the work with others

Each system is timed by run.measure; its rows are appended under one `measure` run. Several
machines can share the systems through the store (--shard or --queue, docs/scale-out.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict

from liveaudit.store.queue import default_worker
from liveaudit.store.runs import utcnow
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.measure.options import Options
from liveaudit.validator.measure.run import measure
from liveaudit.validator.registry import load_systems, resolve
from liveaudit.validator.store_catalogues import sync_catalogues


def measure_store(
    store,
    system: str | None,
    opts: Options,
    progress: Callable[[str], None] | None = None,
    shard=None,
    queue: str | None = None,
    worker: str | None = None,
) -> dict:
    """Measure `system` (every open system when None) and append the rows; returns the rows and counts.

    Several machines share the work in one of two ways (both key systems by the id of their
    `current_systems` row, so the registry is synced into the store first, as `analyze` does):
    - `shard` (a `Shard`, `--shard I/N`): only the systems whose id % N == I - 1;
    - `queue` (`--queue BATCH`): the target systems go into the store's work queue "measure"
      under that batch (idempotently, so every worker may enqueue), then this worker claims one
      system at a time, measures it and marks it done; a system whose measurement raises is
      released back to the queue and the error propagates.
    """
    systems, gpus = load_systems(), load_hardware()
    if system:
        targets = [resolve(systems, system)]
    else:
        targets = [s for s in systems.values() if s.get("architecture") is not None]
    resolved = opts.resolved()
    out = []
    started = time.perf_counter()
    args = {"system": system, **{k: v for k, v in asdict(resolved).items() if k != "extra"}}
    if shard is not None:
        args["shard"] = str(shard)
    if queue is not None:
        args |= {"queue": queue, "worker": worker or default_worker()}
    with store.run("measure", args) as run:

        def measure_one(spec):
            rows = measure(spec, resolved, gpus, progress)
            for row in rows:
                row["created_at"] = utcnow()
                row["id"] = store.insert("measurements", [row], run)[0]
                row["run_id"] = run.id
            out.extend(rows)

        if shard is None and queue is None:
            for spec in targets:
                measure_one(spec)
            measured = [s["name"] for s in targets]
        else:
            measured = measure_shared(store, run, systems, gpus, targets, shard, queue, worker, measure_one)
        run.summary = {
            "systems": len(measured),
            "measurements": len(out),
            "tiny": bool(resolved.tiny),
            "device": resolved.device,
            "seconds": round(time.perf_counter() - started, 2),
        }
        if shard is not None or queue is not None:
            run.summary["measured_systems"] = measured
        summary = dict(run.summary)
    return {"rows": out, **summary}


def measure_shared(store, run, systems, gpus, targets, shard, queue, worker, measure_one) -> list[str]:
    """--shard / --queue: measure this worker's share of `targets`; returns the names measured."""
    import sqlalchemy as sa

    from liveaudit.store.queue import WorkQueue

    for attempt in range(5):  # the systems' store ids are the work items
        try:
            sync_catalogues(store, run, systems, gpus)
            break
        except sa.exc.IntegrityError:  # another worker synced the same new version at the same moment
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
    ids = {r["name"]: r["id"] for r in store.rows("current_systems")}
    wanted = [ids[s["name"]] for s in targets]
    if shard is not None:
        wanted = [i for i in wanted if i in shard]
    if queue is None:
        for spec in targets:
            if ids[spec["name"]] in wanted:
                measure_one(spec)
        return [s["name"] for s in targets if ids[s["name"]] in wanted]
    work = WorkQueue(store, "measure", batch=queue)
    work.enqueue(wanted, run)
    names = {v: k for k, v in ids.items()}
    table = store.table("systems")
    measured = []
    while True:
        with work.claimed(worker, 1) as claimed:
            if not claimed:
                return measured
            name = names.get(claimed[0])
            if name is None:  # an older version's row (the registry changed since it was queued)
                with store.engine.connect() as conn:
                    name = conn.execute(sa.select(table.c.name).where(table.c.id == claimed[0])).scalar()
            measure_one(resolve(systems, name))
            measured.append(name)
