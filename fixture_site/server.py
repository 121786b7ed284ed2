"""The fixture site on 127.0.0.1: a small realistic web for the crawler, the tests and the demo.

Pages live in `data/fixture_site/site/` (edition 1); `data/fixture_site/edition2/` holds the
changed copies that edition 2 serves first. `data/fixture_site/manifest.yaml` lists every page
with its source, systems and gold claim sentences, and what edition 2 changes. The hostile pages
under /hostile/ that cannot be files (30 MB, slow, redirect loop, 500, 410, PDF) are made here.

    with FixtureServer(slow_seconds=0.5) as site:
        urllib.request.urlopen(site.url + "/robots.txt")
        site.set_edition(2)

Only the standard library is used. `liveaudit serve-fixtures` runs `serve_forever`.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import importlib.resources
import logging
import signal
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from liveaudit.errors import ConfigError, InputError
from liveaudit.fixture_site.documents import minimal_pdf, page_html

log = logging.getLogger(__name__)

PLACEHOLDER = b"{{BASE_URL}}"
EDITIONS = (1, 2)
# Last-Modified is the edition's date, not the file's mtime (a git checkout sets every mtime to
# checkout time): an edition-2 page is always newer than its edition-1 copy, so conditional
# requests after set_edition(2) never get a stale 304.
EDITION_DATES = {1: calendar.timegm((2025, 11, 3, 8, 0, 0)), 2: calendar.timegm((2025, 11, 17, 8, 0, 0))}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
}
SUBSTITUTED = {".html", ".md", ".txt", ".xml"}
# Pages whose Content-Type is part of the test. wrong-charset.html keeps the default utf-8
# header although its bytes are cp1252; no-charset.html has no charset in the header at all.
TYPE_OVERRIDES = {
    "/feed.xml": "application/atom+xml; charset=utf-8",
    "/hostile/no-charset.html": "text/html",
}
HUGE_CLAIM = "Our streaming engine sustains 24 fps at 1280x720 on a single H100."


def default_root() -> Path:
    """`data/fixture_site`: from the installed `liveaudit.data` package, else beside this file."""
    try:
        candidate = Path(str(importlib.resources.files("liveaudit.data") / "fixture_site"))
        if (candidate / "site").is_dir():
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "data" / "fixture_site"


class FixtureServer:
    """The fixture site served from a daemon thread; see the module docstring.

    `requests` collects (method, raw path) of every request received, in order.
    """

    def __init__(
        self,
        root: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        edition: int = 1,
        slow_seconds: float = 3.0,
        huge_bytes: int = 30 * 1024 * 1024,
    ) -> None:
        self.root = Path(root) if root is not None else default_root()
        if not (self.root / "site").is_dir():
            raise InputError(
                "E201", input=str(self.root), reason="no site/ folder; pass the data/fixture_site folder as root"
            )
        self.host = host
        self.port = port
        self.slow_seconds = float(slow_seconds)
        self.huge_bytes = int(huge_bytes)
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._httpd: FixtureHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.edition = 1
        self.set_edition(edition)

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. http://127.0.0.1:54321 (after start())."""
        if self._httpd is None:
            raise RuntimeError("the fixture server is not started; call start() first")
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self._httpd.server_address[1]}"

    def set_edition(self, edition: int) -> None:
        """Serve edition 1 (site/) or 2 (edition2/ over site/) from the next request on."""
        if edition not in EDITIONS:
            raise ConfigError("E002", name="edition", value=edition, reason="the fixture site has editions 1 and 2")
        if edition == 2 and not (self.root / "edition2").is_dir():
            raise InputError("E201", input=str(self.root / "edition2"), reason="edition 2 needs this folder")
        self.edition = edition

    def start(self) -> FixtureServer:
        self._bind()
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fixture-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _bind(self) -> None:
        if self._httpd is not None:
            raise RuntimeError("the fixture server is already started")
        try:
            self._httpd = FixtureHTTPServer((self.host, self.port), _Handler)
        except OSError as exc:
            raise ConfigError("E401", host=self.host, port=self.port, reason=exc.strerror or str(exc)) from None
        self._httpd.fixture = self

    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))

    def _folders(self) -> list[Path]:
        site = self.root / "site"
        return [self.root / "edition2", site] if self.edition == 2 else [site]


def serve_forever(
    host: str = "127.0.0.1", port: int = 8800, edition: int = 1, slow_seconds: float = 3.0, on_ready=None
) -> None:
    """Serve the fixture site in this thread until Ctrl-C; `on_ready(url)` is called once listening."""
    if threading.current_thread() is threading.main_thread():
        # "Ctrl-C stops" also when started from a shell that ignores SIGINT (a background job
        # inherits SIG_IGN, and Python keeps it: the server could then only be killed)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    server = FixtureServer(host=host, port=port, edition=edition, slow_seconds=slow_seconds)
    server._bind()
    if on_ready is not None:
        on_ready(server.url)
    try:
        server._httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server._httpd.server_close()
        server._httpd = None


class FixtureHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # Not socketserver's backlog of 5: a crawler's burst of connections would overflow it when
    # the accept thread is short of CPU, and each dropped SYN costs the client a 1 s retransmit.
    request_queue_size = 128
    fixture: FixtureServer

    def handle_error(self, request, client_address) -> None:
        # A client that hangs up mid-page (the 30 MB one, a timeout test) is normal here.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            log.debug("client %s went away: %s", client_address, exc)
        else:
            log.exception("fixture server error for %s", client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "liveaudit-fixtures/1"
    timeout = 30  # seconds a kept-alive connection may idle

    server: FixtureHTTPServer
    head = False  # True while answering a HEAD request: headers only

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s - %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _refuse_method(self) -> None:
        self.server.fixture._record(self.command, self.path)
        self.head = False  # the handler outlives one request on a kept-alive connection
        self._send(
            405,
            page_html("405 Method Not Allowed", "This site only answers GET and HEAD."),
            extra={"Allow": "GET, HEAD"},
        )

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method

    # Routing

    def _serve(self, head: bool) -> None:
        fixture = self.server.fixture
        fixture._record(self.command, self.path)
        self.head = head
        path = unquote(urlsplit(self.path).path)
        dynamic = DYNAMIC.get(path)
        if dynamic is not None:
            return dynamic(self, fixture)
        found = self._resolve(path, fixture)
        if found == "forbidden":
            return self._send(403, page_html("403 Forbidden", "That path leaves the site."))
        if found == "directory":
            return self._send(301, b"", extra={"Location": f"{fixture.url}{path}/"})
        if found is None:
            return self._send(404, page_html("404 Not Found", f"No page at {html.escape(path)} on the fixture site."))
        file, edition = found
        self._send_file(file, edition, path, fixture)

    def _resolve(self, path: str, fixture: FixtureServer):
        """(file, edition it comes from), "forbidden", "directory" or None."""
        if not path.startswith("/") or "\x00" in path or "\\" in path:
            return "forbidden"
        parts = path.split("/")
        if any(part in ("..", ".") or part.startswith(".") for part in parts if part):
            return "forbidden"
        rel = path.lstrip("/")
        if rel == "" or path.endswith("/"):
            rel += "index.html"
        for folder in fixture._folders():
            base = folder.resolve()
            candidate = (folder / rel).resolve()
            if candidate != base and base not in candidate.parents:
                return "forbidden"
            if candidate.is_file():
                return candidate, (2 if folder.name == "edition2" else 1)
            if candidate.is_dir() and (candidate / "index.html").is_file():
                return "directory"
        return None

    # Responses

    def _send_file(self, file: Path, edition: int, path: str, fixture: FixtureServer) -> None:
        body = file.read_bytes()
        if file.suffix in SUBSTITUTED:
            body = body.replace(PLACEHOLDER, fixture.url.encode())
        ctype = TYPE_OVERRIDES.get(path) or CONTENT_TYPES.get(file.suffix, "application/octet-stream")
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        modified = EDITION_DATES[edition]
        headers = {"ETag": etag, "Last-Modified": formatdate(modified, usegmt=True), "Cache-Control": "max-age=60"}
        if self._not_modified(etag, modified):
            return self._send(304, b"", extra=headers, length=False)
        self._send(200, body, ctype, headers)

    def _not_modified(self, etag: str, modified: float) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since).timestamp() >= int(modified)
            except (TypeError, ValueError):
                return False
        return False

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/html; charset=utf-8",
        extra: dict[str, str] | None = None,
        length: bool = True,
    ) -> None:
        self.send_response(status)
        if body or status not in (301, 302, 304):
            self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not self.head and body:
            self.wfile.write(body)

    # Hostile pages that cannot be files

    def _huge(self, fixture: FixtureServer) -> None:
        head = (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>The endless spec sheet</title>\n'
            '<meta name="liveaudit:kind" content="other">\n'
            '<meta name="liveaudit:source" content="https://seaweed-apt.com/2">\n'
            '<meta name="liveaudit:systems" content="Seaweed APT2">\n'
            f"</head><body><h1>The endless spec sheet</h1>\n<p>{HUGE_CLAIM}</p>\n"
        ).encode()
        tail = b"\n</body></html>\n"
        total = max(fixture.huge_bytes, len(head) + len(tail))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(total))
        self.end_headers()
        if self.head:
            return
        unit = b"<p>Row of the spec sheet: the same figures again, and again, and again.</p>\n"
        block = unit * (65536 // len(unit))
        self.wfile.write(head)
        left = total - len(head) - len(tail)
        while left >= len(block):
            self.wfile.write(block)
            left -= len(block)
        self.wfile.write(unit * (left // len(unit)) + b" " * (left % len(unit)) + tail)

    def _slow(self, fixture: FixtureServer) -> None:
        body = page_html(
            "A slow page",
            f"This page waited {fixture.slow_seconds:g} seconds before its body.",
            "<p>The renderer streams live video at twenty-four frames per second.</p>",
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        time.sleep(fixture.slow_seconds)  # headers first, then a stalled body: the harder timeout case
        if not self.head:
            self.wfile.write(body)


def _redirect(target: str, status: int = 302):
    def handler(self: _Handler, fixture: FixtureServer) -> None:
        self._send(status, b"", extra={"Location": fixture.url + target})

    return handler


def _fixed(status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers: dict | None = None):
    def handler(self: _Handler, fixture: FixtureServer) -> None:
        self._send(status, body, ctype, headers)

    return handler


DYNAMIC = {
    "/hostile/huge.html": _Handler._huge,
    "/hostile/slow.html": _Handler._slow,
    "/hostile/loop-a": _redirect("/hostile/loop-b"),  # and back: an endless loop
    "/hostile/loop-b": _redirect("/hostile/loop-a"),
    "/hostile/moved": _redirect("/blog/self-forcing-explained.html", 301),  # one honest redirect
    "/hostile/error-500": _fixed(500, page_html("500 Internal Server Error", "The fixture site failed on purpose.")),
    "/hostile/gone": _fixed(410, page_html("410 Gone", "This page was removed for good.")),
    "/hostile/paper.pdf": _fixed(
        200,
        minimal_pdf("Towards real-time video generation (a fixture paper)"),
        "application/pdf",
        {"ETag": '"fixture-pdf-1"', "Last-Modified": formatdate(EDITION_DATES[1], usegmt=True)},
    ),
}
