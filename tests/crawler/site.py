"""A small hostile site on 127.0.0.1 for the crawler tests (a real HTTP server, like Scrapy's
tests/mockserver): ordinary pages, a robots.txt-disallowed path, every error kind the
crawler must record, a feed, a sitemap, a README and a PDF, and an edition 2 where one page
changed. Each request is logged with its headers and start/end times.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="author" content="Dana Reporter"><meta property="article:published_time" content="2025-03-0{day}">
<meta name="liveaudit:source" content="https://example.com/{slug}"><meta name="liveaudit:kind" content="{kind}">
<meta name="liveaudit:systems" content="{systems}"></head>
<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>
<p>{body}</p><p>The vendor says the model generates video in real time on a single H100 at 24 frames per second.</p>
<p>Independent reviewers measured the first frame after 1.2 seconds at 832x480 with four denoising steps.</p>
</article>{links}</body></html>"""

PAGES = {
    "a": ("Acme Live launches", "vendor_page", "StreamDiffusion", "Acme Live streams video as you type."),
    "b": ("Self-Forcing explained", "blog", "Self-Forcing", "Self-Forcing generates frames autoregressively."),
    "c": ("CausVid paper", "paper_abstract", "CausVid", "CausVid distils a bidirectional teacher."),
    "d": ("Feed item", "news", "LongLive", "LongLive keeps long videos interactive."),
    "e": ("Sitemap page", "news", "MAGI-1", "MAGI-1 generates video chunk by chunk."),
    "moved": ("Moved page", "news", "LTX-Video", "LTX-Video renders faster than playback."),
}

README = b"""# FastVid

FastVid generates 5 seconds of 768x512 video in 2 seconds on an H100 ([paper](/pages/c.html)).
"""

FEED = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Acme news</title>
<item><title>LongLive goes live</title><link>/pages/d.html</link><description>Interactive long video at 20 fps.</description></item>
</channel></rss>"""

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/pages/e.html</loc></url></urlset>"""

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def article(slug: str, edition: int, links: str = "") -> bytes:
    title, kind, systems, body = PAGES[slug]
    if slug == "b" and edition == 2:
        body += " Edition 2: the team now claims 30 fps on an RTX 4090."
    return ARTICLE.format(
        title=title, kind=kind, systems=systems, body=body, slug=slug, links=links, day=1 + sorted(PAGES).index(slug)
    ).encode()


INDEX_LINKS = [
    "/pages/a.html",
    "/pages/b.html",
    "/private/secret.html",
    "/hostile/missing.html",
    "/hostile/error.html",
    "/hostile/flaky.html",
    "/hostile/slow.html",
    "/hostile/huge.html",
    "/hostile/bad-encoding.html",
    "/hostile/loop-a.html",
    "/hostile/redirect.html",
    "/paper.pdf",
]


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver listens with a backlog of 5: a crawler's burst of new connections overflows
    # it while the accept thread waits for the CPU, the kernel drops the SYNs, and the client
    # retries after its 1 s initial RTO - the tests' whole download timeout.
    request_queue_size = 128

    def handle_error(self, request, client_address):  # a crawler hanging up on the huge page is expected
        pass


