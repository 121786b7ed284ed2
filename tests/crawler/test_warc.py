"""The WARC archive: groups, replay, rotation, and the repair after a crash."""

from __future__ import annotations

import os

from liveaudit.crawler.warc import Exchange, WarcArchive, read_record, repair, scan


def _ex(url: str, status: int, body: bytes = b"", headers=()) -> Exchange:
    return Exchange("GET", url, [("User-Agent", "liveaudit-test")], b"", status, list(headers), body)


def test_warc_group_points_at_the_final_response_and_replays(tmp_path):
    archive = WarcArchive(tmp_path / "warc", tmp_path, "000001", 10**6, "test")
    pointer = archive.write_group(
        [
            _ex("http://h/a", 301, headers=[("Location", "/b")]),
            _ex("http://h/b", 200, b"<p>ok</p>", [("Content-Type", "text/html")]),
        ]
    )
    archive.close()
    assert pointer.file == "warc/liveaudit-000001-00000.warc.gz"
    record = read_record(tmp_path / pointer.file, pointer.offset, pointer.record_id)
    assert record["status_line"] == "HTTP/1.1 200 OK" and record["body"] == b"<p>ok</p>"
    types = [r[0] for r in scan(tmp_path / pointer.file)[0]]
    assert types == ["warcinfo", "request", "response", "request", "response"]


def test_warc_rotates_files_by_size(tmp_path):
    archive = WarcArchive(tmp_path / "warc", tmp_path, "000002", 2000, "test")
    files = {archive.write_group([_ex(f"http://h/{i}", 200, os.urandom(3000))]).file for i in range(4)}
    archive.close()
    assert len(files) == 4


def test_warc_repair_cuts_uncommitted_records_and_a_torn_tail(tmp_path):
    archive = WarcArchive(tmp_path / "warc", tmp_path, "000003", 10**6, "test")
    kept = archive.write_group([_ex("http://h/1", 200, b"one")])
    lost = archive.write_group([_ex("http://h/2", 200, b"two")])  # written, never committed
    archive.close()
    path = tmp_path / kept.file
    with open(path, "ab") as fh:
        fh.write(b"\x1f\x8b\x08\x00torn")  # a record cut by SIGKILL
    result = repair(path, {kept.record_id})
    assert result["removed_records"] == 2 and result["removed_bytes"] > 0
    records, end = scan(path)
    assert end == path.stat().st_size
    ids = [r[1] for r in records]
    assert kept.record_id in ids and lost.record_id not in ids


def test_warc_scan_and_read_never_inflate_an_archived_body_in_full(tmp_path):
    import gzip
    import tracemalloc

    bomb = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)  # 64 KB that inflates to 64 MB
    archive = WarcArchive(tmp_path / "warc", tmp_path, "000004", 10**9, "test")
    pointer = archive.write_group([_ex("http://h/bomb", 200, bomb, [("Content-Encoding", "gzip")])])
    archive.close()
    tracemalloc.start()
    try:
        records, _ = scan(tmp_path / pointer.file)
        record = read_record(tmp_path / pointer.file, pointer.offset, pointer.record_id, limit=100000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r[0] for r in records] == ["warcinfo", "request", "response"]
    assert len(record["body"]) == 100000 and record["truncated"]
    assert peak < 8 * 1024 * 1024  # the 64 MB body was never held
