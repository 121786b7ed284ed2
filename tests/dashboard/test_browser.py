"""The dashboard in a real browser: `liveaudit dashboard` on 127.0.0.1, driven by headless Chromium.

Needs Debian's `chromium` package (apt-get install -y chromium) and the Playwright Python
package; Playwright's own browser download is never used. Run with --run-browser.
Screenshots go to $SCREENSHOT_DIR (or the test's temp folder).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.seed import HOSTILE_SENTENCE, IMG_PAYLOAD, SCRIPT_PAYLOAD, seed

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """`liveaudit dashboard` on a seeded store; yields (base URL, seeded ids)."""
    folder = tmp_path_factory.mktemp("browser")
    ids = seed(folder / "store.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveaudit", "dashboard", "--db", str(folder / "store.db"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    url, seen = None, []
    deadline = time.monotonic() + 90
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
    yield url, ids
    proc.terminate()
    proc.wait(20)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.dialogs = []  # every alert/confirm a page tries to open
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _settled(pg, text: str) -> None:
    """Wait until `text` shows and Streamlit has finished the run (no skeletons, no running status)."""
    pg.get_by_text(text, exact=False).first.wait_for(timeout=60_000)
    pg.wait_for_function(
        """() => !document.querySelector('[data-testid="stSkeleton"]')
                               && !document.querySelector('[data-testid="stStatusWidget"]')""",
        timeout=60_000,
    )
    pg.wait_for_timeout(500)


@pytest.mark.parametrize(
    "path, marker",
    [
        ("", "Implied vs measured liveness level"),
        ("claims", "claims match"),
        ("system?system=Self-Forcing", "Roofline"),
        ("card?claim=1", "Copy citation"),
        ("runs", "Software versions"),
    ],
)
def test_browser_opens_every_page(dashboard, page, shots, path, marker):
    url, _ = dashboard
    page.goto(url + path)
    _settled(page, marker)
    assert not page.get_by_text("Traceback").count()
    page.screenshot(path=str(shots / f"{(path.split('?')[0] or 'overview')}.png"), full_page=True)


def test_browser_claims_filter_narrows_the_table(dashboard, page, shots):
    url, _ = dashboard
    page.goto(url + "claims")
    _settled(page, "7 claims match")
    search = page.get_by_label("Search sentence, URL or title")
    search.fill("self-forcing")
    search.press("Enter")
    _settled(page, "2 claims match")  # the paper abstract and its comparative claim
    page.screenshot(path=str(shots / "claims-filtered.png"), full_page=True)


def test_browser_card_permalink_shows_the_verdict(dashboard, page, shots):
    url, ids = dashboard
    page.goto(f"{url}card?claim={ids['claims']['supported']}")
    _settled(page, "Copy citation")
    assert page.get_by_text("SUPPORTED", exact=False).count()
    assert page.get_by_text("Self-Forcing achieves real-time streaming", exact=False).count()
    assert f"card?claim={ids['claims']['supported']}" in page.url
    page.screenshot(path=str(shots / "card-supported.png"), full_page=True)


def test_browser_hostile_page_text_shows_as_text_and_runs_nothing(dashboard, page, shots):
    url, ids = dashboard
    for path in (f"card?claim={ids['hostile_claim']}", "claims", ""):
        page.goto(url + path)
        _settled(
            page, "Copy citation" if path.startswith("card") else "claims match" if path else "Implied vs measured"
        )
    page.goto(f"{url}card?claim={ids['hostile_claim']}")
    _settled(page, "Copy citation")
    assert page.get_by_text(HOSTILE_SENTENCE, exact=True).count() >= 1  # shown, literally
    assert page.get_by_text(f"Hostile page {SCRIPT_PAYLOAD}", exact=True).count() >= 1
    assert page.dialogs == []
    assert page.locator("img[src='x']").count() == 0
    injected = page.evaluate("""() => Array.from(document.querySelectorAll('script'))
                                  .filter(s => s.textContent.includes('alert(1)')).length""")
    assert injected == 0
    assert page.evaluate("() => Array.from(document.querySelectorAll('[onerror]')).length") == 0
    assert IMG_PAYLOAD in page.inner_text("body")
    page.screenshot(path=str(shots / "card-hostile.png"), full_page=True)
    if os.environ.get("SCREENSHOT_DIR") is None:
        shutil.copy(shots / "card-hostile.png", shots / "last.png")
