"""A local file as a document: its own `file://` identity and sha256, archived as a WARC resource.

    row, new = ingest_file(store, Path("press-release.html"), settings.values)   # current documents row, added?

`liveaudit check PATH` reaches this through the crawl step (`StageSettings.urls` holding the
file's `file://` URL). The file is not served over a throwaway HTTP address: its URL, path and
content hash are what the store, the citations and the dashboard's permalinks keep, and a
re-check of unchanged content reuses the stored version instead of adding a document. The text
and the thread structure are read as the crawl reads a fetched page (crawler/extract.py,
liveaudit/threads.py); `<meta name="liveaudit:...">` tags count as they do for a fetched page.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from liveaudit.errors import InputError
from liveaudit.store import Store, schema
from liveaudit.store.runs import utcnow


def _archive(store: Store, values: Mapping[str, Any], run_id: int, url: str, body: bytes, content_type: str) -> dict:
    """The file's bytes as one WARC `resource` record (ISO 28500: content not from an HTTP exchange)."""
    from warcio.warcwriter import WARCWriter

    from liveaudit.crawler.run import store_root, warc_dir

    folder = warc_dir(store, values)
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


def _page(body: bytes, url: str, fmt: str | None) -> tuple[dict[str, str], dict | None]:
    """The page's liveaudit:* meta tags and its thread structure (None when not a thread), as the spider reads them."""
    if fmt != "html":
        return {}, None
    from parsel import Selector

    from liveaudit.threads import parse_thread

    sel = Selector(body=body, type="html", base_url=url)
    meta = {
        n.attrib.get("name", ""): n.attrib.get("content", "")
        for n in sel.xpath("//meta[starts-with(@name, 'liveaudit:')]")
    }
    return meta, parse_thread(sel, url)


def ingest_file(store: Store, path: Path, values: Mapping[str, Any]) -> tuple[dict, bool]:
    """Store a local file keyed by its file:// URL; (its documents row, whether it was added).

    Unchanged content returns the stored version and adds nothing.

    Raises InputError E913 for a file over CLASSIFY_MAX_BYTES.
    """
    from liveaudit.crawler.extract import extract

    limit = int(values["CLASSIFY_MAX_BYTES"])
    if path.stat().st_size > limit:
        raise InputError("E913", input=str(path), reason=f"larger than CLASSIFY_MAX_BYTES ({limit} bytes)")
    body = path.read_bytes()
    url = path.resolve().as_uri()
    sha = hashlib.sha256(body).hexdigest()
    versions = store.rows("documents", schema.documents.c.doc_key == url, order_by="version")
    if versions and versions[-1]["content_sha256"] == sha:
        return versions[-1], False
    content_type = mimetypes.guess_type(path.name)[0] or "text/plain"
    ext = extract(body, url, content_type)
    page, thread = _page(body, url, ext.get("format"))
    systems = [s.strip() for s in page.get("liveaudit:systems", "").split(",") if s.strip()]
    with store.run("check", {"file": url, "sha256": sha}) as run:
        warc = _archive(store, values, run.id, url, body, content_type)
        row = {
            "doc_key": url,
            "version": (versions[-1]["version"] + 1) if versions else 1,
            "url": url,
            "source_key": "check",
            "fetched_at": utcnow(),
            "http_status": None,
            "content_type": content_type,
            "content_sha256": sha,
            "title": ext.get("title"),
            "author": ext.get("author"),
            "published_at": ext.get("published_at") or None,
            "language": ext.get("language"),
            "text": ext.get("text"),
            "extract_status": ext["extract_status"],
            **warc,
            "meta": {
                "source": "check",
                "source_kind": "local_file",
                "kind": page.get("liveaudit:kind") or "vendor_page",
                "systems": systems,
                "source_url": page.get("liveaudit:source"),
                "page_meta": page,
                "local_path": str(path.resolve()),
                "format": ext.get("format"),
                "thread": thread,
                "extraction": {"encoding": ext.get("encoding"), "problem": ext.get("problem")},
            },
        }
        row["id"] = store.insert("documents", [row], run)[0]
        row["run_id"] = run.id
    return row, True
