"""The 'Claimed vs measured' page in a real browser (headless Chromium via Playwright), with a screenshot.

Run with --run-browser; needs /usr/bin/chromium. The store: the dashboard seed plus the LongLive
registry row and evidence rows of tests/liveaudit/test_measured.py, one with hostile text.
Screenshots go to $SCREENSHOT_DIR (or the test's temp folder).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liveaudit.store import Store
from tests.dashboard.test_browser import _settled, browser, page, shots  # noqa: F401 - shared fixtures
from tests.liveaudit.test_measured import seed_evidence
from tests.seed import seed

pytestmark = pytest.mark.browser
HOSTILE_AUTHOR = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def measured_dashboard(tmp_path_factory):
    folder = tmp_path_factory.mktemp("measured")
    seed(folder / "store.db")
    store = Store.open(str(folder / "store.db"))
    seed_evidence(store, ({"sentence": HOSTILE_AUTHOR, "author": HOSTILE_AUTHOR, "gpu": "B200", "fps": 16.4},))
    store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveaudit", "dashboard", "--db", str(folder / "store.db"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    url, seen, deadline = None, [], time.monotonic() + 90
    while time.monotonic() < deadline and url is None:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        match = re.search(r"dashboard: (http://127\.0\.0\.1:\d+/)", line)
        url = match.group(1) if match else None
    if url is None:
        proc.kill()
        pytest.fail("liveaudit dashboard did not print its URL: " + "".join(seen))
    yield url
    proc.terminate()
    proc.wait(20)


def test_browser_measured_page_shows_claim_line_points_and_ratios(measured_dashboard, page, shots):  # noqa: F811
    page.goto(measured_dashboard + "measured?system=LongLive")
    _settled(page, "Claimed vs measured")
    _settled(page, "Median got / claimed")
    body = page.inner_text("body")
    assert "Claimed: 20.7 fps on H100 SXM" in body and "0.23" in body  # median of 1.2, 1.5, 8, 16.4 fps over 20.7
    assert page.locator("canvas, svg").count() >= 1  # the chart (claimed line + points) is drawn
    assert "our runs" in body  # our GPU runs beside others
    assert not page.get_by_text("Traceback").count()
    assert page.dialogs == [] and page.locator("img[src='x']").count() == 0
    page.screenshot(path=str(shots / "measured.png"), full_page=True)
    assert Path(shots / "measured.png").stat().st_size > 10_000
