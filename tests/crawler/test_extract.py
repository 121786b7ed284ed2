"""Extraction of each body format, on real bytes."""

from __future__ import annotations

from liveaudit.crawler.extract import body_format, extract, xml_links

HTML = (
    b'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Live</title>'
    b'<meta name="author" content="Ada Lovelace"><meta property="article:published_time" content="2025-02-03"></head>'
    b"<body><article><h1>Live</h1><p>"
    + b"Das Modell erzeugt Video in Echtzeit mit 24 Bildern pro Sekunde. " * 5
    + b"</p></article></body></html>"
)


def test_extract_html_main_text_and_metadata():
    out = extract(HTML, "https://x.org/a.html", "text/html; charset=utf-8")
    assert out["format"] == "html" and out["extract_status"] == "extracted"
    assert out["title"] == "Live" and out["author"] == "Ada Lovelace" and out["published_at"] == "2025-02-03"
    assert out["language"] == "de" and "24 Bildern pro Sekunde" in out["text"] and out["problem"] is None


def test_extract_markdown_readme_keeps_text_and_first_heading():
    out = extract(b"[![badge](x.svg)](y)\n# FastVid\n\nRuns at 30 fps.\n", "https://raw.x/README.md", "text/plain")
    assert out["format"] == "markdown" and out["title"] == "FastVid" and "30 fps" in out["text"]


def test_extract_feed_items_and_links():
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Papers</title>'
        b'<entry><title>Fast video</title><link href="/abs/1" rel="alternate"/><summary>Real time at 16 fps.</summary></entry>'
        b"</feed>"
    )
    out = extract(atom, "https://x.org/feed", "application/atom+xml")
    assert out["format"] == "feed" and out["title"] == "Papers" and "Real time at 16 fps." in out["text"]
    assert xml_links(atom, "https://x.org/feed") == ["https://x.org/abs/1"]


def test_extract_sitemap_gives_links_and_no_text():
    sitemap = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.org/a</loc></url></urlset>'
    assert body_format("application/xml", "https://x.org/sitemap.xml", sitemap) == "sitemap"
    assert extract(sitemap, "https://x.org/sitemap.xml", "application/xml")["extract_status"] == "not_extracted"
    assert xml_links(sitemap, "https://x.org/sitemap.xml") == ["https://x.org/a"]


def test_extract_pdf_is_recorded_not_extracted():
    out = extract(b"%PDF-1.4\n%%EOF\n", "https://x.org/p", "application/octet-stream")
    assert out["format"] == "pdf" and out["extract_status"] == "not_extracted" and "PDF" in out["note"]


def test_extract_bad_encoding_is_decoded_with_replacement_and_named():
    body = b"<html><head><meta charset='utf-8'></head><body><p>caf\xe9 \x93live\x94 video at 30 fps</p></body></html>"
    out = extract(body, "https://x.org/b", "text/html; charset=utf-8")
    assert out["problem"].startswith("bad encoding") and "\ufffd" in (out["text"] or "\ufffd")
    unknown = extract(b"<html><body><p>x</p></body></html>", "https://x.org/c", "text/html; charset=klingon")
    assert "unknown charset" in unknown["problem"]


def test_extract_xml_entities_are_never_expanded():
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><title>&x;</title><item><title>t</title><description>&x; d</description></item></channel></rss>"
    )
    out = extract(xxe, "https://x.org/feed", "application/rss+xml")
    assert "root:" not in (out["text"] or "") and "root:" not in (out["title"] or "")


