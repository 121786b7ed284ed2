"""Item pipelines: extract the text, then archive the exchanges and commit the rows.

`ExtractPipeline` runs `extract()` in CRAWL_EXTRACT_WORKERS processes beside the crawl
(skipped when the body's hash equals the stored current version: nothing new to read).
`StorePipeline` does, in its single writer thread, for the items waiting (a batch): write
their WARC groups, flush, then insert each document version (if the content changed) and
fetch row, all in one transaction. Groups are committed in the order they are written, which is what
`warc.repair()` relies on after a crash. Both get the store through `from_crawler`.
Docs: https://docs.scrapy.org/en/latest/topics/item-pipeline.html
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import hashlib
import json
import os
import queue
import re
import threading
from pathlib import Path

import sqlalchemy as sa

from liveaudit.crawler.extract import exit_with_parent, extract, extract_json
from liveaudit.crawler.items import FetchItem, canonical
from liveaudit.crawler.warc import WarcArchive
from liveaudit.store import Store, schema
from liveaudit.store.runs import utcnow

_LATEST = (
    sa.select(schema.documents.c.id, schema.documents.c.version, schema.documents.c.content_sha256)
    .where(schema.documents.c.doc_key == sa.bindparam("key"))
    .order_by(schema.documents.c.version.desc())
    .limit(1)
)
_INSERT_DOCUMENT = schema.documents.insert()
_INSERT_FETCH = schema.fetches.insert()
BATCH = 64  # items committed in one transaction at most (whatever is waiting, up to this)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _widths(table: sa.Table) -> dict[str, int]:
    return {c.name: c.type.length for c in table.columns if isinstance(c.type, sa.String) and c.type.length}


_WIDTHS = {"documents": _widths(schema.documents), "fetches": _widths(schema.fetches)}


def row_for(table: str, row: dict) -> dict:
    """A row the backend will take: `storable` strings, each cut to its column's width
    (PostgreSQL refuses a longer value, SQLite would keep it)."""
    row = storable(row)
    for name, width in _WIDTHS[table].items():
        if isinstance(row.get(name), str) and len(row[name]) > width:
            row[name] = row[name][:width]
    return row


def storable(value):
    """`value` with what a backend cannot store removed from every string in it: NUL (PostgreSQL
    text and JSONB refuse it) dropped, lone surrogates (no backend encodes them) replaced."""
    if isinstance(value, str):
        value = value.replace("\x00", "")
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [storable(v) for v in value]
    return value


def _latest(conn: sa.Connection, doc_key: str):
    return conn.execute(_LATEST, {"key": doc_key}).first()


def _current_hashes(store: Store) -> dict[str, tuple[int, int, str]]:
    """doc_key -> (id, version, sha256) of every current document: a cache, checked again at commit."""
    view = store.table("current_documents")
    with store.engine.connect() as conn:
        return {
            r.doc_key: (r.id, r.version, r.content_sha256)
            for r in conn.execute(sa.select(view.c.doc_key, view.c.id, view.c.version, view.c.content_sha256))
        }


class ExtractPipeline:
    def __init__(self, store_url: str, workers: int) -> None:
        self.store_url = store_url
        self.workers = workers
        self.pool = None
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings["LIVEAUDIT_STORE_URL"], crawler.settings.getint("LIVEAUDIT_EXTRACT_WORKERS", 1))

    def open_spider(self, spider=None):
        self.store = Store.open(self.store_url, upgrade=False)
        self.known = _current_hashes(self.store)
        if self.workers > 0:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Workers get bytes and return a JSON string (see extract_json); spawned fresh, they
            # share none of the reactor's threads and sockets, and are this process's children
            # (so `liveaudit bench crawl` can count their CPU time).
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=exit_with_parent,
                initargs=(os.getpid(),),
            )

    def close_spider(self, spider=None):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.store is not None:
            self.store.close()

    async def process_item(self, item: FetchItem):
        if not item.is_page:
            return item
        item.sha256 = hashlib.sha256(item.body).hexdigest()
        known = self.known.get(canonical(item.final_url))
        if known is not None and known[2] == item.sha256:
            return item  # unchanged: the stored version already has its extraction
        if self.pool is None:
            item.extraction = extract(item.body, item.final_url, item.content_type)
        else:
            future = self.pool.submit(extract_json, item.body, item.final_url, item.content_type)
            item.extraction = json.loads(await asyncio.wrap_future(future))
        return item


class StorePipeline:
    def __init__(self, store_url: str, run_id: int, warc_dir: str, root: str, max_bytes: int, software: str) -> None:
        self.store_url = store_url
        self.run_id = run_id
        self.warc_dir = Path(warc_dir)
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.software = software
        self.store: Store | None = None
        self.archive: WarcArchive | None = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        pipeline = cls(
            s["LIVEAUDIT_STORE_URL"],
            s.getint("LIVEAUDIT_RUN_ID"),
            s["LIVEAUDIT_WARC_DIR"],
            s["LIVEAUDIT_ROOT"],
            s.getint("LIVEAUDIT_WARC_MAX_BYTES"),
            s["USER_AGENT"],
        )
        pipeline.crawler = crawler
        pipeline.slow_seconds = s.getfloat("LIVEAUDIT_SLOW_SECONDS", 0.0)
        return pipeline

    def open_spider(self, spider=None):
        # One writer thread takes the items in arrival order, a batch at a time: it writes and
        # flushes the batch's WARC groups, then commits all their rows in one transaction.
        # Batches are committed in the order they are written (what warc.repair relies on), and
        # the disk and SQLite waits stay off the reactor's thread.
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        ready: concurrent.futures.Future = concurrent.futures.Future()
        self.thread = threading.Thread(target=self._writer, args=(ready,), name="liveaudit-store", daemon=True)
        self.thread.start()
        ready.result()

    def close_spider(self, spider=None):
        self.queue.put(None)
        self.thread.join()

    async def process_item(self, item: FetchItem):
        spider = self.crawler.spider
        state = spider.state
        done: concurrent.futures.Future = concurrent.futures.Future()
        self.queue.put((item, spider.sources[item.source_id], done))
        try:
            outcome = await asyncio.wrap_future(done)
        except Exception as exc:  # a store that cannot take rows: stop rather than lose pages
            state.fatal = f"{type(exc).__name__}: {exc}"
            asyncio.ensure_future(spider.crawler.engine.close_spider_async(reason="store_error"))
            raise
        state.finished += 1
        state.warc_bytes = self.archive.bytes_written
        if outcome == "new_version":
            state.new_versions += 1
        elif outcome == "unchanged":
            state.unchanged += 1
        elif outcome == "error":
            state.errors += 1
        else:
            state.skipped += 1
        for kind in ([item.issue] if item.issue else []) + item.notes:
            state.issues[kind] += 1
        return item

    # ---- the writer thread ----------------------------------------------------------------
    def _writer(self, ready: concurrent.futures.Future) -> None:
        try:
            self.store = Store.open(self.store_url, upgrade=False)
            self.latest = _current_hashes(self.store)
            self.archive = WarcArchive(self.warc_dir, self.root, f"{self.run_id:06d}", self.max_bytes, self.software)
        except Exception as exc:
            ready.set_exception(exc)
            return
        ready.set_result(None)
        try:
            stop = False
            while not stop:
                first = self.queue.get()
                if first is None:
                    break
                batch = [first]
                while len(batch) < BATCH:
                    try:
                        nxt = self.queue.get_nowait()
                    except queue.Empty:
                        break
                    if nxt is None:
                        stop = True
                        break
                    batch.append(nxt)
                self._commit_batch(batch)
        finally:
            self.archive.close()
            self.store.close()

    def _commit_batch(self, batch: list) -> None:
        try:
            pointers = [self.archive.write_group(item.exchanges, flush=False) for item, _, _ in batch]
            self.archive.flush()  # in the OS before the rows commit: survives SIGKILL (not power loss)
        except Exception as exc:
            for _, _, done in batch:
                done.set_exception(exc)
            return
        try:
            pending: dict[str, tuple] = {}
            with self.store.engine.begin() as conn:
                outcomes = [
                    self._rows(conn, item, source, pointer, pending)
                    for (item, source, _), pointer in zip(batch, pointers)
                ]
            self.latest.update(pending)
        except sa.exc.IntegrityError:
            # Another crawler stored versions of these pages meanwhile: reread, then one by one.
            self.latest = _current_hashes(self.store)
            outcomes = []
            for (item, source, _), pointer in zip(batch, pointers):
                try:
                    pending = {}
                    with self.store.engine.begin() as conn:
                        outcomes.append(self._rows(conn, item, source, pointer, pending))
                    self.latest.update(pending)
                except Exception as exc:
                    outcomes.append(exc)
        except Exception as exc:
            outcomes = [exc] * len(batch)
        for (_, _, done), outcome in zip(batch, outcomes):
            if isinstance(outcome, Exception):
                done.set_exception(outcome)
            else:
                done.set_result(outcome)

    def _rows(self, conn: sa.Connection, item: FetchItem, source, pointer, pending: dict) -> str:
        """Insert the fetch row (and the document version if the content changed); the outcome."""
        warc = (
            {"warc_file": pointer.file, "warc_record_id": pointer.record_id, "warc_offset": pointer.offset}
            if pointer
            else {"warc_file": None, "warc_record_id": None, "warc_offset": None}
        )
        now = utcnow()
        fetch = {
            "url": item.url,
            "fetched_at": now,
            "http_status": item.status,
            "reason": item.reason,
            **warc,
            "run_id": self.run_id,
            "content_sha256": item.sha256,
            "document_id": None,
        }
        if not item.is_page:
            conn.execute(_INSERT_FETCH, row_for("fetches", {**fetch, "outcome": item.outcome or "error"}))
            return item.outcome or "error"
        doc_key = canonical(item.final_url)
        latest = pending.get(doc_key) or self.latest.get(doc_key)
        if latest is not None and latest[2] == item.sha256:
            conn.execute(_INSERT_FETCH, row_for("fetches", {**fetch, "outcome": "unchanged", "document_id": latest[0]}))
            return "unchanged"
        ext = item.extraction or extract(item.body, item.final_url, item.content_type)
        notes = self._notes(item, ext)
        if notes:
            item.notes = [kind for kind, _ in notes]
            fetch["reason"] = "; ".join(reason for _, reason in notes)
        version = (latest[1] if latest else 0) + 1
        doc_id = conn.execute(
            _INSERT_DOCUMENT,
            row_for(
                "documents",
                dict(
                    doc_key=doc_key,
                    version=version,
                    url=item.final_url,
                    source_key=item.source_id,
                    fetched_at=now,
                    http_status=item.status,
                    content_type=(item.content_type or "")[:200] or None,
                    content_sha256=item.sha256,
                    title=ext.get("title"),
                    author=ext.get("author"),
                    published_at=(ext.get("published_at") or None),
                    language=ext.get("language"),
                    text=ext.get("text"),
                    extract_status=ext["extract_status"],
                    meta=self._meta(item, source, ext, pointer),
                    run_id=self.run_id,
                    **warc,
                ),
            ),
        ).inserted_primary_key[0]
        conn.execute(_INSERT_FETCH, row_for("fetches", {**fetch, "outcome": "new_version", "document_id": doc_id}))
        pending[doc_key] = (doc_id, version, item.sha256)
        return "new_version"

    def _notes(self, item: FetchItem, ext: dict) -> list[tuple[str, str]]:
        """Problems of a page that is still stored: a bad encoding, a slow answer."""
        notes = []
        if ext.get("problem"):
            notes.append(("bad_encoding", ext["problem"]))
        took = item.exchanges[-1].seconds if item.exchanges else None
        if took is not None and self.slow_seconds and took > self.slow_seconds:
            notes.append(("slow", f"slow response: {took:.1f} s (over CRAWL_SLOW_SECONDS = {self.slow_seconds:g} s)"))
        return notes

    @staticmethod
    def _meta(item: FetchItem, source, ext: dict, pointer) -> dict:
        page = item.page_meta
        systems = [s.strip() for s in page.get("liveaudit:systems", "").split(",") if s.strip()] or list(source.systems)
        return {
            "source": source.id,
            "source_kind": source.kind,
            "kind": page.get("liveaudit:kind") or source.kind,
            "systems": systems,
            "source_url": page.get("liveaudit:source"),
            "page_meta": page,
            "requested_url": item.url,
            "redirects": [e.url for e in item.exchanges[:-1]],
            "depth": item.depth,
            "links": item.links,
            "format": ext.get("format"),
            "extraction": {
                "extractor": _extractor_version(),
                "encoding": ext.get("encoding"),
                "problem": ext.get("problem"),
                "note": ext.get("note"),
                "cuts": ext.get("cuts") or [],
            },
            "warc_length": pointer.length if pointer else None,
            "thread": item.thread,
        }


@functools.cache
def _extractor_version() -> str:
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"
