"""`judge_store` and `liveaudit verdicts` on a real SQLite store facts_store through Store.insert."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from liveaudit.config import data_dir
from liveaudit.store.runs import utcnow
from liveaudit.verdicts import KINDS, judge_store
from tests.verdicts.rows import analysis, claim, document, measurement


def _strip(row: dict, drop=("id",)) -> dict:
    return {k: v for k, v in row.items() if k not in drop}


def seed(store) -> None:
    """Five claims, one per verdict kind, over an open measured, an open unmeasured and a closed system."""
    now = utcnow()
    with store.run("seed") as run:
        [doc] = store.insert(
            "documents",
            [document(now)],
            run,
        )
        store.insert(
            "systems",
            [
                {"name": n, "version": 1, "open_weights": o, "content_sha256": "1" * 64, "spec": {"open_weights": o}}
                for n, o in (("Self-Forcing", True), ("LongLive", True), ("MirageLSD", False))
            ],
            run,
        )
        store.insert("analyses", [{**_strip(analysis()), "unknown_config_keys": [], "created_at": now}], run)
        store.insert("measurements", [{**_strip(measurement(fps_p50=17.0)), "created_at": now}], run)
        rows = [
            claim(fps=16, gpu="H100 SXM"),
            claim(fps=30, gpu="H100 SXM"),
            claim(fps=24, gpu="A10G", width=832, height=480, steps=4),
            claim(system="MirageLSD", kind="qualitative", implied_level="L3"),
            claim(system="LongLive", fps=20, gpu="H100 SXM"),
        ]
        store.insert(
            "claims",
            [
                {**_strip(c, ("id",)), "document_id": doc, "sentence_index": i, "model_version": "test@1"}
                for i, c in enumerate(rows)
            ],
            run,
        )


@pytest.fixture
def facts_store(store):
    seed(store)
    return store


def test_judge_every_current_claim_gets_one_verdict_of_each_kind(facts_store):
    summary = judge_store(facts_store, rules="v1")
    verdicts = facts_store.rows("current_verdicts")
    assert len(verdicts) == summary["claims"] == 5
    assert len({v["claim_id"] for v in verdicts}) == 5 and all(v["reason"].strip() for v in verdicts)
    assert {v["verdict"] for v in verdicts} == set(KINDS) - {"disputed"}  # v1 knows no disputed
    assert all(v["rules_version"].startswith("liveaudit.verdict_rules.v1+") for v in verdicts)
    run = [r for r in facts_store.rows("runs") if r["command"] == "verdicts"][0]
    assert run["status"] == "finished" and run["summary"]["new_verdicts"] == 5


def test_judge_rules_change_adds_a_v2_version_and_keeps_the_v1_rows(facts_store):
    first = judge_store(facts_store, rules="v1")
    v1_rows = facts_store.rows("verdicts")
    second = judge_store(facts_store)  # the default: rules v2
    assert first["rules_version"].startswith("liveaudit.verdict_rules.v1+")
    assert second["rules_version"].startswith("liveaudit.verdict_rules.v2+") and second["new_verdicts"] == 5
    assert {v["rules_version"] for v in facts_store.rows("current_verdicts")} == {second["rules_version"]}
    kept = [r for r in facts_store.rows("verdicts") if r["rules_version"] == first["rules_version"]]
    assert kept == v1_rows  # untouched, so v1 stays reproducible
    again = judge_store(facts_store, rules="v1")  # v1 again reproduces v1's outcomes
    by_claim = {r["claim_id"]: (r["verdict"], r["reason"]) for r in v1_rows}
    assert {v["claim_id"]: (v["verdict"], v["reason"]) for v in facts_store.rows("current_verdicts")} == by_claim
    assert again["rules_version"] == first["rules_version"]


def test_judge_rerun_without_changes_adds_nothing(facts_store):
    judge_store(facts_store)
    again = judge_store(facts_store)
    assert again["new_verdicts"] == 0 and again["unchanged"] == 5
    assert facts_store.count("verdicts") == 5


def test_judge_threshold_change_adds_a_version_and_keeps_the_old(facts_store, tmp_path):
    first = judge_store(facts_store)
    stricter = tmp_path / "levels.yaml"
    # A chunk gap bound of half a chunk turns the measured L2 into L1, so the wording's L2 is contradicted.
    stricter.write_text(
        (data_dir() / "levels.yaml").read_text().replace("chunk_gap_ratio: 1.0", "chunk_gap_ratio: 0.5")
    )
    second = judge_store(facts_store, stricter)
    assert second["rules_version"] != first["rules_version"]
    assert second["new_verdicts"] == 5 and facts_store.count("verdicts") == 10
    assert {v["rules_version"] for v in facts_store.rows("current_verdicts")} == {second["rules_version"]}
    assert {v["rules_version"] for v in facts_store.rows("verdicts")} == {
        first["rules_version"],
        second["rules_version"],
    }
    gaps = {(g["system"], g["hardware"]): g for g in facts_store.rows("current_level_gaps")}
    assert gaps[("Self-Forcing", "H100 SXM")]["measured_level"] == "L1"


def test_judge_gap_table_per_system_and_gpu(facts_store):
    judge_store(facts_store)
    gaps = {(g["system"], g["hardware"]): g for g in facts_store.rows("current_level_gaps")}
    h100 = gaps[("Self-Forcing", "H100 SXM")]
    assert (h100["implied_level"], h100["measured_level"], h100["gap"]) == ("L2", "L2", 0)
    a10g = gaps[("Self-Forcing", "A10G")]
    assert a10g["bound_level"] == "L0" and a10g["measured_level"] is None
    assert gaps[("MirageLSD", None)]["implied_level"] == "L3"
    assert h100["evidence"]["measurement_ids"] and h100["claims"] == 2


def test_judge_cli_prints_counts_and_gap_table(facts_store, db_path):
    facts_store.close()
    result = subprocess.run(
        [sys.executable, "-m", "liveaudit", "verdicts", "--db", db_path],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    assert "implausible" in result.stdout and "gap table" in result.stdout and "Self-Forcing" in result.stdout
    lines = subprocess.run(
        [sys.executable, "-m", "liveaudit", "verdicts", "--db", db_path, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.splitlines()
    assert len(lines) == 5 and all(json.loads(line)["reason"] for line in lines)


def test_judge_cli_bad_levels_file_is_one_line(db_path, tmp_path):
    bad = tmp_path / "levels.yaml"
    bad.write_text("thresholds: [1, 2]\n")
    result = subprocess.run(
        [sys.executable, "-m", "liveaudit", "verdicts", "--db", db_path, "--levels", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stderr.startswith("error[E802]")


def test_judge_stage_run_returns_counts_and_the_gap_table(facts_store, tmp_path):
    from rich.table import Table

    from liveaudit.records import StageSettings
    from liveaudit.stages import get_stage

    result = get_stage("judge").run(facts_store, StageSettings(values={}, workdir=tmp_path), lambda message: None)
    summary = result.figures
    assert isinstance(result.table, Table) and result.table.row_count == summary["gap_rows"] > 0
    assert summary["claims"] == 5 and sum(summary[k] for k in KINDS) == 5


def test_judge_ignores_tiny_smoke_runs(facts_store):
    with facts_store.run("measure") as run:
        tiny = measurement(system="LongLive", fps_p50=400.0, settings={"width": 64, "height": 64, "tiny": True})
        facts_store.insert("measurements", [{**_strip(tiny), "created_at": utcnow()}], run)
    judge_store(facts_store)
    longlive = [v for v in facts_store.rows("current_verdicts") if "LongLive" in v["reason"]]
    assert [v["verdict"] for v in longlive] == ["untested"]
    assert not any(g["measured_level"] for g in facts_store.rows("current_level_gaps") if g["system"] == "LongLive")


def test_judge_gap_table_and_dashboard_read_the_level_in_context_not_the_word_list(store):
    """'not real time' carries the word 'real time' (L2 by the word list) but implies no level."""
    from liveaudit.dashboard.queries import claim_summary

    now = utcnow()
    with store.run("seed") as run:
        [doc] = store.insert("documents", [document(now)], run)
        store.insert(
            "systems",
            [{"name": "LongLive", "version": 1, "open_weights": True, "content_sha256": "1" * 64, "spec": {}}],
            run,
        )
        negated = {
            **claim(system="LongLive", kind="qualitative", implied_level="L2"),
            "sentence": "LongLive is not real time on a laptop.",
        }
        store.insert(
            "claims",
            [{**_strip(negated), "document_id": doc, "sentence_index": 0, "model_version": "test@1"}],
            run,
        )
    judge_store(store)
    [gap] = store.rows("current_level_gaps")
    assert gap["system"] == "LongLive" and gap["implied_level"] is None
    summary = claim_summary(store.engine)
    assert summary["implied_level"].isna().all()
