"""The crawl stage of `liveaudit demo`: crawl the fixture site with data/sources.fixture.yaml.

The crawl runs as `python -m liveaudit crawl` in a child process: Twisted's reactor can start
only once per process, and the demo (or a test) may run the stages more than once.
"""

from __future__ import annotations

import os
import subprocess
import sys

from liveaudit.config import data_dir
from liveaudit.store import Store, schema


def demo_stage(store: Store, ctx) -> dict:
    """Crawl the fixture site at `ctx.fixture_url` into `store`; returns the crawl's counts."""
    if "***" in store.url:
        raise RuntimeError("the demo crawl needs a store URL without a hidden password; use an SQLite store")
    sources = data_dir() / "sources.fixture.yaml"
    cmd = [sys.executable, "-m", "liveaudit", "crawl", "--db", store.url, "--sources", str(sources),
           "--base-url", ctx.fixture_url]
    result = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ), check=False)
    runs = store.rows("runs", schema.runs.c.command == "crawl")
    if result.returncode != 0 or not runs:
        raise RuntimeError(f"the demo crawl failed: {(result.stderr or result.stdout).strip()[-500:]}")
    s = runs[-1]["summary"] or {}
    return {"fetched": s.get("fetched"), "new_versions": s.get("new_versions"), "unchanged": s.get("unchanged"),
            "errors": s.get("errors"), "skipped": s.get("skipped"), "mb_archived": s.get("mb_archived"),
            "problems": ", ".join(f"{k} {v}" for k, v in (s.get("issues") or {}).items())}
