"""How the fixture-site tests read the server: plain urllib (no mocks), no redirects followed on
request, and a small HTML parser for titles, links and metadata."""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.request
import urllib.robotparser
from html.parser import HTMLParser
from urllib.parse import urlsplit

from liveaudit.fixture_site.server import FixtureServer
from liveaudit.vocab import CLAIMS

CONTENT_KINDS = {"vendor", "blog", "paper", "readme", "model_card", "news"}
CLAIM_KINDS = set(CLAIMS)
MIB = 1024 * 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_RAW = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, method: str = "GET", headers: dict | None = None, timeout: float = 10):
    """(status, headers, body) without following redirects and without raising on 4xx/5xx."""
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with _RAW.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def raw_get(site: FixtureServer, path: str):
    """GET a path byte for byte (urllib would normalise `..`), returns (status, body)."""
    parts = urlsplit(site.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class _Page(HTMLParser):
    """Visible text (script and style dropped), <meta> values, <title> and <a href> links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.links: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and (attrs.get("name") or attrs.get("property")):
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content") or ""
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts)).strip()


def parse(body: str) -> _Page:
    page = _Page()
    page.feed(body)
    page.close()
    return page


def plain(body: str) -> str:
    return re.sub(r"\s+", " ", body)


def is_html(path: str) -> bool:
    return path.endswith((".html", "/"))
