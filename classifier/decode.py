"""Bytes to text for `liveaudit extract`: every text decodes, only known binary formats are refused.

Order (as browsers do, WHATWG "encoding sniffing"): a byte-order mark (UTF-8, UTF-16 and
UTF-32, either endianness) wins; then the charset declared by the Content-Type header, then
by a <meta> or XML declaration in the first 4 KB; then UTF-16 without a mark when every other
byte is NUL; else UTF-8. Undecodable bytes become U+FFFD and the problem is returned as a
note. NUL bytes in text are dropped, not a reason to refuse it. `known_binary` names the few
formats that are not text at all (images, archives, executables, PDF, SQLite, pickle).
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]{1,40})", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,500}?charset\s*=\s*[\"']?([\w.:-]{1,40})", re.I)
_XML_ENCODING = re.compile(rb"^<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:-]{1,40})", re.I)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "ELF executable"),
    (b"%PDF-", "PDF"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x80\x04\x95", "Python pickle"),
    (b"\x80\x05\x95", "Python pickle"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"MZ", "Windows executable"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"OggS", "Ogg media"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)
_ASCII_COMPATIBLE_ONLY = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def known_binary(body: bytes) -> str | None:
    """The name of a binary format `body` starts with, or None (then it is read as text)."""
    if body.startswith(codecs.BOM_UTF16_LE) or body.startswith(codecs.BOM_UTF16_BE) or body.startswith(codecs.BOM_UTF8):
        return None
    for magic, name in _SIGNATURES:
        if body.startswith(magic):
            return name
    return None


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le / -be when NULs fill one byte of most pairs of the first 4 KB (ASCII-range text)."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def detect(body: bytes, content_type: str | None = None) -> tuple[str, int, str | None]:
    """(codec, bytes to skip, problem or None) for `body`."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name, len(bom), None
    problem = None
    head = body[:4096]
    declared = None
    if m := _HEADER_CHARSET.search(content_type or ""):
        declared = m.group(1)
    elif m := (_XML_ENCODING.match(head) or _META_CHARSET.search(head)):
        declared = m.group(1).decode("ascii", "replace")
    codec = _codec(declared)
    if declared and codec is None:
        problem = f"bad encoding: unknown charset {declared!r} declared; read as UTF-8"
    elif codec in _ASCII_COMPATIBLE_ONLY or codec == "utf-7":
        codec = None  # a page whose bytes carry its own ASCII declaration is not UTF-16 (WHATWG rule); UTF-7 is never honoured
    if codec is None:
        codec = _utf16_without_bom(head) or "utf-8"
    return codec, 0, problem


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str | None]:
    """(text, problem or None): `body` decoded with replacement, NULs removed."""
    codec, skip, problem = detect(body, content_type)
    data = memoryview(body)[skip:]
    if codec.startswith(("utf-16", "utf-32")):
        width = 2 if codec.startswith("utf-16") else 4
        if len(data) % width:
            problem = problem or f"bad encoding: {len(data) % width} stray byte(s) at the end of {codec} text"
    try:
        text = str(data, codec, errors="strict")
    except UnicodeDecodeError as exc:
        text = str(data, codec, errors="replace")
        problem = (
            problem
            or f"bad encoding: bytes that are not valid {codec} (first at byte {exc.start + skip}); replaced with U+FFFD"
        )
    return text.replace("\x00", ""), problem
