"""`liveaudit check URL|PATH`: the journalist's one shot, through each stage's public entry point.

    check(Store.open("liveaudit.db"), "http://127.0.0.1:8800/vendors/krea-realtime.html")
    # -> {"input": ..., "document": {...url, fetched_at, sha256, WARC pointer}, "cards": [{...}, ...]}

1. fetch, politely, and archive: `liveaudit.crawler.crawl` with a one-page source (depth 0:
   robots.txt, throttling and the identifying user agent apply; the HTTP exchange goes to WARC).
   A local file is served for that one fetch on 127.0.0.1 by a throwaway stdlib HTTP server,
   so it takes exactly the same path (and gets a WARC record too).
2. extract and resolve: `liveaudit.classifier.classify` tags the new document (documents
   already tagged by this model are skipped).
3. judge: `liveaudit.verdicts.judge_store` against the store's analyses and measurements,
   so a card's verdict is the one `liveaudit verdicts` shows for that claim.
4. read the page's current claims and verdicts back from the store as fact-check cards.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import quote, urlsplit

import sqlalchemy as sa
import yaml

from liveaudit.errors import InputError, MissingExtraError
from liveaudit.store import Store, schema

FIGURE_KEYS = ("fps", "fps_max", "latency_s", "latency_type", "compute_s_per_video_s", "width", "height", "duration_s",
               "gpu", "gpu_count", "steps", "speedup", "speedup_baseline")


def _stage(module: str, name: str, feature: str):
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise MissingExtraError("E914", feature=feature, stage=f"{module}.{name}", reason=str(exc)) from None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@contextmanager
def _served(path: Path) -> Iterator[str]:
    """Serve one local file on 127.0.0.1 for the crawl; yields its URL."""
    with tempfile.TemporaryDirectory(prefix="liveaudit-check-") as tmp:
        name = path.name if path.suffix else path.name + ".txt"
        shutil.copyfile(path, Path(tmp) / name)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=tmp))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{quote(name)}"
        finally:
            server.shutdown()
            server.server_close()


def _target(item: str) -> tuple[str | None, Path | None]:
    parts = urlsplit(item)
    if parts.scheme in ("http", "https"):
        if not parts.hostname:
            raise InputError("E913", input=item, reason="the URL has no host")
        return item, None
    if "://" in item:
        raise InputError("E913", input=item, reason=f"{parts.scheme}: URLs are not fetched")
    path = Path(item)
    if not path.is_file():
        raise InputError("E913", input=item, reason="no such file")
    return None, path


def _fetch(store: Store, url: str, progress: Callable[[str], None]) -> dict:
    """Crawl the one page; returns its current document row, or raises E913 with the fetch's reason."""
    crawl = _stage("liveaudit.crawler", "crawl", "liveaudit check")
    progress(f"fetching {url}")
    with tempfile.TemporaryDirectory(prefix="liveaudit-check-") as tmp:
        sources = Path(tmp) / "sources.yaml"
        sources.write_text(yaml.safe_dump({"sources": [{"id": "check", "kind": "vendor_page", "name": "liveaudit check",
                                                         "start_urls": [url], "depth": 0}]}), encoding="utf-8")
        summary = crawl(sources=sources, store=store, max_pages=1)
    f = schema.fetches
    with store.engine.connect() as conn:
        fetch = conn.execute(sa.select(f).where(f.c.run_id == summary["run_id"]).order_by(f.c.id.desc()).limit(1)).first()
    if fetch is None or fetch.document_id is None:
        reason = (f"{fetch.outcome}: {fetch.reason}" if fetch is not None else "nothing was fetched (robots.txt or an error)")
        raise InputError("E913", input=url, reason=f"the page could not be fetched ({reason})")
    doc = store.rows("documents", schema.documents.c.id == fetch.document_id)[0]
    # the current version of the page (an unchanged fetch points at it already)
    return store.rows("documents", schema.documents.c.doc_key == doc["doc_key"], order_by="version")[-1]


def _cards(store: Store, document_id: int) -> list[dict]:
    c, v = store.table("current_claims"), store.table("current_verdicts")
    query = (sa.select(c, v.c.id.label("verdict_id"), v.c.verdict, v.c.reason, v.c.measured_level, v.c.confidence,
                       v.c.evidence, v.c.rules_version)
             .select_from(c).outerjoin(v, v.c.claim_id == c.c.id).where(c.c.document_id == document_id)
             .order_by(c.c.sentence_index, c.c.id))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    measured = {m["id"]: m for m in store.rows("measurements")} if rows else {}
    cards = []
    for r in rows:
        ev = r["evidence"] or {}
        m_ids = list(ev.get("measurement_ids") or [x.get("measurement_id") for x in ev.get("compared", [])
                                                    if isinstance(x, dict) and x.get("measurement_id")])
        a_ids = list(ev.get("analysis_ids") or ([ev["analysis_id"]] if ev.get("analysis_id") else []))
        figures = {k: (r["figures"] or {}).get(k) for k in FIGURE_KEYS if (r["figures"] or {}).get(k) is not None}
        cards.append({
            "claim_id": r["id"], "quote": r["sentence"], "kind": r["kind"], "system": r["system"], "terms": r["terms"],
            "hedge": r["hedge"], "figures": figures, "implied_level": r["implied_level"],
            "verdict": r["verdict"], "reason": r["reason"], "measured_level": r["measured_level"],
            "confidence": r["confidence"], "verdict_id": r["verdict_id"], "rules_version": r["rules_version"],
            "evidence": {
                "measurements": [{"id": i, "run_id": measured[i]["run_id"], "system": measured[i]["system"],
                                  "hardware": measured[i]["hardware"], "mode": (measured[i]["result"] or {}).get("mode"),
                                  "throughput_fps": measured[i]["throughput_fps"], "ttff_s": measured[i]["ttff_s"],
                                  "origin": measured[i]["origin"]} for i in m_ids if i in measured],
                "analysis_ids": a_ids, "compared": ev.get("compared", []),
            },
        })
    return cards


def check(store: Store, item: str, *, progress: Callable[[str], None] | None = None) -> dict:
    """Fetch, archive, extract, judge one URL or local file; returns the document and one card per claim.

    Raises InputError E913 for an unusable input or a failed fetch, E914 when a stage is not installed.
    """
    say = progress or (lambda message: None)
    url, path = _target(item)
    if path is not None:
        with _served(path) as served:
            doc = _fetch(store, served, say)
    else:
        doc = _fetch(store, url, say)
    say("finding and tagging claims")
    _stage("liveaudit.classifier", "classify", "liveaudit check")(store)
    say("judging claims")
    _stage("liveaudit.verdicts", "judge_store", "liveaudit check")(store)
    document = {k: doc[k] for k in ("id", "url", "version", "title", "published_at", "http_status", "content_sha256",
                                    "warc_file", "warc_record_id", "warc_offset")}
    document["fetched_at"] = doc["fetched_at"].isoformat() if doc["fetched_at"] else None
    if path is not None:
        document["local_file"] = str(path.resolve())
    return {"input": item, "document": document, "cards": _cards(store, doc["id"])}
