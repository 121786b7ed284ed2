"""`liveaudit warc show`: replays a document's response; bad ids and damaged archives exit with a code."""

from __future__ import annotations

from pathlib import Path

import liveaudit.cli  # noqa: F401 - first: importing crawler.cli alone is circular (it imports liveaudit.cli)
from liveaudit.crawler.cli import _printable
from tests.crawler.conftest import liveaudit, store_rows


def test_cli_warc_show_unknown_document_exits_with_e105(crawled):
    result = liveaudit("warc", "show", "999999", "--db", str(crawled["db"]))
    assert result.returncode == 2 and result.stderr.startswith("error[E105]")


def test_cli_warc_show_headers_only(crawled):
    doc = store_rows(crawled["db"], "documents")[0]
    result = liveaudit("warc", "show", str(doc["id"]), "--headers", "--db", str(crawled["db"]))
    assert result.returncode == 0 and "WARC-Record-ID: " + doc["warc_record_id"] in result.stdout
    assert "<html" not in result.stdout.lower()


def test_cli_warc_show_damaged_archive_exits_with_e502(crawled, tmp_path):
    import shutil

    db = tmp_path / "store.db"
    shutil.copy(crawled["db"], db)
    shutil.copytree(Path(crawled["db"]).parent / "warc", tmp_path / "warc")
    doc = store_rows(db, "documents")[0]
    (tmp_path / doc["warc_file"]).write_bytes(b"not a warc file at all")
    result = liveaudit("warc", "show", str(doc["id"]), "--db", str(db))
    assert result.returncode == 2 and result.stderr.startswith("error[E502]")


def test_cli_printable_drops_terminal_escapes():
    assert _printable("a\x1b[31mred\x07\tb\nc\x9b") == "a[31mred\tb\nc"
