"""A hostile site on 127.0.0.1 for the crawl hardening tests (issue 24): each attack a real
HTTP answer, served by `HostileSite(robots=...)`.

    /                   links to a good page, a URL with port 99999, a 3000-character URL, then
                        two more good pages (and the robots.txt test pages)
    /good/N.html        ordinary pages
    /nul.txt            a text page with a NUL byte (PostgreSQL cannot store one in text)
    /bomb.html          gzip inside gzip with two Content-Encoding headers; inflates to 64 MB
    /double.html        a small page, gzip inside gzip with two Content-Encoding headers
    /trickle.html       headers at once, then one byte every 0.4 s for 12 s
    /private/x.html     disallowed by the robots.txt kinds that have rules
    /late/x.html        disallowed only by a rule past robots.txt's 500 KiB parse limit
    /slow/N.html        answers after 0.3 s (a crawl long enough to be stopped by SIGTERM)

`robots` picks the robots.txt answer: "rules" (Disallow: /private/), "503", "timeout"
(sleeps past the crawl's 1 s timeout), or "huge" (the rules, 600 KB of comments, then a
`Disallow: /late/` rule past 500 KiB; larger than the tests' 100 kB download limit), or
"gzip" (the rules, then 64 MB of comment, gzip-compressed to 64 KB).
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler

from tests.crawler.site import QuietServer

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{title}: the vendor "
    "says it streams video in real time at 24 frames per second on one GPU.</p></article>{links}</body></html>"
)
BAD_PORT = "http://127.0.0.1:99999/nowhere.html"
LONG_LINK = "/long/" + "x" * 3000 + ".html"  # wider than the store's URL columns (2048)
BOMB_BYTES = 64 * 1024 * 1024
NUL_TEXT = b"Acme streams video at 30 fps.\x00 The NUL byte sits between two sentences."
RULES = b"User-agent: *\nDisallow: /private/\n"


def page(title: str, links: list[str] = ()) -> bytes:
    return PAGE.format(title=title, links="".join(f'<a href="{u}">{u}</a> ' for u in links)).encode()


@functools.cache
def bomb() -> bytes:
    inner = gzip.compress(b"<html><body><p>bomb</p>" + b" " * BOMB_BYTES + b"</body></html>", compresslevel=9)
    return gzip.compress(inner, compresslevel=9)


@functools.cache
def gzip_robots() -> bytes:
    return gzip.compress(RULES + b"#" * BOMB_BYTES + b"\nDisallow: /late/\n", compresslevel=9)


def huge_robots() -> bytes:
    padding = b"".join(b"# comment line %06d of a very long robots.txt\n" % i for i in range(13000))
    return RULES + padding + b"Disallow: /late/\n"


class HostileSite:
    """`HostileSite(robots="rules").start()` -> `.url`, `.paths()` (requested paths in order)."""

    def __init__(self, robots: str = "rules", slow_pages: int = 40) -> None:
        self.robots = robots
        self.slow_pages = slow_pages
        self.log: list[str] = []
        self._lock = threading.Lock()
        self._server: QuietServer | None = None

    def start(self) -> HostileSite:
        bomb(), gzip_robots()  # made once per test session, before any crawler waits on them
        self._server = QuietServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def paths(self) -> list[str]:
        with self._lock:
            return list(self.log)

    # ---- answers ----------------------------------------------------------------------
    def respond(self, path: str, send) -> None:
        html = [("Content-Type", "text/html; charset=utf-8")]
        if path == "/robots.txt":
            if self.robots == "503":
                return send(503, [("Content-Type", "text/plain")], b"busy")
            if self.robots == "timeout":
                time.sleep(2.5)
                return send(200, [("Content-Type", "text/plain")], b"")
            if self.robots == "gzip":
                return send(200, [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")], gzip_robots())
            if self.robots == "huge":
                return send(200, [("Content-Type", "text/plain")], huge_robots())
            return send(200, [("Content-Type", "text/plain")], RULES)
        if path == "/":
            return send(
                200,
                html,
                page(
                    "Index",
                    [
                        "/good/1.html",
                        BAD_PORT,
                        LONG_LINK,
                        "/good/2.html",
                        "/good/3.html",
                        "/private/x.html",
                        "/late/x.html",
                    ],
                ),
            )
        if path.startswith(("/good/", "/private/", "/late/", "/long/")):
            return send(200, html, page(f"Page {path}"))
        if path.startswith("/slow/"):
            time.sleep(0.3)
            i = int(path[6:].split(".")[0])
            links = [f"/slow/{j}.html" for j in (2 * i + 1, 2 * i + 2) if j < self.slow_pages]
            return send(200, html, page(f"Slow {i}", links))
        if path == "/nul.txt":
            return send(200, [("Content-Type", "text/plain; charset=utf-8")], NUL_TEXT)
        if path == "/bomb.html":
            return send(200, html + [("Content-Encoding", "gzip"), ("Content-Encoding", "gzip")], bomb())
        if path == "/double.html":  # a small page, gzip inside gzip, two Content-Encoding headers
            body = gzip.compress(gzip.compress(page("Double gzip page")))
            return send(200, html + [("Content-Encoding", "gzip"), ("Content-Encoding", "gzip")], body)
        if path == "/trickle.html":
            return send(200, html, b"<html><body>" + b"." * 30 + b"</body></html>", trickle=0.4)
        return send(404, html, b"<html><body>not found</body></html>")

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                with site._lock:
                    site.log.append(self.path)

                def send(status, headers, body, trickle=None):
                    self.send_response(status)
                    for k, v in headers:
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if trickle is None:
                        self.wfile.write(body)
                        return
                    for i in range(len(body)):
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(trickle)

                try:
                    site.respond(self.path.split("?")[0], send)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
