"""`liveaudit bench measure`: the harness beside a bare loop of the same denoiser calls."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.slow
def test_bench_prints_harness_bare_loop_and_goals(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "liveaudit", "bench", "measure", "--system", "StreamDiffusion", "--repetitions", "2"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "bare loop" in result.stdout and "goal: harness overhead" in result.stdout
