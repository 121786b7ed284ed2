"""A local file through the crawl step: its own file:// identity and sha256, a WARC resource record,
the page's liveaudit:* meta, and no new document when a re-check finds the content unchanged."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from liveaudit.crawler.stage import run as crawl_step
from liveaudit.fixture_site.server import default_root
from liveaudit.records import StageSettings


def _crawl(store, path: Path, tmp_path: Path):
    values = {"CLASSIFY_MAX_BYTES": 5_000_000, "CRAWL_WARC_DIR": str(tmp_path / "warc")}
    return crawl_step(store, StageSettings(values, tmp_path, urls=(path.resolve().as_uri(),)), lambda m: None)


def test_local_file_keeps_its_identity_and_a_recheck_adds_nothing(store, tmp_path):
    page = tmp_path / "krea.html"
    shutil.copyfile(default_root() / "site" / "vendors" / "krea-realtime.html", page)
    first = _crawl(store, page, tmp_path).figures
    doc = store.rows("documents")[0]
    assert first["new_versions"] == 1 and first["document_ids"] == [doc["id"]]
    assert doc["url"] == doc["doc_key"] == page.resolve().as_uri() and doc["meta"]["local_path"] == str(page.resolve())
    assert doc["content_sha256"] == hashlib.sha256(page.read_bytes()).hexdigest() and doc["warc_record_id"]
    assert doc["text"] and "127.0.0.1" not in doc["url"]
    again = _crawl(store, page, tmp_path).figures
    assert again["new_versions"] == 0 and again["document_ids"] == [doc["id"]] and len(store.rows("documents")) == 1
    page.write_text(page.read_text(encoding="utf-8") + "\n<p>Edited.</p>", encoding="utf-8")
    changed = _crawl(store, page, tmp_path).figures
    versions = store.rows("documents", order_by="version")
    assert changed["new_versions"] == 1 and [d["version"] for d in versions] == [1, 2]
    assert {d["doc_key"] for d in versions} == {page.resolve().as_uri()}
