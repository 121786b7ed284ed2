"""`liveaudit measure --queue BATCH / --shard I/N`: several workers share the systems through the store.

The systems are the tiny registry of tests/validator/conftest.py (four open systems, one
closed), measured with the tiny CPU config, one repetition and no FLOP count, so each is
well under a second once torch is loaded. Work items are the ids of the systems' rows in
current_systems.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from liveaudit.store import Store
from liveaudit.store.queue import Shard, WorkQueue
from liveaudit.validator.measure import Options, measure_store

OPEN = {"Tiny Causal", "Tiny LTX", "Tiny Stream", "Tiny Wan"}
FAST = {"device": "cpu", "warmup": 0, "repetitions": 1, "count_flops": False}


@pytest.fixture
def any_store(store_db):
    s = Store.open(store_db)
    yield s
    s.close()


def _measured(store) -> Counter:
    return Counter(r["system"] for r in store.rows("measurements"))


def test_store_measurements_queue_two_workers_share_the_systems_once(any_store, tiny_registry):
    """Worker a claims one system; while it measures it, worker b drains the rest of the queue."""
    store = any_store
    inner = {}

    def progress_a(text):
        if "b" not in inner:  # a has claimed its first system: b runs in full now
            inner["b"] = measure_store(store, None, Options(**FAST), queue="round-1", worker="b")

    a = measure_store(store, None, Options(**FAST), progress=progress_a, queue="round-1", worker="a")
    b = inner["b"]
    assert len(a["measured_systems"]) == 1 and len(b["measured_systems"]) == 3
    assert set(a["measured_systems"]) | set(b["measured_systems"]) == OPEN
    assert _measured(store) == Counter({name: 1 for name in OPEN})  # none twice, none missed
    items = store.rows("work_items")
    ids = {r["name"]: r["id"] for r in store.rows("current_systems")}
    assert sorted(r["item_id"] for r in items) == sorted(ids[n] for n in OPEN)  # store ids, closed one not queued
    assert {r["state"] for r in items} == {"done"}
    assert {r["worker"] for r in items if r["item_id"] == ids[a["measured_systems"][0]]} == {"a"}
    runs = [r for r in store.rows("runs") if r["command"] == "measure"]
    assert sorted(r["args"]["worker"] for r in runs) == ["a", "b"] and {r["args"]["queue"] for r in runs} == {"round-1"}
    # A third worker on the same batch finds nothing left; a new batch measures everything again.
    assert measure_store(store, None, Options(**FAST), queue="round-1", worker="c")["measured_systems"] == []
    assert len(store.rows("systems")) == 5  # every worker synced the registry, only the first added rows


def test_store_measurements_queue_worker_that_raises_releases_its_system(tmp_path, tiny_registry):
    store = Store.open(str(tmp_path / "s.db"))

    def stop_at_ltx(text):
        if "Tiny LTX" in text:
            raise RuntimeError("worker stopped")

    with pytest.raises(RuntimeError):
        measure_store(store, None, Options(**FAST), progress=stop_at_ltx, queue="r", worker="a")
    counts = WorkQueue(store, "measure", batch="r").counts()
    assert counts["claimed"] == 0 and counts["pending"] >= 1  # the LTX item went back, not lost
    run = [r for r in store.rows("runs") if r["command"] == "measure"][0]
    assert run["status"] == "failed"
    b = measure_store(store, None, Options(**FAST), queue="r", worker="b")
    assert "Tiny LTX" in b["measured_systems"]
    assert WorkQueue(store, "measure", batch="r").counts() == {"pending": 0, "claimed": 0, "done": 4, "failed": 0}
    assert set(_measured(store)) == OPEN and _measured(store)["Tiny LTX"] == 1
    store.close()


def test_store_measurements_shard_splits_by_system_store_id(tmp_path, tiny_registry):
    store = Store.open(str(tmp_path / "s.db"))
    done = []
    for shard in (Shard(1, 2), Shard(2, 2)):
        out = measure_store(store, None, Options(**FAST), shard=shard)
        ids = {r["name"]: r["id"] for r in store.rows("current_systems")}
        assert all(ids[name] in shard for name in out["measured_systems"])
        done += out["measured_systems"]
    assert sorted(done) == sorted(OPEN) and _measured(store) == Counter({name: 1 for name in OPEN})
    store.close()


def test_store_measurements_queue_cli_two_processes_at_once(store_db, tiny_registry):
    """Two real `liveaudit measure --queue` processes on one store, started together."""
    cmd = [
        sys.executable,
        "-m",
        "liveaudit",
        "measure",
        "--db",
        store_db,
        "--queue",
        "cli-round",
        "--repetitions",
        "1",
        "--warmup",
        "0",
        "--json",
    ]
    procs = [
        subprocess.Popen(cmd + ["--worker", w], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for w in ("p1", "p2")
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err[-2000:] for _, err in outs]
    store = Store.open(store_db)
    try:
        assert _measured(store) == Counter({name: 1 for name in OPEN})
        items = store.rows("work_items")
        assert (
            len(items) == 4 and {r["state"] for r in items} == {"done"} and {r["worker"] for r in items} <= {"p1", "p2"}
        )
        assert len(store.rows("systems")) == 5  # the two syncs did not both add the registry
    finally:
        store.close()


def test_store_measurements_cli_rejects_a_bad_shard(tmp_path):
    from typer.testing import CliRunner

    from liveaudit.cli import app

    result = CliRunner().invoke(app, ["measure", "--db", str(tmp_path / "s.db"), "--shard", "3/2"])
    assert result.exit_code != 0 and getattr(result.exception, "code", None) == "E107"
