"""A throwaway Redis server for the tests (Debian's `redis-server` package).

`redis_server` (session) starts `redis-server` on 127.0.0.1 and a free port, with no
persistence, in a temp folder, and stops it at the end; `redis_url` gives each test its own
logical database (flushed first). Both skip with a clear reason when redis-server or the
redis client are absent. Registered through `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.postgres_plugin import free_port

_db = itertools.count(1)


class RedisServer:
    def __init__(self) -> None:
        binary = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
        if binary is None:
            pytest.skip("Redis tests: no redis-server (apt-get install -y redis-server)")
        try:
            import redis
        except ImportError:
            pytest.skip("Redis tests: the redis client is not installed (pip install 'liveaudit[scaleout]')")
        self.root = Path(tempfile.mkdtemp(prefix="liveaudit-redis-"))
        self.port = free_port()
        self.proc = subprocess.Popen([binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                                      "--appendonly", "no", "--dir", str(self.root), "--databases", "64",
                                      "--protected-mode", "yes"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=self.port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            self.stop()
            pytest.fail("redis-server did not answer on 127.0.0.1")

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server():
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    import redis

    url = redis_server.url(next(_db) % 64)
    redis.Redis.from_url(url).flushdb()
    return url
