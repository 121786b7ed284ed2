"""A generated site of N linked pages on 127.0.0.1, for `liveaudit bench crawl`.

    python -m liveaudit.crawler.sitegen --pages 2000 [--port 0]   # prints the URL, serves until killed

Page i links to pages 10i+1 .. 10i+10 (so every page is reachable within log10(N) clicks of
page 0) and back to page 0; each page is a realistic ~4 KB article with navigation, a byline,
a date and a few paragraphs about real-time video generation. /robots.txt disallows
/private/. Served by a threaded stdlib server in its own process, so it does not share the
crawler's interpreter.
"""

from __future__ import annotations

import argparse
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SYSTEMS = ("StreamDiffusion", "CausVid", "Self-Forcing", "LongLive", "LTX-Video", "MAGI-1", "Krea Realtime")
SENTENCES = (
    "{s} generates video at {fps} frames per second on a single {gpu}.",
    "The team describes {s} as real-time, with a first frame after {lat} seconds.",
    "Independent users report that {s} needs about {rtf} seconds of compute per second of video.",
    "A new release of {s} promises live, interactive generation at {w}x{h}.",
    "Benchmarks of {s} were run with {steps} denoising steps and a batch size of one.",
)
GPUS = ("H100", "RTX 4090", "A100", "L40S")


def page(i: int, pages: int) -> bytes:
    s = SYSTEMS[i % len(SYSTEMS)]
    children = [c for c in range(10 * i + 1, 10 * i + 11) if c < pages]
    paras = []
    for k in range(8):
        tmpl = SENTENCES[(i + k) % len(SENTENCES)]
        text = tmpl.format(
            s=s,
            fps=8 + (i + k) % 25,
            gpu=GPUS[(i + k) % len(GPUS)],
            lat=round(0.2 + (k % 7) / 3, 2),
            rtf=round(0.5 + (i % 9) / 4, 2),
            w=640 + 64 * (k % 5),
            h=360 + 32 * (k % 4),
            steps=1 + k % 4,
        )
        paras.append(
            f"<p>{text} Paragraph {k} of article {i} adds context on methods, hardware and caveats "
            f"so that the extractor has real prose to read.</p>"
        )
    links = "".join(f'<li><a href="/page/{c}.html">Article {c}</a></li>' for c in children)
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{s} report {i}</title>'
        f'<meta name="author" content="Reporter {i % 13}">'
        f'<meta property="article:published_time" content="2025-{1 + i % 12:02d}-{1 + i % 28:02d}">'
        f'<meta name="liveaudit:kind" content="news"><meta name="liveaudit:systems" content="{s}"></head>'
        f'<body><nav><a href="/page/0.html">Home</a> <a href="/private/admin.html">Admin</a></nav>'
        f'<article><h1>{s} report {i}</h1><p class="byline">By Reporter {i % 13}</p>{"".join(paras)}</article>'
        f"<aside><ul>{links}</ul></aside><footer>Generated benchmark site</footer></body></html>"
    )
    return html.encode()


def make_handler(pages: int):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 - http.server's naming
            path = self.path.split("?")[0]
            if path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path.startswith("/page/") and path.endswith(".html"):
                try:
                    i = int(path[len("/page/") : -len(".html")])
                except ValueError:
                    i = -1
                if 0 <= i < pages:
                    return self._send(200, page(i, pages))
            return self._send(404, b"<html><body>not found</body></html>")

    return Handler


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # not socketserver's 5: a crawl's burst of connections must not lose SYNs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = SiteServer(("127.0.0.1", args.port), make_handler(args.pages))
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
