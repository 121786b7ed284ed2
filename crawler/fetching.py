"""`fetch()`: one URL, read with an overall deadline and a size cap, for commands that fetch a
single page outside a crawl (`liveaudit extract URL`).

urllib's `timeout` bounds each socket wait, not the fetch: a server sending one byte every
second holds it for as long as it likes. Here every read gets only the time left before the
deadline, and the body stops at `max_bytes`. Redirects are followed (http and https only,
at most MAX_REDIRECTS); nothing else of the answer is trusted.
"""

from __future__ import annotations

import http.client
import ssl
import time
from urllib.parse import urljoin, urlsplit

from liveaudit.errors import InputError

MAX_REDIRECTS = 5
CHUNK = 64 * 1024


def _connect(url: str, timeout: float) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an absolute http(s) URL")
    if parts.scheme == "https":
        return http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def fetch(url: str, *, timeout: float, max_bytes: int, user_agent: str) -> tuple[bytes, str]:
    """(body, Content-Type) of `url`, all of it within `timeout` seconds and `max_bytes` bytes.

    Raises InputError E602 when it cannot be fetched in time (or at all: HTTP errors, too
    many redirects) and E603 when the body is larger than `max_bytes`.
    """
    deadline = time.monotonic() + timeout
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            conn = _connect(current, timeout)
            try:
                conn.request("GET", _target(current), headers={"User-Agent": user_agent, "Accept-Encoding": "identity"})
                _left(deadline, conn)
                resp = conn.getresponse()
                if resp.status in (301, 302, 303, 307, 308) and resp.getheader("Location"):
                    current = urljoin(current, resp.getheader("Location"))
                    continue
                if resp.status >= 400:
                    raise InputError("E602", input=url, reason=f"HTTP {resp.status}")
                body = _read(resp, conn, deadline, max_bytes, url)
                return body, resp.getheader("Content-Type", "") or ""
            finally:
                conn.close()
        raise InputError("E602", input=url, reason=f"more than {MAX_REDIRECTS} redirects")
    except TimeoutError:
        raise InputError("E602", input=url, reason=f"no complete answer within {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise InputError("E602", input=url, reason=f"{type(exc).__name__}: {exc}") from None


def _left(deadline: float, conn: http.client.HTTPConnection) -> None:
    """Give the next socket wait only the time left before the deadline."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    if conn.sock is not None:
        conn.sock.settimeout(left)


def _read(resp: http.client.HTTPResponse, conn, deadline: float, max_bytes: int, url: str) -> bytes:
    chunks, size = [], 0
    while True:
        _left(deadline, conn)
        chunk = resp.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError("E603", input=url, reason=f"larger than {max_bytes} bytes")
        chunks.append(chunk)