def test_extract_worker_exits_when_its_crawl_process_is_killed(tmp_path):
    """SIGKILL of a crawl leaves no orphaned extraction worker behind (they would wait forever)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing, os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from liveaudit.crawler.extract import exit_with_parent\n"
        "if __name__ == '__main__':\n"
        "    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('spawn'),\n"
        "                               initializer=exit_with_parent, initargs=(os.getpid(), 0.1))\n"
        "    print(pool.submit(os.getpid).result(), flush=True)\n"
        "    time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        if open(f"/proc/{worker}/stat").read().split()[2] == "Z":  # exited, waiting to be reaped by init
            return
        time.sleep(0.1)
    os.kill(worker, signal.SIGKILL)
    raise AssertionError(f"extraction worker {worker} outlived its killed parent")


def test_extract_control_character_reference_no_longer_empties_the_page():
    page = (
        b"<html><body><article><p>Acme generates video in real time at 24 fps on one H100 &#27; "
        b"and keeps streaming.</p></article></body></html>"
    )
    out = extract(page, "https://x.org/esc.html", "text/html")
    assert out["extract_status"] == "extracted" and "24 fps" in out["text"]
    assert any("control character" in c for c in out["cuts"]) and "control character" in out["note"]


def test_extract_deep_nesting_read_by_the_plain_extractor_with_a_note():
    page = (
        "<html><body>"
        + "<div>" * 1000
        + "<p>Acme streams in real time at 30 fps.</p>"
        + "</div>" * 1000
        + "</body></html>"
    ).encode()
    out = extract(page, "https://x.org/deep.html", "text/html")
    assert out["extract_status"] == "extracted" and "30 fps" in out["text"]
    assert any("levels deep (over 255" in c and "plain extractor" in c for c in out["cuts"])


def test_extract_utf16_page_with_bom_is_text():
    page = (
        b"\xff\xfe"
        + "<html><body><p>Acme streams in real time at 30 fps on an H100 GPU today.</p></body></html>".encode(
            "utf-16-le"
        )
    )
    out = extract(page, "https://x.org/u16.html", "text/html")
    assert out["extract_status"] == "extracted" and "30 fps" in out["text"]


def test_extract_hostile_pages_crawled_beside_the_fixture_site(tmp_path):
    """The fixture site's /hostile/ pages plus 20 corpus pages on a second 127.0.0.1 server:
    the crawl completes and stores every page that answered 200."""
    import functools
    import http.server
    import threading

    import yaml

    from liveaudit.classifier.hostile import corpus, write_corpus
    from liveaudit.fixture_site.server import FixtureServer
    from tests.crawler.conftest import crawl_env, liveaudit, store_rows

    cases = corpus(small=True)
    picked = [c for c in cases if c.suffix in (".html", ".md", ".txt")][:: max(1, len(cases) // 20)][:20]
    folder = tmp_path / "corpus"
    paths = write_corpus(folder, picked)
    (folder / "index.html").write_text(
        "<html><body>" + "".join(f'<a href="/{p.name}">{p.name}</a> ' for p in paths) + "</body></html>",
        encoding="utf-8",
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    corpus_url = f"http://127.0.0.1:{server.server_address[1]}"
    sources = tmp_path / "sources.yaml"
    with FixtureServer(slow_seconds=0.6, huge_bytes=2_000_000) as site:
        sources.write_text(
            yaml.safe_dump(
                {
                    "sources": [
                        {
                            "id": "hostile",
                            "kind": "vendor_page",
                            "start_urls": [site.url + "/hostile/"],
                            "follow": ["/hostile/"],
                            "depth": 1,
                        },
                        {"id": "corpus", "kind": "vendor_page", "start_urls": [corpus_url + "/index.html"], "depth": 1},
                    ]
                }
            ),
            encoding="utf-8",
        )
        db = tmp_path / "store.db"
        (tmp_path / "empty.toml").write_text("", encoding="utf-8")
        done = liveaudit(
            "crawl",
            "--sources",
            str(sources),
            "--db",
            str(db),
            env=crawl_env(
                LIVEAUDIT_CRAWL_DOWNLOAD_MAXSIZE="3000000",
                LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOUT="5",
                LIVEAUDIT_SETTINGS=str(tmp_path / "empty.toml"),
            ),
            timeout=900,
        )
    server.shutdown()
    assert done.returncode == 0, done.stderr[-3000:]
    fetches = store_rows(db, "fetches")
    stored = {f["url"] for f in fetches if f["document_id"] is not None}
    answered = {f["url"] for f in fetches if f["http_status"] == 200}
    assert answered and answered <= stored  # every page that answered 200 was stored
    assert {f"{corpus_url}/{p.name}" for p in paths} <= stored
    docs = {d["url"]: d for d in store_rows(db, "documents")}
    assert all("extraction" in d["meta"] for d in docs.values())


class _Quiet(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass
