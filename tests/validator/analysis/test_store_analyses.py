"""Catalogues and analyses in a real SQLite store, the CLI and the demo stage."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from liveaudit.records import StageSettings
from liveaudit.validator import analyze_store
from liveaudit.validator.stage import analyze_run


def test_store_analyses_writes_catalogues_and_reuses_results(store, tiny_registry, tmp_path, monkeypatch):
    out = analyze_store(store)
    assert out["analyses_new"] == 4 and out["systems_new"] == 5 and out["hardware_new"] >= 9
    assert "Closed One" in out["skipped"]
    rows = store.rows("analyses")
    assert {r["system"] for r in rows} == {"Tiny Wan", "Tiny Causal", "Tiny LTX", "Tiny Stream"}
    assert all(r["run_id"] == rows[0]["run_id"] and "H100 SXM" in r["result"]["roofline"] for r in rows)
    again = analyze_store(store)
    assert again["analyses_new"] == 0 and again["analyses_reused"] == 4 and again["systems_new"] == 0
    assert again["hardware_new"] == 0 and store.count("analyses") == 4
    # a changed hardware file gets a new version row for the changed GPU only
    from liveaudit.validator.hardware import hardware_file

    data = yaml.safe_load(hardware_file().read_text())
    data["gpus"][0]["memory_bandwidth_gbs"] = 9999
    changed = tmp_path / "hw.yaml"
    changed.write_text(yaml.safe_dump(data))
    monkeypatch.setenv("LIVEAUDIT_VALIDATE_HARDWARE_FILE", str(changed))
    third = analyze_store(store, "Tiny Wan")
    assert third["hardware_new"] == 1 and third["analyses_new"] == 1
    versions = [r["version"] for r in store.rows("hardware") if r["name"] == data["gpus"][0]["name"]]
    assert versions == [1, 2]


def test_store_analyses_claimed_settings(store, tiny_registry):
    with store.run("test") as run:
        doc = store.insert(
            "documents",
            [
                {
                    "doc_key": "u",
                    "version": 1,
                    "url": "u",
                    "fetched_at": __import__("datetime").datetime.now(),
                    "content_sha256": "0" * 64,
                    "extract_status": "extracted",
                    "meta": {},
                }
            ],
            run,
        )[0]
        store.insert(
            "claims",
            [
                {
                    "document_id": doc,
                    "sentence_index": 0,
                    "sentence": "Tiny Wan runs at 128x64 in 4 steps.",
                    "kind": "quantified",
                    "system": "Tiny Wan",
                    "terms": [],
                    "figures": {"width": 128, "height": 64, "steps": 4},
                    "specificity": {},
                    "model_version": "t",
                }
            ],
            run,
        )
    out = analyze_store(store, "Tiny Wan")
    labels = sorted(r["settings"]["label"] for r in out["rows"])
    assert labels[0].startswith("claim #") and labels[1] == "published default"
    claimed = next(r for r in out["rows"] if r["settings"]["label"].startswith("claim"))
    assert (claimed["settings"]["width"], claimed["settings"]["height"], claimed["settings"]["steps"]) == (128, 64, 4)


def test_store_analyses_cli_analyze_json_and_errors(db_path, tiny_registry):
    env = {**__import__("os").environ, "LIVEAUDIT_VALIDATE_SYSTEMS_DIR": str(tiny_registry)}
    done = subprocess.run(
        [sys.executable, "-m", "liveaudit", "analyze", "--db", db_path, "--json", "--system", "tiny stream alias"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows[0]["system"] == "Tiny Stream" and rows[0]["crosscheck"]["ratio"] == 1.0
    assert rows[0]["roofline"]["RTX 4090"]["max_fps"] > 0
    bad = subprocess.run(
        [sys.executable, "-m", "liveaudit", "analyze", "--db", db_path, "--system", "Closed One"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert bad.returncode == 2 and "E708" in bad.stderr
    unknown = subprocess.run(
        [sys.executable, "-m", "liveaudit", "analyze", "--db", db_path, "--system", "nope"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert unknown.returncode == 2 and "E705" in unknown.stderr


def test_store_analyses_demo_analyze_stage(store, tiny_registry, tmp_path):
    summary = analyze_run(store, StageSettings({}, tmp_path, fixture_url="http://127.0.0.1:1"), print).figures
    assert summary["analyses_new"] == 4 and summary["closed_or_unbuildable"] == 1
    assert store.rows("runs")[-1]["command"] == "analyze"
