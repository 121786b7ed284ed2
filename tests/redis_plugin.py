"""A throwaway Redis server for the tests (Debian's `redis-server` package).

`redis_server` (session) starts `redis-server` on 127.0.0.1 and a free port, with no
persistence, in a temp folder, and stops it at the end; `redis_url` gives each test its own
logical database (flushed first). Both skip with a clear reason when redis-server or the
redis client are absent. Registered through `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

import itertools

import pytest

from liveaudit.crawler.tempredis import TempRedis, redis_binary

_db = itertools.count(1)


@pytest.fixture(scope="session")
def redis_server():
    if redis_binary() is None:
        pytest.skip("Redis tests: no redis-server (apt-get install -y redis-server)")
    try:
        import redis  # noqa: F401
    except ImportError:
        pytest.skip("Redis tests: the redis client is not installed (pip install 'liveaudit[scaleout]')")
    try:
        server = TempRedis(databases=64)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    import redis

    url = redis_server.url(next(_db) % 64)
    redis.Redis.from_url(url).flushdb()
    return url