class Site:
    """`Site(slow_seconds=3).start()` -> `.url`; `.edition`; `.log` of request dicts."""

    def __init__(self, slow_seconds: float = 3.0, many: int = 60) -> None:
        self.slow_seconds = slow_seconds
        self.many = many
        self.edition = 1
        self.log: list[dict] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._flaky_seen = False
        self._server: ThreadingHTTPServer | None = None

    # ---- life -------------------------------------------------------------------------
    def start(self) -> Site:
        self._server = QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def paths(self) -> list[str]:
        return [r["path"] for r in self.log]

    def reset(self) -> None:
        with self._lock:
            self.log.clear()
            self.max_in_flight = 0
            self._flaky_seen = False

    # ---- pages ------------------------------------------------------------------------
    def respond(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        html = [("Content-Type", "text/html; charset=utf-8")]
        if path == "/robots.txt":
            return 200, [("Content-Type", "text/plain")], b"User-agent: *\nDisallow: /private/\n"
        if path == "/":
            links = "".join(f'<a href="{u}">{u}</a> ' for u in INDEX_LINKS)
            return (
                200,
                html,
                f"<html><head><title>Index</title></head><body><h1>Index</h1>{links}</body></html>".encode(),
            )
        if path.startswith("/pages/") and path.endswith(".html") and path[7:-5] in PAGES:
            return 200, html, article(path[7:-5], self.edition)
        if path.startswith("/many/"):
            i = int(path[6:].split(".")[0]) if path[6:].split(".")[0].isdigit() else -1
            if 0 <= i < self.many:
                nxt = "".join(f'<a href="/many/{j}.html">{j}</a> ' for j in (2 * i + 1, 2 * i + 2) if j < self.many)
                body = (
                    f"<html><head><title>Many {i}</title></head><body><article><h1>Many {i}</h1>"
                    f"<p>Page {i} of a long site: a system streams {i} frames per second.</p></article>{nxt}</body></html>"
                )
                return 200, html, body.encode()
        if path == "/private/secret.html":
            return 200, html, b"<html><body>robots.txt forbids this page</body></html>"
        if path == "/hostile/missing.html":
            return 404, html, b"<html><body>not found</body></html>"
        if path == "/hostile/error.html":
            return 500, html, b"<html><body>server error</body></html>"
        if path == "/hostile/flaky.html":
            with self._lock:
                first, self._flaky_seen = not self._flaky_seen, True
            if first:
                return 503, html, b"<html><body>try again</body></html>"
            return (
                200,
                html,
                b"<html><head><title>Flaky</title></head><body><p>Up after a retry: 12 fps on an A100.</p></body></html>",
            )
        if path == "/hostile/slow.html":
            time.sleep(self.slow_seconds)
            return 200, html, b"<html><body>too late</body></html>"
        if path == "/hostile/huge.html":
            return 200, html, b"<html><body>" + b"<p>padding text</p>" * 20000 + b"</body></html>"
        if path == "/hostile/bad-encoding.html":
            return (
                200,
                html,
                (
                    b"<html><head><title>Bad bytes</title></head><body><article><p>Real-time video at 24 fps "
                    b"\xff\xfe\xfa broken bytes in a UTF-8 page, then more text about streaming video "
                    b"generation so the extractor keeps it.</p></article></body></html>"
                ),
            )
        if path == "/hostile/loop-a.html":
            return 302, [("Location", "/hostile/loop-b.html")], b""
        if path == "/hostile/loop-b.html":
            return 302, [("Location", "/hostile/loop-a.html")], b""
        if path == "/hostile/redirect.html":
            return 301, [("Location", "/pages/moved.html")], b""
        if path == "/README.md":
            return 200, [("Content-Type", "text/markdown; charset=utf-8")], README
        if path == "/feed.xml":
            return 200, [("Content-Type", "application/rss+xml")], FEED
        if path == "/sitemap.xml":
            return 200, [("Content-Type", "application/xml")], SITEMAP
        if path == "/paper.pdf":
            return 200, [("Content-Type", "application/pdf")], PDF
        return 404, html, b"<html><body>not found</body></html>"

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                entry = {
                    "path": self.path,
                    "headers": dict(self.headers.items()),
                    "start": time.monotonic(),
                    "end": None,
                }
                with site._lock:
                    site.log.append(entry)  # at once: a crawler may give up before the answer ends
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    status, headers, body = site.respond(self.path.split("?")[0])
                    self.send_response(status)
                    for k, v in headers:
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    entry["end"] = time.monotonic()
                    with site._lock:
                        site.in_flight -= 1

        return Handler


SOURCES = """\
sources:
  - id: site
    kind: vendor_page
    name: Test site
    start_urls: [/]
    depth: 1
  - id: feed
    kind: feed
    start_urls: [/feed.xml]
    depth: 1
  - id: sitemap
    kind: sitemap
    start_urls: [/sitemap.xml]
    depth: 1
  - id: readme
    kind: repository_readme
    start_urls: [/README.md]
    depth: 1
    systems: [FastVid]
"""

MANY_SOURCES = """\
sources:
  - id: many
    kind: news
    start_urls: [/many/0.html]
    depth: 10
"""
