"""The fixture web served by a real FixtureServer on 127.0.0.1, read with urllib (no mocks).

Fixtures `fixture_site` and `fixture_manifest` come from tests/fixture_site_plugin.py.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest

from liveaudit.errors import ConfigError
from liveaudit.fixture_site.server import FixtureServer
from tests.fixture_site.client import CLAIM_KINDS, CONTENT_KINDS, fetch, is_html, parse, plain, raw_get


def test_fixture_server_serves_every_manifest_page_with_metadata_and_claims(fixture_site, fixture_manifest):
    types = {".md": "text/markdown", ".xml": "application/", ".txt": "text/plain"}
    for entry in fixture_manifest["pages"]:
        path = entry["path"]
        status, headers, body = fetch(fixture_site.url + path)
        assert status == 200, path
        text = body.decode("utf-8")
        assert "{{BASE_URL}}" not in text, path
        if not is_html(path):
            assert headers["Content-Type"].startswith(types[path[path.rindex(".") :]]), path
            for claim in entry["claims"]:
                assert claim["text"] in plain(text), (path, claim["text"])
            continue
        assert headers["Content-Type"] == "text/html; charset=utf-8", path
        page = parse(text)
        assert page.meta["liveaudit:source"] == entry["source_url"], path
        assert page.meta["liveaudit:kind"] == entry["kind"], path
        assert [s for s in page.meta["liveaudit:systems"].split(",") if s] == entry["systems"], path
        assert page.meta["date"] == entry["date"], path
        assert page.meta["article:published_time"].startswith(entry["date"]), path
        assert page.meta["author"], path
        assert page.title == entry["title"], path
        for claim in entry["claims"]:
            assert claim["text"] in page.text, (path, claim["text"])
        for sentence in entry.get("negatives", []):
            assert sentence in page.text, (path, sentence)


def test_fixture_server_manifest_covers_kinds_systems_and_spellings(fixture_manifest):
    pages = fixture_manifest["pages"]
    content_html = [p for p in pages if is_html(p["path"]) and p["kind"] in CONTENT_KINDS]
    assert len(content_html) >= 40
    assert {p["kind"] for p in content_html} == CONTENT_KINDS
    assert len([p for p in pages if p["path"].endswith(".md")]) >= 2
    systems = {s for p in pages for s in p["systems"]}
    assert len(systems) >= 12, systems
    assert {c["kind"] for p in pages for c in p["claims"]} == CLAIM_KINDS
    assert any(not p["claims"] and p["kind"] in CONTENT_KINDS for p in pages)
    everything = pages + fixture_manifest["private"] + fixture_manifest["edition2"]["added"]
    for page in everything:
        assert re.match(r"https?://[^/\s]+", page["source_url"]), page["path"]
        for claim in page["claims"]:
            assert claim["kind"] in CLAIM_KINDS, (page["path"], claim)
    assert len({p["path"] for p in everything}) == len(everything), "duplicate paths in the manifest"
    claims = " ".join(c["text"] for p in pages for c in p["claims"])
    for spelling in (
        "real-time",
        "realtime",
        "real time",
        "live",
        "stream",
        "interactive",
        "instant",
        "on the fly",
        "Low latency",
        "faster than real time",
        "conversational",
        "fps",
        "FPS",
        "frames per second",
        "frames/s",
        " ms",
        "milliseconds",
        "0.69 s",
        "seconds",
        "720p",
        "1280×720",
        "1280x720",
        "1280 by 720",
        "twenty-four frames per second",
        "20–25 fps",
        "3x faster than",
        "an order of magnitude quicker",
        "up to",
        "near",
        "almost",
        "about",
        "~",
        "as fast as",
        "single H100",
        "one RTX 4090",
        "a B200",
        "H100 80GB",
    ):
        assert spelling in claims, spelling


def test_fixture_server_robots_disallows_private_and_names_the_sitemap(fixture_site, fixture_manifest):
    status, headers, body = fetch(fixture_site.url + "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(body.decode().splitlines())
    for entry in fixture_manifest["private"]:
        assert not robots.can_fetch("liveaudit", fixture_site.url + entry["path"])
        assert fetch(fixture_site.url + entry["path"])[0] == 200  # served, so a test can catch an impolite crawler
    assert robots.can_fetch("liveaudit", fixture_site.url + "/blog/causvid-notes.html")
    assert robots.site_maps() == [fixture_site.url + "/sitemap.xml"]


def test_fixture_server_sitemap_and_feed_are_xml_with_absolute_urls(fixture_site, fixture_manifest):
    base = fixture_site.url + "/"
    status, headers, body = fetch(fixture_site.url + "/sitemap.xml")
    assert headers["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    locs = [el.text for el in ET.fromstring(body).findall("s:url/s:loc", ns)]
    assert locs and all(loc.startswith(base) for loc in locs)
    listed = {urlsplit(loc).path for loc in locs}
    public = {
        p["path"]
        for p in fixture_manifest["pages"]
        if not p["path"].startswith("/hostile/") and p["path"] not in ("/robots.txt", "/sitemap.xml", "/feed.xml")
    }
    assert listed == public

    status, headers, body = fetch(fixture_site.url + "/feed.xml")
    assert headers["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(body)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("a:entry", ns)
    assert len(entries) >= 8
    kinds = {p["path"]: p["kind"] for p in fixture_manifest["pages"]}
    for entry in entries:
        href = entry.find("a:link", ns).get("href")
        assert href.startswith(base)
        assert kinds[urlsplit(href).path] in ("blog", "news")
        assert entry.find("a:updated", ns).text and entry.find("a:title", ns).text


def test_fixture_server_links_reach_every_public_page_from_the_root(fixture_site, fixture_manifest):
    robots = urllib.robotparser.RobotFileParser(fixture_site.url + "/robots.txt")
    robots.read()
    seen, queue = set(), ["/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        if path.startswith("/hostile/") and path != "/hostile/":
            continue  # reached; not fetched here (30 MB, slow, loops have their own tests)
        status, headers, body = fetch(fixture_site.url + path)
        if status != 200 or not headers["Content-Type"].startswith("text/html"):
            continue
        for href in parse(body.decode("utf-8")).links:
            url = urljoin(fixture_site.url + path, href)
            if url.startswith(fixture_site.url + "/") and robots.can_fetch("liveaudit", url):
                queue.append(urlsplit(url).path)
    expected = {p["path"] for p in fixture_manifest["pages"]} - {"/robots.txt"}
    expected |= {h["path"] for h in fixture_manifest["hostile"] if h["path"] != "/hostile/loop-b"}
    assert expected <= seen, sorted(expected - seen)
    assert not any(path.startswith("/private/") for path in seen)


def _bodies(site, paths):
    return {path: fetch(site.url + path) for path in paths}


def test_fixture_server_edition_switch_changes_exactly_the_listed_pages(fixture_manifest):
    edition2 = fixture_manifest["edition2"]
    changed = {c["path"] for c in edition2["changed"]}
    added = {a["path"] for a in edition2["added"]}
    paths = (
        {p["path"] for p in fixture_manifest["pages"]}
        | {p["path"] for p in fixture_manifest["private"]}
        | {
            h["path"]
            for h in fixture_manifest["hostile"]
            if h["path"] not in ("/hostile/huge.html", "/hostile/slow.html")
        }
        | added
    )
    with FixtureServer(slow_seconds=0) as site:
        one = _bodies(site, paths)
        site.set_edition(2)
        two = _bodies(site, paths)
        differs = {path for path in paths if one[path][2] != two[path][2]}
        assert differs == changed | added
        for path in added:
            assert one[path][0] == 404 and two[path][0] == 200
        for entry in edition2["changed"] + edition2["added"]:
            if "claims" in entry:
                text = parse(two[entry["path"]][2].decode("utf-8")).text
                assert all(claim["text"] in text for claim in entry["claims"]), entry["path"]
        news = parse(two["/news/"][2].decode("utf-8"))
        assert all(path in news.links for path in added)
        for path in changed:  # conditional requests see the change
            status, headers, _ = one[path]
            assert two[path][1]["ETag"] != headers["ETag"]
            assert fetch(site.url + path, headers={"If-None-Match": headers["ETag"]})[0] == 200
            assert fetch(site.url + path, headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 200
        site.set_edition(1)
        back = _bodies(site, changed | added)
        assert all(back[path][0] == one[path][0] and back[path][2] == one[path][2] for path in back)


def test_fixture_server_refuses_path_traversal(fixture_site):
    secret = (b"[build-system]", b"pages:", b"liveaudit:source")
    for path in (
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/%2E%2E/pyproject.toml",
        "/..%2fpyproject.toml",
        "/..%5cpyproject.toml",
        "/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/blog/../../../pyproject.toml",
        "/%252e%252e/pyproject.toml",
        "/./../pyproject.toml",
        "/..",
        "/../manifest.yaml",
        "/%2e%2e/manifest.yaml",
        "/../site/index.html",
        "/.git/config",
        "//etc/passwd",
        "/%00index.html",
    ):
        status, body = raw_get(fixture_site, path)
        assert status in (403, 404), path
        assert not any(marker in body for marker in secret), path


def test_fixture_server_head_and_conditional_get(fixture_site):
    url = fixture_site.url + "/papers/2506.08009.html"
    status, get_headers, body = fetch(url)
    status, head_headers, head_body = fetch(url, method="HEAD")
    assert status == 200 and head_body == b""
    for key in ("Content-Type", "Content-Length", "ETag", "Last-Modified"):
        assert head_headers[key] == get_headers[key]
    assert int(head_headers["Content-Length"]) == len(body)
    assert fetch(url, headers={"If-None-Match": get_headers["ETag"]})[0] == 304
    assert fetch(url, headers={"If-Modified-Since": get_headers["Last-Modified"]})[0] == 304
    assert fetch(url, headers={"If-None-Match": '"something-else"'})[0] == 200


def test_fixture_server_records_requests_and_refuses_other_methods(fixture_site):
    marker = f"/blog/?probe={time.monotonic_ns()}"
    assert fetch(fixture_site.url + marker)[0] == 200
    assert fetch(fixture_site.url + marker, method="POST")[0] == 405
    assert ("GET", marker) in fixture_site.requests and ("POST", marker) in fixture_site.requests


def test_fixture_server_logs_nothing_on_stderr(fixture_site, capfd):
    for path in ("/", "/nowhere", "/hostile/error-500"):
        fetch(fixture_site.url + path)
    with urllib.request.urlopen(fixture_site.url + "/hostile/huge.html", timeout=10) as response:
        response.read(1024)  # hang up mid-page
    time.sleep(0.2)
    assert capfd.readouterr().err == ""


def test_fixture_server_bad_edition_and_busy_port_raise_coded_errors(fixture_site):
    with pytest.raises(ConfigError) as err:
        FixtureServer(edition=3)
    assert err.value.code == "E002"
    with pytest.raises(ConfigError) as err:
        FixtureServer(port=urlsplit(fixture_site.url).port).start()
    assert err.value.code == "E401"


def test_fixture_server_serve_forever_stops_cleanly_on_ctrl_c(tmp_path):
    code = (
        "from liveaudit.fixture_site.server import serve_forever\n"
        "serve_forever('127.0.0.1', 0, 2, 0.1, on_ready=lambda url: print(url, flush=True))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert fetch(url + "/news/open-vs-closed-world-models.html")[0] == 200  # edition 2
        proc.send_signal(signal.SIGINT)
        # communicate() drains stderr while waiting (no pipe can fill and stall the child); 30 s
        # because CI's two cores may be busy with other tests: a hang still fails
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0 and err == ""
    finally:
        if proc.poll() is None:
            proc.kill()
