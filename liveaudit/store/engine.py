"""Turn a --db value into an SQLAlchemy engine: SQLite files (WAL mode) or PostgreSQL.

Accepted: a file path (`liveaudit.db`, `/data/x.sqlite`), `sqlite:///PATH`, and
`postgresql://...` (driven by psycopg 3). Anything else is refused with E101.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from liveaudit.errors import StoreError

POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def normalize_url(value: str) -> str:
    """Return a canonical SQLAlchemy URL for a --db value, or raise StoreError E101."""
    raw = (value or "").strip()
    if not raw:
        raise StoreError("E101", value=value, reason="it is empty")
    if "://" not in raw:
        path = Path(raw).expanduser()
        if path.is_dir():
            raise StoreError("E101", value=value, reason="it is a directory, not a database file")
        if not path.parent.exists():
            raise StoreError("E101", value=value, reason=f"the folder {path.parent} does not exist")
        if path.exists() and not path.is_file():
            raise StoreError("E101", value=value, reason="it is not a regular file (a pipe, socket or device)")
        if path.exists() and not _looks_like_sqlite(path):
            raise StoreError("E101", value=value, reason="the file exists but is not an SQLite database")
        # URL.create percent-encodes '?' and '#', which a hand-built "sqlite:///" + path
        # string would hand to SQLite as URI options (`a?b.db` used to write to `a`).
        return sa.URL.create("sqlite", database=str(path.resolve())).render_as_string()
    scheme = raw.split("://", 1)[0].lower()
    if scheme in ("postgres", "postgresql"):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    elif scheme not in ("sqlite", "postgresql+psycopg"):
        raise StoreError(
            "E101", value=value, reason=f"the scheme {scheme}:// is not supported (SQLite or PostgreSQL only)"
        )
    try:
        url = make_url(raw)
        url.port  # noqa: B018 - a malformed host/port ("[::1", ":x") fails here, not at connect time
    except (ArgumentError, ValueError) as exc:
        raise StoreError("E101", value=value, reason=str(exc)) from None
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StoreError("E101", value=value, reason="an in-memory SQLite store would lose everything; give a file")
        return normalize_url(url.database)
    return url.render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The database file of a normalized SQLite URL, or None for other backends."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


def _looks_like_sqlite(path: Path) -> bool:
    """Whether an existing file is an SQLite database, asked of SQLite itself.

    Never read the header with open(): closing any other descriptor of the file drops every
    POSIX lock this process holds on it, those of its open SQLite connections included (a
    crawl worker opens a second Store for its pipeline). Another process closing its last
    connection then believes it is alone, checkpoints and deletes the WAL under us, and the
    next writes fail with "disk I/O error" or leave a malformed database. SQLite shares one
    descriptor per file among its connections in a process, so a connection of its own is safe.
    """
    import sqlite3

    if path.stat().st_size == 0:
        return True
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return "not a database" not in str(exc)  # anything else (busy, permissions) is for the real open to report
    return True


def create_engine(url: str, busy_timeout_ms: int = 30000) -> sa.Engine:
    """An engine for a normalized URL; SQLite connections get WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001 - DB-API connection
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        from liveaudit.errors import MissingExtraError

        raise MissingExtraError("E301", feature="a PostgreSQL store", extra="postgres", missing=exc.name) from None
