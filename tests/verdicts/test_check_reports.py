"""`liveaudit check` on a thread lists its reports; on a page with no posts it lists none.
Each check crawls, and Twisted's reactor starts once per process: every check runs in its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parents[2] / "data" / "fixture_site" / "site"


def _check(page: str, db_path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "liveaudit", "check", str(SITE / page), "--db", str(db_path), *flags],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_thread_lists_its_reports_with_author_gpu_and_figure(db_path):
    out = _check("threads/rollingforcing-16fps.html", db_path, "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["document"]["thread_posts"] == 3
    [report] = result["reports"]
    assert (report["kind"], report["author"], report["gpu"], report["fps"]) == ("report", "jostelzer", "A100 80GB", 2.5)
    assert not any(c["quote"].startswith("We are trying to reproduce") for c in result["cards"])


def test_check_cli_prints_reports_of_a_thread(db_path):
    out = _check("threads/ltx-video-h20-inference-time.html", db_path)
    assert out.returncode == 0, out.stderr
    assert "1 reports of what others measured" in out.stdout and "f1yfisher" in out.stdout


def test_check_cli_prints_a_thread_without_measurements(db_path):
    out = _check("threads/self-forcing-sliding-window.html", db_path)
    assert out.returncode == 0, out.stderr
    assert "a thread of 1 posts: no measurement reported in it" in out.stdout
    assert "reports of what others measured" not in out.stdout
