"""`show_document()`: the archived HTTP response behind a document row, read from its WARC file.

The row is data, not a command: its WARC path is followed only to a `.warc.gz` (or `.warc`)
file under the store's WARC folder (CRAWL_WARC_DIR), so a tampered row cannot make
`warc show` print another file; the body is read and decoded up to CRAWL_DOWNLOAD_MAXSIZE.
"""

from __future__ import annotations

from pathlib import Path

from liveaudit import config
from liveaudit.crawler.warc import read_record
from liveaudit.errors import InputError, StoreError
from liveaudit.store import Store, schema


def archive_path(store: Store, values: dict, doc: dict) -> Path:
    """The WARC file a document row points at, if it is one of the store's; else E502."""
    from liveaudit.crawler.run import store_root, warc_dir

    folder = warc_dir(store, values).resolve()
    path = Path(doc["warc_file"])
    if not path.is_absolute():
        path = store_root(store) / path
    try:
        resolved = path.resolve()
        ours = resolved.is_relative_to(folder) and resolved.name.endswith((".warc.gz", ".warc")) and resolved.is_file()
    except (OSError, RuntimeError, ValueError):
        ours = False
    if not ours:
        raise InputError(
            "E502",
            path=doc["warc_file"],
            record_id=doc["warc_record_id"],
            offset=doc["warc_offset"],
            reason=f"not a WARC file in the store's WARC folder {folder} (CRAWL_WARC_DIR)",
        )
    return resolved


def show_document(db: str | None, doc_id: int, store: Store | None = None) -> dict:
    """The document row and its archived response: {"document", "file", "warc_headers",
    "status_line", "http_headers", "body", "truncated"}. Raises StoreError E105 for an unknown
    id, InputError E504 when the row has no WARC pointer and E502 when the archive is
    unreadable or the pointer leads outside the store's WARC folder."""
    values = config.load_settings({"STORE_URL": db} if db is not None else None)
    own = store is None
    store = store or Store.open_existing(values["STORE_URL"])
    try:
        rows = store.rows("documents", schema.documents.c.id == doc_id)
        if not rows:
            raise StoreError(
                "E105",
                key=doc_id,
                table="documents",
                url=store.url,
                hint="List the ids with: sqlite3 STORE 'select id, url from current_documents'.",
            )
        doc = rows[0]
        if not doc["warc_file"] or doc["warc_offset"] is None:
            raise InputError("E504", doc_id=doc_id, url=store.url, reason="its row has no WARC pointer")
        path = archive_path(store, values, doc)
        record = read_record(path, doc["warc_offset"], doc["warc_record_id"], limit=values["CRAWL_DOWNLOAD_MAXSIZE"])
        return {"document": doc, "file": str(path), **record}
    finally:
        if own:
            store.close()
