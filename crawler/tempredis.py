"""A throwaway `redis-server` on 127.0.0.1 (Debian's package): for the distributed-crawl bench and tests.

No persistence, a temp folder, a free port; `stop()` ends it and removes the folder. As
`liveaudit.store.tempcluster` does for PostgreSQL, one place starts the server for both the
benchmark and the pytest plugin.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def redis_binary() -> str | None:
    """Path of redis-server, or None when it is not installed."""
    found = shutil.which("redis-server")
    if found:
        return found
    return "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None


class TempRedis:
    """Start with `TempRedis()`; `url(db)` names a logical database; `stop()` when done (or use `with`)."""

    def __init__(self, databases: int = 16) -> None:
        import redis

        binary = redis_binary()
        if binary is None:
            raise RuntimeError("no redis-server: give --redis redis://HOST:PORT/DB or apt-get install -y redis-server")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.root = Path(tempfile.mkdtemp(prefix="liveaudit-redis-"))
        self.proc = subprocess.Popen(
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.root),
                "--databases",
                str(databases),
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(host="127.0.0.1", port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not answer on 127.0.0.1:{self.port}")

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> TempRedis:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
