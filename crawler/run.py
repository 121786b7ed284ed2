"""`crawl()`: one crawl of a sources file into the store, run in-process by Scrapy.

Order of work: validate the sources; repair the archive of any crawl that died; plan the
frontier (all start URLs, or the rest of the interrupted crawl with `resume=True`); record
the sources; run the `sources` spider under a `crawl` run record; return the summary
(also stored on the run). Twisted's reactor starts once per process: call `crawl()` once
per process (the CLI does; tests run it in a subprocess).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from liveaudit import config
from liveaudit.crawler import frontier
from liveaudit.crawler.items import CrawlState
from liveaudit.crawler.sources import Source, load_sources
from liveaudit.store import Store
from liveaudit.store.runs import utcnow


def store_root(store: Store) -> Path:
    """The folder the archive lives in: the SQLite file's folder, else the working directory."""
    if store.url.startswith("sqlite:///"):
        return Path(store.url.removeprefix("sqlite:///")).parent
    return Path.cwd()


def warc_dir(store: Store, values: Mapping[str, Any]) -> Path:
    path = Path(values["CRAWL_WARC_DIR"]).expanduser()
    return path if path.is_absolute() else store_root(store) / path


def record_sources(store: Store, sources: list[Source], run) -> int:
    """Add a new version of each source whose config changed; returns how many were added."""
    current = {r["source_key"]: r for r in store.rows("current_sources")}
    rows = []
    for s in sources:
        cfg = s.model_dump(mode="json")
        old = current.get(s.id)
        if old is not None and json.dumps(old["config"], sort_keys=True) == json.dumps(cfg, sort_keys=True):
            continue
        rows.append(
            {
                "source_key": s.id,
                "version": (old["version"] if old else 0) + 1,
                "kind": s.kind,
                "name": s.name,
                "config": cfg,
                "created_at": utcnow(),
            }
        )
    store.insert("sources", rows, run)
    return len(rows)


def raise_if_stopped(store: Store, state: CrawlState) -> None:
    """End the crawl's run as failed when the store broke under it (E102), interrupted on shutdown."""
    if state.fatal:
        from liveaudit.errors import StoreError

        raise StoreError("E102", url=store.url, reason=state.fatal)
    if state.close_reason == "shutdown":
        raise KeyboardInterrupt


def crawl(
    db: str | None = None,
    sources: str | Path | None = None,
    *,
    base_url: str | None = None,
    max_pages: int | None = None,
    resume: bool = False,
    progress: Callable[[dict], None] | None = None,
    settings: Mapping[str, Any] | None = None,
    store: Store | None = None,
) -> dict:
    """Crawl `sources` (default data/sources.yaml) into the store `db`; returns the summary.

    `base_url` replaces the sources file's base_url; `max_pages` caps the URLs fetched by this
    run (the rest stays in the frontier for `resume=True`); `progress` gets counters twice a
    second; `settings` overrides CRAWL_* settings. Raises ConfigError E501 for a bad sources
    file and InputError E503 when there is nothing to resume.
    """
    values = config.load_settings({"STORE_URL": db, **(settings or {})} if db is not None else dict(settings or {}))
    own_store = store is None
    store = store or Store.open(values["STORE_URL"])
    try:
        srcs = load_sources(sources, base_url)
        root = store_root(store)
        archive_dir = warc_dir(store, values)
        repaired = frontier.repair_stale_runs(store, root, archive_dir)
        plan = frontier.plan(store, srcs, resume)
        args = {
            "sources": str(sources or "data/sources.yaml"),
            "base_url": base_url,
            "max_pages": max_pages,
            "resume_of": plan.resume_of,
            "sources_sha256": sources_sha256(srcs),
        }
        with store.run("crawl", args) as run:
            added = record_sources(store, srcs, run)
            state = CrawlState(max_pages=max_pages)
            from liveaudit.crawler.spiders.sources import SourcesSpider

            run_spider(
                store,
                values,
                SourcesSpider,
                state,
                run.id,
                root,
                archive_dir,
                progress,
                sources=srcs,
                plan=plan,
                max_pages=max_pages,
            )
            run.summary = {
                **state.summary(),
                "sources": len(srcs),
                "sources_added": added,
                "resumed_from": plan.resume_of,
                "already_done": plan.done,
                "repaired_runs": [r["run"] for r in repaired],
                "warc_dir": str(archive_dir),
            }
            raise_if_stopped(store, state)
        return {**run.summary, "run_id": run.id}
    finally:
        if own_store:
            store.close()


def sources_sha256(sources: list[Source]) -> str:
    """A digest of the validated sources, stored with the run's args."""
    return hashlib.sha256(json.dumps([s.model_dump(mode="json") for s in sources]).encode()).hexdigest()


def run_spider(
    store,
    values,
    spider_cls,
    state: CrawlState,
    run_id: int,
    root: Path,
    archive_dir: Path,
    progress: Callable[[dict], None] | None = None,
    extra: Mapping[str, Any] | None = None,
    **spider_kwargs,
) -> None:
    """Run `spider_cls` under Scrapy until it closes, with the crawl's settings (plus `extra`):
    the one place a crawl and a distributed worker start Scrapy. Records the close reason and
    the seconds on `state`; `progress` gets counters twice a second."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from liveaudit.crawler.settings import scrapy_settings

    settings = scrapy_settings(
        values,
        {
            "LIVEAUDIT_STORE_URL": store.url if "***" not in store.url else values["STORE_URL"],
            "LIVEAUDIT_RUN_ID": run_id,
            "LIVEAUDIT_WARC_DIR": str(archive_dir),
            "LIVEAUDIT_ROOT": str(root),
            **(extra or {}),
        },
    )
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider_cls)

    def _closed(spider, reason):
        state.close_reason = reason

    crawler.signals.connect(_closed, signal=signals.spider_closed)
    process.crawl(crawler, state=state, **spider_kwargs)
    ticker = None
    if progress is not None:
        from twisted.internet import task

        ticker = task.LoopingCall(lambda: progress(state.snapshot()))
        ticker.start(0.5, now=True)
    started = time.perf_counter()
    process.start()
    state.crawl_seconds = round(time.perf_counter() - started, 3)
    if ticker is not None and ticker.running:
        ticker.stop()
    if progress is not None:
        progress(state.snapshot())
