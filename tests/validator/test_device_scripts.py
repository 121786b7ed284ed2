"""The prepared GPU session (scripts/device_measure.sh, device_collect.sh) still runs, on CPU with tiny nets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_device_scripts_measure_on_cpu_and_collect_refuses_tiny_rows(tmp_path):
    out = tmp_path / "out"
    env = {
        **os.environ,
        "DEVICE": "cpu",
        "TINY": "1",
        "PYTHON": sys.executable,
        "OUT": str(out),
        "PLAN": "StreamDiffusion 300 eager",
        "BENCH": " ",  # no harness-vs-bare benchmark
        "DEADLINE_S": "400",
    }
    run = subprocess.run(
        ["bash", str(ROOT / "scripts" / "device_measure.sh")], env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "StreamDiffusion  eager" in run.stdout  # the summary table the run ends with
    with tarfile.open(out / "runs.tgz") as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    rows = json.loads((tmp_path / "unpacked" / "runs" / "streamdiffusion.eager.json").read_text(encoding="utf-8"))
    assert rows and rows[0]["system"] == "StreamDiffusion" and rows[0]["settings"]["tiny"] is True
    assert "rc=0" in (out / "measure.log").read_text(encoding="utf-8")
    collect = subprocess.run(
        ["bash", str(ROOT / "scripts" / "device_collect.sh"), str(out)],
        env={**os.environ, "PY": sys.executable},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert collect.returncode == 0, collect.stdout + collect.stderr
    assert "skip streamdiffusion.eager.json: tiny or not a GPU run" in collect.stdout
