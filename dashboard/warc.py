"""The archived evidence behind a fact-check card: one WARC record, byte for byte.

A document row points at a WARC file and the offset of its record. The card offers that
record's original bytes (one gzip member, still a valid WARC file), so a journalist gets
exactly what was archived, not a re-rendering.
"""

from __future__ import annotations

from pathlib import Path

MAX_RECORD_BYTES = 50 * 1024 * 1024  # the crawler's own download limit is far below this


def resolve(warc_file: str, store_url: str) -> Path | None:
    """The WARC file as stored, or relative to the store's folder (CRAWL_WARC_DIR is relative to it)."""
    path = Path(warc_file)
    candidates = [path]
    if not path.is_absolute() and store_url.startswith("sqlite:///"):
        candidates.insert(0, Path(store_url.removeprefix("sqlite:///")).parent / path)
    return next((p for p in candidates if p.is_file()), None)


def record_bytes(warc_file: str, offset: int | None, store_url: str) -> bytes | None:
    """The raw bytes of the record at `offset`, or None when the file or warcio is missing."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        return None
    path = resolve(warc_file, store_url)
    if path is None or offset is None:
        return None
    try:
        with path.open("rb") as fh:
            fh.seek(int(offset))
            iterator = ArchiveIterator(fh)
            record = next(iter(iterator), None)
            if record is None:
                return None
            record.content_stream().read()
            length = iterator.get_record_length()
            if not length or length > MAX_RECORD_BYTES:
                return None
            fh.seek(int(offset))
            return fh.read(length)
    except (OSError, ValueError, StopIteration):
        return None
    except Exception as exc:  # warcio raises its own ArchiveLoadFailed on a damaged file
        if type(exc).__name__ == "ArchiveLoadFailed":
            return None
        raise
