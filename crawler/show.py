"""`show_document()`: the archived HTTP response behind a document row, read from its WARC file."""

from __future__ import annotations

from pathlib import Path

from liveaudit.crawler.warc import read_record
from liveaudit.errors import InputError, StoreError
from liveaudit.store import Store, schema


def show_document(db: str | None, doc_id: int, store: Store | None = None) -> dict:
    """The document row and its archived response: {"document", "file", "warc_headers",
    "status_line", "http_headers", "body"}. Raises StoreError E105 for an unknown id,
    InputError E504 when the row has no WARC pointer and E502 when the archive is unreadable."""
    from liveaudit.crawler.run import store_root

    own = store is None
    store = store or Store.open_existing(db)
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
        path = Path(doc["warc_file"])
        if not path.is_absolute():
            path = store_root(store) / path
        record = read_record(path, doc["warc_offset"], doc["warc_record_id"])
        return {"document": doc, "file": str(path), **record}
    finally:
        if own:
            store.close()
