"""`liveaudit check URL|PATH`: the journalist's one shot, through each stage's public entry point.

    check(Store.open("liveaudit.db"), "http://127.0.0.1:8800/vendors/krea-realtime.html")
    # -> {"input": ..., "document": {...url, fetched_at, sha256, WARC pointer}, "cards": [{...}, ...]}

0. sync: the shipped registry, hardware catalogue, published-default analyses and shipped GPU
   runs into the store (`verdicts.sync`), so a page gets the same verdicts from any store at the
   same rules version, a fresh one included.
1. fetch, politely, and archive: `liveaudit.crawler.crawl` with a one-page source (depth 0:
   robots.txt, throttling and the identifying user agent apply; the HTTP exchange goes to WARC).
   A local file keeps its own identity: its `file://` URL and sha256 are the document's key
   and hash, its bytes go to the archive as a WARC `resource` record, its text is extracted by
   the crawler's extractor; a re-check of unchanged content reuses the stored document.
2. extract and resolve: `liveaudit.classifier.classify` tags the new document (documents
   already tagged by this model are skipped); the settings its claims state are analysed
   when the store has no analysis at them yet.
3. judge: `liveaudit.verdicts.judge_store` against the store's analyses and measurements,
   so a card's verdict is the one `liveaudit verdicts` shows for that claim.
4. read the page's current claims and verdicts back from the store as fact-check cards.
"""

from __future__ import annotations

import hashlib
import mimetypes
import tempfile
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import sqlalchemy as sa
import yaml

from liveaudit.errors import InputError, MissingExtraError
from liveaudit.store import Store, schema
from liveaudit.store.runs import utcnow
from liveaudit.verdicts.sync import sync_for_judging

FIGURE_KEYS = ("fps", "fps_max", "latency_s", "latency_type", "compute_s_per_video_s", "width", "height", "duration_s",
               "gpu", "gpu_count", "steps", "speedup", "speedup_baseline")


def _stage(module: str, name: str, feature: str):
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise MissingExtraError("E914", feature=feature, stage=f"{module}.{name}", reason=str(exc)) from None


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


def _archive_file(store: Store, run_id: int, url: str, body: bytes, content_type: str) -> dict:
    """The file's bytes as one WARC `resource` record (ISO 28500: content not from an HTTP exchange)."""
    import io

    from warcio.warcwriter import WARCWriter

    from liveaudit import config
    from liveaudit.crawler.run import store_root, warc_dir

    folder = warc_dir(store, config.load_settings())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"liveaudit-check-{run_id}.warc.gz"
    with path.open("ab") as fh:
        writer = WARCWriter(fh, gzip=True)
        record = writer.create_warc_record(url, "resource", payload=io.BytesIO(body), warc_content_type=content_type)
        offset = fh.tell()
        writer.write_record(record)
    try:
        name = str(path.relative_to(store_root(store)))
    except ValueError:
        name = str(path)
    return {"warc_file": name, "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"), "warc_offset": offset}


def _ingest_file(store: Store, path: Path) -> dict:
    """Store a local file as a document keyed by its file:// URL; unchanged content reuses the stored version."""
    from liveaudit import config

    limit = int(config.get("CLASSIFY_MAX_BYTES"))
    if path.stat().st_size > limit:
        raise InputError("E913", input=str(path), reason=f"larger than CLASSIFY_MAX_BYTES ({limit} bytes)")
    body = path.read_bytes()
    url = path.resolve().as_uri()
    sha = hashlib.sha256(body).hexdigest()
    d = schema.documents
    versions = store.rows("documents", d.c.doc_key == url, order_by="version")
    if versions and versions[-1]["content_sha256"] == sha:
        return versions[-1]
    extract = _stage("liveaudit.crawler.extract", "extract", "liveaudit check")
    content_type = mimetypes.guess_type(path.name)[0] or "text/plain"
    ext = extract(body, url, content_type)
    with store.run("check", {"file": url, "sha256": sha}) as run:
        warc = _archive_file(store, run.id, url, body, content_type)
        row = {"doc_key": url, "version": (versions[-1]["version"] + 1) if versions else 1, "url": url,
               "source_key": "check", "fetched_at": utcnow(), "http_status": None, "content_type": content_type,
               "content_sha256": sha, "title": ext.get("title"), "author": ext.get("author"),
               "published_at": ext.get("published_at") or None, "language": ext.get("language"), "text": ext.get("text"),
               "extract_status": ext["extract_status"], **warc,
               "meta": {"source": "check", "source_kind": "local_file", "kind": "vendor_page", "systems": [],
                        "local_path": str(path.resolve()), "format": ext.get("format"),
                        "extraction": {"encoding": ext.get("encoding"), "problem": ext.get("problem")}}}
        row["id"] = store.insert("documents", [row], run)[0]
        row["run_id"] = run.id
    return row


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
    say("loading the system registry and hardware catalogue")
    sync_for_judging(store, progress=say)
    doc = _ingest_file(store, path) if path is not None else _fetch(store, url, say)
    say("finding and tagging claims")
    _stage("liveaudit.classifier", "classify", "liveaudit check")(store)
    sync_for_judging(store, [doc["id"]], progress=say)  # the settings this page's claims state
    say("judging claims")
    _stage("liveaudit.verdicts", "judge_store", "liveaudit check")(store)
    document = {k: doc[k] for k in ("id", "url", "version", "title", "published_at", "http_status", "content_sha256",
                                    "warc_file", "warc_record_id", "warc_offset")}
    document["fetched_at"] = doc["fetched_at"].isoformat() if doc["fetched_at"] else None
    if path is not None:
        document["local_file"] = str(path.resolve())
        document["content_type"] = doc["content_type"]
    return {"input": item, "document": document, "cards": _cards(store, doc["id"])}
