"""The crawl step: fetch the sources politely into the store, archiving every response as WARC.

In the offline demo (`settings.fixture_url` set) it crawls data/sources.fixture.yaml against
the local fixture site; for `liveaudit check` (`settings.urls` set) exactly those pages, depth 0.
A `file://` URL there is a local file: it is stored in-process under its own path and sha256
(crawler/local.py), not fetched.
The crawl runs as `python -m liveaudit crawl` in a child process:
Twisted's reactor can start only once per process, and the demo (or a test) may run the
stages more than once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from liveaudit.config import data_dir
from liveaudit.records import RunSummary, StageSettings
from liveaudit.stages import Progress, Stage
from liveaudit.store import Store, schema


def _local(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """The local files of `settings.urls` into the store; their document ids, in order."""
    from urllib.parse import unquote, urlsplit

    from liveaudit.crawler.local import ingest_file

    docs, new = [], 0
    for url in settings.urls:
        path = Path(unquote(urlsplit(url).path))
        progress(f"reading {path}")
        doc, added = ingest_file(store, path, settings.values)
        docs.append(doc)
        new += added
    return RunSummary(
        "crawl",
        {
            "run_id": docs[-1]["run_id"],
            "fetched": len(docs),
            "new_versions": new,
            "unchanged": len(docs) - new,
            "document_ids": [d["id"] for d in docs],
        },
    )


def run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Crawl the sources (the fixture site's in the demo) into `store`; returns the crawl's counts."""
    if settings.urls and all(u.startswith("file://") for u in settings.urls):
        return _local(store, settings, progress)
    if any(u.startswith("file://") for u in settings.urls):
        raise ValueError("the crawl step takes either web pages or local files (file:// URLs), not both at once")
    if "***" in store.url:
        raise RuntimeError("the crawl step needs a store URL without a hidden password; use an SQLite store")
    with tempfile.TemporaryDirectory(prefix="liveaudit-crawl-") as tmp:
        if settings.urls:
            sources = Path(tmp) / "sources.yaml"
            sources.write_text(
                yaml.safe_dump(
                    {
                        "sources": [
                            {
                                "id": "check",
                                "kind": "vendor_page",
                                "name": "liveaudit check",
                                "start_urls": list(settings.urls),
                                "depth": 0,
                            }
                        ]
                    }
                ),
                encoding="utf-8",
            )
        else:
            sources = data_dir() / ("sources.fixture.yaml" if settings.fixture_url else "sources.yaml")
        cmd = [sys.executable, "-m", "liveaudit", "crawl", "--db", store.url, "--sources", str(sources)]
        if settings.urls:
            cmd += ["--max-pages", str(len(settings.urls))]
        elif settings.fixture_url:
            cmd += ["--base-url", settings.fixture_url]
        progress(f"crawling {settings.fixture_url or sources}")
        before = {r["id"] for r in store.rows("runs", schema.runs.c.command == "crawl")}
        result = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ), check=False)
    runs = [r for r in store.rows("runs", schema.runs.c.command == "crawl") if r["id"] not in before]
    if result.returncode != 0 or not runs:
        raise RuntimeError(f"the crawl failed: {(result.stderr or result.stdout).strip()[-500:]}")
    s = runs[-1]["summary"] or {}
    return RunSummary(
        "crawl",
        {
            "run_id": runs[-1]["id"],
            "fetched": s.get("fetched"),
            "new_versions": s.get("new_versions"),
            "unchanged": s.get("unchanged"),
            "errors": s.get("errors"),
            "skipped": s.get("skipped"),
            "mb_archived": s.get("mb_archived"),
            "problems": ", ".join(f"{k} {v}" for k, v in (s.get("issues") or {}).items()),
        },
    )


def _commands(app):  # imported when the CLI is built, so `liveaudit --help` needs no Scrapy
    from liveaudit.crawler.cli import register

    register(app)


def _bench(**kwargs):
    from liveaudit.crawler.bench import bench_crawl

    return bench_crawl(**kwargs)


STAGES = (
    Stage(
        "crawl",
        "fetch and archive the sources (the fixture site in the demo)",
        run,
        extra="crawler",
        requires=("scrapy", "warcio", "trafilatura"),
        commands=_commands,
        bench=_bench,
    ),
)
