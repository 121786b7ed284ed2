"""The fixture site's hostile pages (malformed, injected, huge, odd charsets, loops, errors, slow,
PDF), served by a real FixtureServer on 127.0.0.1 and read with urllib (no mocks).

Fixtures `fixture_site` and `fixture_manifest` come from tests/fixture_site_plugin.py.
"""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser

import pytest

from liveaudit.fixture_site.server import FixtureServer
from tests.fixture_site.client import MIB, fetch, parse, raw_get


def _hostile(manifest, path):
    return next(h for h in manifest["hostile"] if h["path"] == path)


def test_server_hostile_malformed_and_injection_pages_are_served_verbatim(fixture_site, fixture_manifest):
    status, _, body = fetch(fixture_site.url + "/hostile/malformed.html")
    assert status == 200 and b"</div></div></div>" in body and b'<p class="x" id=y data-z=>' in body
    text = parse(body.decode("utf-8")).text
    for claim in _hostile(fixture_manifest, "/hostile/malformed.html")["claims"]:
        assert claim["text"] in text

    status, _, body = fetch(fixture_site.url + "/hostile/injection.html")
    assert b"<script>alert('xss')</script>" in body
    assert b'onerror="alert(1)"' in body and b'href="javascript:' in body
    text = parse(body.decode("utf-8")).text
    for claim in _hostile(fixture_manifest, "/hostile/injection.html")["claims"]:
        assert claim["text"] in text
    assert "<script>alert('xss')</script>" in text  # the escaped one shows literally


def test_server_hostile_huge_page_streams_30_mib_with_content_length(fixture_site, fixture_manifest):
    status, headers, body = fetch(fixture_site.url + "/hostile/huge.html", method="HEAD")
    length = int(headers["Content-Length"])
    assert status == 200 and body == b"" and length >= 30 * MIB
    with urllib.request.urlopen(fixture_site.url + "/hostile/huge.html", timeout=30) as response:
        first = response.read(64 * 1024)
        count = len(first)
        while chunk := response.read(MIB):
            count += len(chunk)
    assert count == length
    claim = _hostile(fixture_manifest, "/hostile/huge.html")["claims"][0]["text"]
    assert claim.encode() in first and first.startswith(b"<!DOCTYPE html>")


def test_server_hostile_charset_pages_carry_cp1252_bytes(fixture_site, fixture_manifest):
    status, headers, body = fetch(fixture_site.url + "/hostile/wrong-charset.html")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert (
        _hostile(fixture_manifest, "/hostile/wrong-charset.html")["claims"][0]["text"]
        in parse(body.decode("cp1252")).text
    )

    status, headers, body = fetch(fixture_site.url + "/hostile/no-charset.html")
    assert status == 200 and headers["Content-Type"] == "text/html"
    assert b'<meta charset="windows-1252">' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert (
        _hostile(fixture_manifest, "/hostile/no-charset.html")["claims"][0]["text"] in parse(body.decode("cp1252")).text
    )


def test_server_hostile_redirect_loop_and_moved_page(fixture_site):
    status, headers, _ = fetch(fixture_site.url + "/hostile/loop-a")
    assert status == 302 and headers["Location"] == fixture_site.url + "/hostile/loop-b"
    status, headers, _ = fetch(headers["Location"])
    assert status == 302 and headers["Location"] == fixture_site.url + "/hostile/loop-a"
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(fixture_site.url + "/hostile/loop-a", timeout=10)
    assert err.value.code == 302 and "infinite loop" in str(err.value.reason)

    status, headers, _ = fetch(fixture_site.url + "/hostile/moved")
    assert status == 301 and headers["Location"] == fixture_site.url + "/blog/self-forcing-explained.html"
    assert fetch(fixture_site.url + "/blog")[0] == 301  # a folder without its slash


def test_server_hostile_error_pages_are_small_html_and_escape_the_path(fixture_site):
    for path, code in (
        ("/hostile/error-500", 500),
        ("/hostile/gone", 410),
        ("/hostile/missing.html", 404),
        ("/nowhere", 404),
    ):
        status, headers, body = fetch(fixture_site.url + path)
        assert status == code and headers["Content-Type"].startswith("text/html") and 0 < len(body) < 1024, path
    status, _, body = fetch(fixture_site.url + "/%3Cscript%3Ealert(1)%3C/script%3E")
    assert status == 404 and b"<script>" not in body and b"&lt;script&gt;" in body
    assert raw_get(fixture_site, "/repos/streamdiffusion/")[0] == 404  # a folder without index.html: no listing


def test_server_hostile_slow_page_waits_slow_seconds():
    with FixtureServer(slow_seconds=0.5) as site:
        start = time.monotonic()
        status, _, body = fetch(site.url + "/hostile/slow.html")
        assert status == 200 and b"twenty-four frames per second" in body
        assert time.monotonic() - start >= 0.5
        with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
            with urllib.request.urlopen(site.url + "/hostile/slow.html", timeout=0.1) as response:
                response.read()
        assert fetch(site.url + "/")[0] == 200


def test_server_hostile_pdf_is_a_valid_minimal_pdf(fixture_site):
    status, headers, body = fetch(fixture_site.url + "/hostile/paper.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-1.4") and body.rstrip().endswith(b"%%EOF")
    startxref = int(body.rsplit(b"startxref", 1)[1].split()[0])
    assert body[startxref:].startswith(b"xref")
    for number, offset in enumerate(re.findall(rb"(\d{10}) 00000 n", body), start=1):
        assert body[int(offset) :].startswith(f"{number} 0 obj".encode())
