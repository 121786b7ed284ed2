"""A smoke run (`settings.tiny`: tiny networks on CPU) is never shown as a measurement: not in the
report, the dashboard, the exports, the gap table or any level, even when a verdict row cites it."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

from liveaudit.store.runs import utcnow
from tests.seed import seed

TINY_FPS = 397.25  # the "LTX-Video ... 397 fps" smoke run: a figure nothing may show


@pytest.fixture(scope="module")
def smoked(tmp_path_factory):
    """The seeded store plus tiny runs of a claimed system (Krea Realtime: no real run) and a measured
    one (LTX-Video), judged by the real rules, plus a stale verdict row that cites the tiny run."""
    from liveaudit.store import Store
    from liveaudit.verdicts import judge_store

    folder = tmp_path_factory.mktemp("smoke")
    ids = seed(folder / "store.db")
    store = Store.open(str(folder / "store.db"))
    with store.run("measure", {"tiny": True}) as run:
        tiny = store.insert(
            "measurements",
            [
                {
                    "system": system,
                    "hardware": "cpu",
                    "device": "cpu",
                    "settings": {
                        "width": 32,
                        "height": 32,
                        "fps": 16,
                        "steps": 1,
                        "seconds": 1,
                        "tiny": True,
                        "label": "tiny CPU smoke config",
                    },
                    "ttff_s": 0.01,
                    "throughput_fps": TINY_FPS,
                    "rtf": 0.04,
                    "level": "L4",
                    "result": {"mode": "eager", "chunk_gap_s": {"p99": 0.01}},
                    "environment": {},
                    "origin": "measured",
                    "created_at": utcnow(),
                }
                for system in ("Krea Realtime", "LTX-Video")
            ],
            run,
        )
    judge_store(store)
    krea = next(c for c in store.rows("current_claims") if c["system"] == "Krea Realtime")
    with store.run("verdicts") as run:  # an old verdict that (wrongly) rested on the smoke run
        store.insert(
            "verdicts",
            [
                {
                    "claim_id": krea["id"],
                    "verdict": "supported",
                    "reason": "smoke",
                    "implied_level": "L2",
                    "measured_level": "L4",
                    "confidence": 0.9,
                    "rules_version": "old",
                    "evidence": {"measurement_ids": [tiny[0]]},
                    "created_at": utcnow(),
                }
            ],
            run,
        )
    yield store, tiny, folder, ids
    store.close()


def test_smoke_runs_reach_no_level_or_gap_row(smoked):
    from liveaudit.verdicts.judge import load_facts

    store, tiny, _, _ = smoked
    gaps = store.rows("current_level_gaps")
    assert gaps and not [g for g in gaps if set(tiny) & set((g["evidence"] or {}).get("measurement_ids") or [])]
    assert not [g for g in gaps if g["system"] == "Krea Realtime" and g["measured_level"]]
    assert all(m["id"] not in tiny for f in load_facts(store).values() for m in f.measurements)
    judged = store.rows("verdicts", sa.column("rules_version") != "old")
    assert not [v for v in judged if set(tiny) & set((v["evidence"] or {}).get("measurement_ids") or [])]


def test_smoke_runs_are_not_in_the_report(smoked):
    from liveaudit.publish.report import build_report

    store, tiny, folder, _ = smoked
    result = build_report(store, folder / "report", pdf=False)
    html = (folder / "report" / "report.html").read_text(encoding="utf-8")
    # as a number, not inside a page's uuid or hash (a random "a397770e" failed CI once)
    assert not re.search(r"(?<![\w.-])397(?:\.\d+)?(?![\w-])", html)
    appendix = html.split('id="appendix-measurements"')[1].split('id="appendix-gaps"')[0]
    assert "<tr><td>#" in appendix and not any(f"<tr><td>#{i}</td>" in appendix for i in tiny)  # Methods names them
    assert "2 smoke runs" in html
    real = store.count("measurements") - len(tiny)
    assert result["headline"]["measurements"] == real


def test_smoke_runs_are_not_in_the_exports(smoked):
    import pyarrow.parquet as pq

    from liveaudit.publish.export import export

    store, tiny, folder, _ = smoked
    export(store, "parquet", folder / "export")
    table = pq.read_table(folder / "export" / "claims.parquet")
    assert not set(tiny) & set(table.column("measurement_id").to_pylist())
    assert TINY_FPS not in table.column("measurement_throughput_fps").to_pylist()


def test_smoke_runs_are_not_on_the_dashboard(smoked):
    from liveaudit.dashboard import queries

    store, tiny, _, ids = smoked
    engine = store.engine
    assert queries.totals(engine)["measurements"] == store.count("measurements") - len(tiny)
    levels = queries.levels_by_system(engine)
    measured = levels[levels["series"].str.startswith("measured")]
    assert "Krea Realtime" not in set(measured["system"]) and "cpu" not in " ".join(measured["detail"])
    for system in ("Krea Realtime", "LTX-Video"):
        assert not [m for m in queries.measurements(engine, system) if m["id"] in tiny]
    rows = json.dumps(queries.level_gaps(engine).to_dict("records"), default=str)
    assert "cpu" not in rows
