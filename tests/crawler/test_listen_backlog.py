"""The HTTP servers the crawler is tested and benchmarked against take a burst of connections.

socketserver listens with a backlog of 5. A crawl opens new connections in bursts (Twisted
keeps only CONCURRENT_REQUESTS_PER_DOMAIN of them for reuse); while the server's accept thread
waits for the CPU, the kernel drops the SYNs beyond the backlog, and the client sends them again
only after its 1 s initial retransmission timeout: with the tests' 1 s download timeout, a page
could time out three times and be stored as an error (test_frontier's max-pages + resume test
then found 57-59 of 60 pages). Here nothing accepts at all, so the backlog alone decides how
many connections complete.
"""

from __future__ import annotations

import selectors
import socket
import time

import pytest

BURST = 32


def _connected_without_accept(server) -> int:
    """How many of BURST connections to `server` (which never accepts) complete."""
    host, port = server.server_address[:2]
    socks = []
    sel = selectors.DefaultSelector()
    try:
        for _ in range(BURST):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.connect_ex((host, port))
            sel.register(s, selectors.EVENT_WRITE)
            socks.append(s)
        done = 0
        deadline = time.monotonic() + 5  # a bound on the wait only: a full backlog never completes them
        while done < BURST and time.monotonic() < deadline:
            for key, _ in sel.select(timeout=0.1):
                sel.unregister(key.fileobj)
                if key.fileobj.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                    done += 1
        return done
    finally:
        sel.close()
        for s in socks:
            s.close()


def _servers():
    from http.server import BaseHTTPRequestHandler

    from liveaudit.crawler import sitegen
    from tests.crawler.site import QuietServer

    yield "tests.crawler.site.QuietServer", QuietServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    yield "crawler.sitegen", sitegen.SiteServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    try:
        from liveaudit.fixture_site import server as fixture_server
    except ImportError:
        return
    yield "fixture_site.server", fixture_server.FixtureHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)


@pytest.mark.parametrize("name", ["tests.crawler.site.QuietServer", "crawler.sitegen", "fixture_site.server"])
def test_test_servers_take_a_burst_of_connections_before_accepting_any(name):
    servers = dict(_servers())
    if name not in servers:
        pytest.skip(f"{name} not installed")
    try:
        assert _connected_without_accept(servers[name]) == BURST
    finally:
        for s in servers.values():
            s.server_close()
