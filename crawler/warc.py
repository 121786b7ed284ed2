"""The evidence archive: every HTTP exchange of a crawl in gzipped WARC files (warcio).

Files are named `liveaudit-<run>-<seq>.warc.gz` and rotated by size. A page's exchanges
(redirect hops and retries first, the final response last) are written as one group and
flushed *before* the store row that points at the final response is committed, so a row
never points at missing bytes. A crash between the two leaves records without a row at
the end of the file; `repair()` cuts them off (gzip members make that a clean cut), so
after any crash the archive and the store agree again. Format: ISO 28500 (WARC 1.1).
"""

from __future__ import annotations

import io
import os
import uuid
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from liveaudit.errors import InputError


@dataclass
class Exchange:
    """One request and the response it got (absent when the download failed)."""

    method: str
    url: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int | None = None
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    response_body: bytes = b""
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None
    seconds: float | None = None
    date: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class Pointer:
    """Where a group's final response lives: file (relative to the archive's root), id, offset."""

    file: str
    record_id: str
    offset: int
    length: int


def _warc_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _request_target(url: str) -> tuple[str, str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return target, parts.netloc


class WarcArchive:
    """Appends exchange groups to rotating WARC files under `directory`.

    `label` names the files (the run id); `root` is the folder paths are stored relative to.
    """

    def __init__(self, directory: Path, root: Path, label: str, max_bytes: int, software: str) -> None:
        self.directory = directory
        self.root = root
        self.label = label
        self.max_bytes = max_bytes
        self.software = software
        self.bytes_written = 0
        self._seq = -1
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self._path: Path | None = None
        directory.mkdir(parents=True, exist_ok=True)

    # ---- files -------------------------------------------------------------------------
    def _open_next(self) -> None:
        self.close()
        self._seq += 1
        while True:
            path = self.directory / f"liveaudit-{self.label}-{self._seq:05d}.warc.gz"
            if not path.exists():
                break
            self._seq += 1
        self._path = path
        self._fh = open(path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True)
        info = self._writer.create_warcinfo_record(
            path.name,
            {
                "software": self.software,
                "format": "WARC File Format 1.1",
                "description": "liveaudit evidence archive: each page's exchanges, final response last",
            },
        )
        self._writer.write_record(info)
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None

    def relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    # ---- writing -------------------------------------------------------------------------
    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()

    def write_group(self, exchanges: Iterable[Exchange], flush: bool = True) -> Pointer | None:
        """Write the exchanges (request then response record each); point at the last response.

        Returns None when no exchange has a response (nothing to point at; requests that got
        no answer are still written as request records only when a response follows them).
        """
        exchanges = [e for e in exchanges if e.status is not None]
        if not exchanges:
            return None
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self._open_next()
        assert self._fh is not None and self._writer is not None and self._path is not None
        start = self._fh.tell()
        pointer = None
        for ex in exchanges:
            date = _warc_date(ex.date)
            response_id = f"<urn:uuid:{uuid.uuid4()}>"
            status_line = f"{ex.status} {_phrase(ex.status)}"
            headers = [(k, v) for k, v in ex.response_headers if k.lower() != "transfer-encoding"]
            warc_headers = {"WARC-Record-ID": response_id, "WARC-Date": date}
            if ex.ip_address:
                warc_headers["WARC-IP-Address"] = ex.ip_address
            response = self._writer.create_warc_record(
                ex.url,
                "response",
                payload=io.BytesIO(ex.response_body),
                http_headers=StatusAndHeaders(status_line, headers, protocol=ex.protocol),
                warc_headers_dict=warc_headers,
            )
            target, host = _request_target(ex.url)
            req_headers = list(ex.request_headers)
            if not any(k.lower() == "host" for k, _ in req_headers):
                req_headers.insert(0, ("Host", host))
            request = self._writer.create_warc_record(
                ex.url,
                "request",
                payload=io.BytesIO(ex.request_body),
                http_headers=StatusAndHeaders(f"{ex.method} {target} {ex.protocol}", req_headers, is_http_request=True),
                warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id},
            )
            self._writer.write_record(request)
            offset = self._fh.tell()
            self._writer.write_record(response)
            pointer = (response_id, offset, self._fh.tell() - offset)
        if flush:
            self._fh.flush()  # in the OS before the row commits: survives SIGKILL (not power loss)
        self.bytes_written += self._fh.tell() - start
        record_id, offset, length = pointer
        return Pointer(self.relative(self._path), record_id, offset, length)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


