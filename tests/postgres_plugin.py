"""Pytest fixtures for a throwaway PostgreSQL cluster (Debian's `postgresql` package).

`postgres_server` (session) is a `liveaudit.store.tempcluster.PostgresServer`: `initdb` +
`pg_ctl` on 127.0.0.1 and a free port, as a non-root user (initdb refuses root: as root the
cluster runs as the system user `liveaudit-test`, created with useradd when missing), data in
a temp folder, stopped at the end of the session. `pg_url` gives each test a fresh, empty
database. Both skip with a clear reason when the server binaries or psycopg are absent.

`store_db` is parametrized over both backends: an SQLite file path, or a PostgreSQL URL.
Registered through `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

import pytest

from liveaudit.store.tempcluster import ClusterUnavailable, PostgresServer, free_port  # noqa: F401


@pytest.fixture(scope="session")
def postgres_server():
    try:
        server = PostgresServer()
    except ClusterUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_server) -> str:
    """A fresh, empty database on the session's cluster."""
    return postgres_server.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request, tmp_path) -> str:
    """A fresh store location on each backend: an SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")
