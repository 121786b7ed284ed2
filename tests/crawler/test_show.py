"""`warc show` reads boundedly and only the store's own archive (issue 24): archived bodies are
decoded, whatever their Content-Encoding headers say, up to the download limit; a tampered
row pointing outside the store's WARC folder (e.g. at /proc/self/environ) is refused."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

import pytest

from tests.crawler.conftest import crawl_env, liveaudit, store_rows, write_sources

LIMIT = 100000  # CRAWL_DOWNLOAD_MAXSIZE of the test settings


@pytest.fixture
def bomb_store(hostile, tmp_path):
    """A crawl of a good page, a small gzip-in-gzip page and the gzip-in-gzip bomb page (both with
    two Content-Encoding headers)."""
    site = hostile()
    sources = write_sources(tmp_path / "s.yaml", ["/good/1.html", "/double.html", "/bomb.html"], depth=0)
    db = tmp_path / "s.db"
    result = liveaudit("crawl", "--sources", str(sources), "--base-url", site.url, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def _doc(db, path: str) -> dict:
    [doc] = [d for d in store_rows(db, "documents") if urlsplit(d["url"]).path == path]
    return doc


def _point(db, doc_id: int, warc_file: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("update documents set warc_file = ?, warc_offset = 0 where id = ?", (warc_file, doc_id))


def test_show_double_gzip_body_is_inflated_only_up_to_the_download_limit(bomb_store, tmp_path, monkeypatch):
    from liveaudit.crawler import show_document
    from liveaudit.crawler.warc import Exchange, WarcArchive
    from tests.crawler.hostile import BOMB_BYTES, bomb

    # The archive keeps the bytes as received; point the good page's row at a bomb response.
    archive = WarcArchive(tmp_path / "warc", tmp_path, "bomb", 10**9, "test")
    pointer = archive.write_group(
        [
            Exchange(
                "GET",
                "http://h/bomb.html",
                [],
                b"",
                200,
                [("Content-Encoding", "gzip"), ("Content-Encoding", "gzip")],
                bomb(),
            )
        ]
    )
    archive.close()
    doc = _doc(bomb_store, "/good/1.html")
    with sqlite3.connect(bomb_store) as conn:
        conn.execute(
            "update documents set warc_file = ?, warc_offset = ?, warc_record_id = ? where id = ?",
            (pointer.file, pointer.offset, pointer.record_id, doc["id"]),
        )
    monkeypatch.setenv("LIVEAUDIT_CRAWL_DOWNLOAD_MAXSIZE", str(LIMIT))
    shown = show_document(str(bomb_store), doc["id"])
    assert len(shown["body"]) <= LIMIT < BOMB_BYTES
    assert shown["body"].startswith(b"<html><body><p>bomb</p>")  # both gzip layers undone
    assert shown["truncated"] is True
    result = liveaudit("warc", "show", str(doc["id"]), "--db", str(bomb_store))
    assert result.returncode == 0 and "bomb" in result.stdout and len(result.stdout) < 2 * LIMIT
    assert f"[body cut at {LIMIT} bytes: CRAWL_DOWNLOAD_MAXSIZE]" in result.stdout


def test_show_crawled_page_is_not_truncated(bomb_store):
    from liveaudit.crawler import show_document

    shown = show_document(str(bomb_store), _doc(bomb_store, "/good/1.html")["id"])
    assert shown["truncated"] is False and b"/good/1.html" in shown["body"]
    [bomb] = [f for f in store_rows(bomb_store, "fetches") if f["url"].endswith("/bomb.html")]
    assert bomb["outcome"] == "error" and "once decompressed" in bomb["reason"]  # the crawl stopped inflating it


def test_show_double_gzip_page_is_stored_decoded_and_its_archive_shows_it(bomb_store):
    from liveaudit.crawler import show_document

    doc = _doc(bomb_store, "/double.html")
    assert "Double gzip page" in doc["text"]  # both layers undone before extraction
    shown = show_document(str(bomb_store), doc["id"])
    assert shown["truncated"] is False and shown["body"].startswith(b"<html><head><title>Double gzip page")
    result = liveaudit("warc", "show", str(doc["id"]), "--db", str(bomb_store))
    assert result.returncode == 0 and "Double gzip page" in result.stdout


@pytest.mark.parametrize(
    "target", ["/proc/self/environ", "../../../../../../proc/self/environ", "s.yaml", "warc/../s.yaml"]
)
def test_show_refuses_a_pointer_outside_the_store_warc_folder(bomb_store, target):
    doc = _doc(bomb_store, "/good/1.html")
    _point(bomb_store, doc["id"], target)
    env = crawl_env(LIVEAUDIT_SECRET_MARKER_FOR_TEST="x")  # not a setting: only in the environ file
    env.pop("LIVEAUDIT_SECRET_MARKER_FOR_TEST")
    env["SECRET_MARKER_FOR_TEST"] = "hunter2-marker"
    result = liveaudit("warc", "show", str(doc["id"]), "--db", str(bomb_store), env=env)
    assert result.returncode == 2 and result.stderr.startswith("error[E50")
    assert "hunter2-marker" not in result.stdout + result.stderr
    assert "sources:" not in result.stdout + result.stderr  # the first line of s.yaml