# ---- reading and repair ------------------------------------------------------------------
def _inflate(data: bytes, wbits: int, limit: int) -> tuple[bytes, bool]:
    """Undo one zlib/gzip layer (every gzip member), producing at most `limit` bytes.
    Raises zlib.error when the data does not start as that format."""
    out, rest, size = [], data, 0
    while rest:
        d = zlib.decompressobj(wbits)
        try:
            chunk = d.decompress(rest, limit + 1 - size)
        except zlib.error:
            if not out:
                raise
            break  # trailing bytes after the last member
        out.append(chunk)
        size += len(chunk)
        if size > limit or d.unconsumed_tail:
            return b"".join(out)[:limit], True
        rest = d.unused_data if d.eof else b""
    return b"".join(out), False


def decode_capped(body: bytes, encodings: list[str], limit: int) -> tuple[bytes, bool]:
    """`body` with its Content-Encoding layers undone (last applied first), never more than
    `limit` bytes at any step, whatever the headers claim; returns (bytes, truncated).

    gzip, x-gzip and deflate are undone; decoding stops at an unknown coding (br, zstd...)
    or at damaged data, keeping what it had. Two headers or a list ("gzip, gzip") alike.
    """
    layers = [e.strip().lower() for value in encodings for e in value.split(",") if e.strip()]
    truncated = len(body) > limit
    body = body[:limit]
    for coding in reversed(layers):
        if coding == "identity":
            continue
        if coding not in ("gzip", "x-gzip", "deflate"):
            break
        try:
            body, cut = _inflate(body, 15 if coding == "deflate" else 47, limit)
        except zlib.error:
            if coding != "deflate":
                break
            try:  # deflate is often sent raw, without the zlib wrapper
                body, cut = _inflate(body, -15, limit)
            except zlib.error:
                break
        truncated = truncated or cut
    return body, truncated


def read_record(path: Path, offset: int, record_id: str | None = None, limit: int = 10 * 1024 * 1024) -> dict:
    """The record at `offset`: WARC headers, HTTP status line and headers, and the payload
    decoded (Content-Encoding undone) but never more than `limit` bytes read or produced;
    `truncated` says whether it was cut there."""
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            for record in ArchiveIterator(fh):
                if record_id and record.rec_headers.get_header("WARC-Record-ID") != record_id:
                    raise InputError(
                        "E502",
                        path=str(path),
                        record_id=record_id,
                        offset=offset,
                        reason="another record is at that offset",
                    )
                http = record.http_headers
                raw = record.raw_stream.read(limit + 1)
                encodings = [v for k, v in (http.headers if http else []) if k.lower() == "content-encoding"]
                body, truncated = decode_capped(raw, encodings, limit)
                return {
                    "warc_headers": list(record.rec_headers.headers),
                    "status_line": f"{http.protocol} {http.statusline}" if http else None,
                    "http_headers": list(http.headers) if http else [],
                    "body": body,
                    "truncated": truncated,
                }
    except FileNotFoundError:
        raise InputError(
            "E502", path=str(path), record_id=record_id, offset=offset, reason="the file is missing"
        ) from None
    except InputError:
        raise
    except Exception as exc:  # warcio raises plain exceptions on damaged gzip/WARC data
        # Its messages quote the file's first bytes: never echo them.
        raise InputError(
            "E502",
            path=str(path),
            record_id=record_id,
            offset=offset,
            reason=f"not a readable WARC record ({type(exc).__name__})",
        ) from None
    raise InputError("E502", path=str(path), record_id=record_id, offset=offset, reason="no record there")


def scan(path: Path) -> tuple[list[tuple[str, str, int, int]], int]:
    """Every whole record of a file as (type, id, offset, end), and where readable data ends."""
    records: list[tuple[str, str, int, int]] = []
    end = 0
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                rtype = record.rec_type
                rid = record.rec_headers.get_header("WARC-Record-ID")
                offset = iterator.get_record_offset()
                iterator.read_to_end(record)  # the raw bytes, never the body inflated
                length = iterator.get_record_length()
                records.append((rtype, rid, offset, offset + length))
                end = offset + length
        except Exception:  # a torn gzip member at the end: everything before it is whole
            pass
    return records, end


def repair(path: Path, committed: set[str]) -> dict:
    """Cut off the records after the last committed response (and any torn tail).

    Groups are written and committed in order, so committed records form a prefix of the
    file; what follows the last committed response never reached the store. Returns what
    was cut: {"file", "removed_records", "removed_bytes"}.
    """
    records, _ = scan(path)
    keep = 0
    for rtype, rid, _offset, end in records:
        if rtype == "warcinfo" and keep == 0:
            keep = end
        if rid in committed:
            keep = end
    size = path.stat().st_size
    removed = [r for r in records if r[2] >= keep]
    if size > keep:
        with open(path, "r+b") as fh:
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())
    return {"file": path.name, "removed_records": len(removed), "removed_bytes": size - keep}
