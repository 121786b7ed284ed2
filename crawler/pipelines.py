"""Item pipelines: extract the text, then archive the exchanges and commit the rows.

`ExtractPipeline` runs `extract()` in CRAWL_EXTRACT_WORKERS processes beside the crawl
(skipped when the body's hash equals the stored current version: nothing new to read).
`StorePipeline` does, for one item at a time in its single writer thread: write the WARC
group, flush it, then insert the document version (if the content changed) and the fetch
row in one transaction. Groups are committed in the order they are written, which is what
`warc.repair()` relies on after a crash. Both get the store through `from_crawler`.
Docs: https://docs.scrapy.org/en/latest/topics/item-pipeline.html
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
from pathlib import Path

import sqlalchemy as sa

from liveaudit.crawler.extract import extract, extract_json
from liveaudit.crawler.items import FetchItem, canonical
from liveaudit.crawler.warc import WarcArchive
from liveaudit.store import Store, schema
from liveaudit.store.runs import utcnow


_LATEST = (sa.select(schema.documents.c.id, schema.documents.c.version, schema.documents.c.content_sha256)
           .where(schema.documents.c.doc_key == sa.bindparam("key")).order_by(schema.documents.c.version.desc()).limit(1))
_INSERT_DOCUMENT = schema.documents.insert()
_INSERT_FETCH = schema.fetches.insert()


def _latest(conn: sa.Connection, doc_key: str):
    return conn.execute(_LATEST, {"key": doc_key}).first()


def _current_hashes(store: Store) -> dict[str, tuple[int, int, str]]:
    """doc_key -> (id, version, sha256) of every current document: a cache, checked again at commit."""
    view = store.table("current_documents")
    with store.engine.connect() as conn:
        return {r.doc_key: (r.id, r.version, r.content_sha256)
                for r in conn.execute(sa.select(view.c.doc_key, view.c.id, view.c.version, view.c.content_sha256))}


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
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

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
        pipeline = cls(s["LIVEAUDIT_STORE_URL"], s.getint("LIVEAUDIT_RUN_ID"), s["LIVEAUDIT_WARC_DIR"], s["LIVEAUDIT_ROOT"],
                       s.getint("LIVEAUDIT_WARC_MAX_BYTES"), s["USER_AGENT"])
        pipeline.crawler = crawler
        pipeline.slow_seconds = s.getfloat("LIVEAUDIT_SLOW_SECONDS", 0.0)
        return pipeline

    def open_spider(self, spider=None):
        from concurrent.futures import ThreadPoolExecutor

        # One writer thread: items are archived and committed one at a time, in order (what
        # warc.repair relies on), and the disk and SQLite waits stay off the reactor's thread.
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="liveaudit-store")
        self.writer.submit(self._open).result()

    def _open(self) -> None:
        self.store = Store.open(self.store_url, upgrade=False)
        self.latest = _current_hashes(self.store)
        self.archive = WarcArchive(self.warc_dir, self.root, f"{self.run_id:06d}", self.max_bytes, self.software)

    def close_spider(self, spider=None):
        self.writer.submit(self._close).result()
        self.writer.shutdown(wait=True)

    def _close(self) -> None:
        if self.archive is not None:
            self.archive.close()
        if self.store is not None:
            self.store.close()

    async def process_item(self, item: FetchItem):
        spider = self.crawler.spider
        state = spider.state
        try:
            future = self.writer.submit(self._commit, item, spider.sources[item.source_id])
            outcome = await asyncio.wrap_future(future)
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

    def _commit(self, item: FetchItem, source) -> str:
        pointer = self.archive.write_group(item.exchanges)  # flushed before the rows commit
        warc = {"warc_file": pointer.file, "warc_record_id": pointer.record_id, "warc_offset": pointer.offset} if pointer else {
            "warc_file": None, "warc_record_id": None, "warc_offset": None}
        now = utcnow()
        fetch = {"url": item.url, "fetched_at": now, "http_status": item.status, "reason": item.reason, **warc,
                 "run_id": self.run_id, "content_sha256": item.sha256, "document_id": None}
        if not item.is_page:
            with self.store.engine.begin() as conn:
                conn.execute(_INSERT_FETCH, {**fetch, "outcome": item.outcome or "error"})
            return item.outcome or "error"
        doc_key = canonical(item.final_url)
        try:
            return self._commit_page(item, source, doc_key, fetch, warc, pointer, now)
        except sa.exc.IntegrityError:
            # Another crawler stored a version of this page meanwhile: read the truth and retry.
            with self.store.engine.connect() as conn:
                row = _latest(conn, doc_key)
            self.latest[doc_key] = tuple(row) if row is not None else None
            return self._commit_page(item, source, doc_key, fetch, warc, pointer, now)

    def _commit_page(self, item, source, doc_key, fetch, warc, pointer, now) -> str:
        latest = self.latest.get(doc_key)
        with self.store.engine.begin() as conn:
            if latest is not None and latest[2] == item.sha256:
                conn.execute(_INSERT_FETCH, {**fetch, "outcome": "unchanged", "document_id": latest[0]})
                return "unchanged"
            ext = item.extraction or extract(item.body, item.final_url, item.content_type)
            notes = self._notes(item, ext)
            if notes:
                item.notes = [kind for kind, _ in notes]
                fetch["reason"] = "; ".join(reason for _, reason in notes)
            version = (latest[1] if latest else 0) + 1
            doc_id = conn.execute(_INSERT_DOCUMENT, dict(
                doc_key=doc_key, version=version, url=item.final_url,
                source_key=item.source_id, fetched_at=now, http_status=item.status,
                content_type=(item.content_type or "")[:200] or None, content_sha256=item.sha256,
                title=ext.get("title"), author=ext.get("author"), published_at=(ext.get("published_at") or None),
                language=ext.get("language"), text=ext.get("text"), extract_status=ext["extract_status"],
                meta=self._meta(item, source, ext, pointer), run_id=self.run_id, **warc,
            )).inserted_primary_key[0]
            conn.execute(_INSERT_FETCH, {**fetch, "outcome": "new_version", "document_id": doc_id})
        self.latest[doc_key] = (doc_id, version, item.sha256)
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
            "extraction": {"extractor": _extractor_version(), "encoding": ext.get("encoding"),
                           "problem": ext.get("problem"), "note": ext.get("note")},
            "warc_length": pointer.length if pointer else None,
        }


@functools.cache
def _extractor_version() -> str:
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"
