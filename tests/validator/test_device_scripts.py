"""The prepared GPU session (scripts/device_measure.sh, device_collect.sh) still runs, on CPU with tiny nets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
        "SYSTEMS": "StreamDiffusion",
        "PER_SYSTEM_S": "300",
    }
    run = subprocess.run(
        ["bash", str(ROOT / "scripts" / "device_measure.sh")], env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    rows = json.loads((out / "streamdiffusion.json").read_text(encoding="utf-8"))
    assert rows and rows[0]["system"] == "StreamDiffusion" and rows[0]["settings"]["tiny"] is True
    assert "rc=0" in (out / "measure.log").read_text(encoding="utf-8")
    collect = subprocess.run(
        ["bash", str(ROOT / "scripts" / "device_collect.sh"), str(out)],
        env={**os.environ, "PY": sys.executable},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collect.returncode == 0 and "skip streamdiffusion.json: tiny or not a GPU run" in collect.stdout
