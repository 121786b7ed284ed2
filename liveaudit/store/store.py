"""The Store: one open database, its schema kept current, and run-scoped writes.

    store = Store.open("liveaudit.db")          # upgrades an older schema
    with store.run("crawl", {"sources": "x.yaml"}) as run:
        store.insert("documents", [...], run)    # every row carries run.id
    store.rows("current_claims")                # read a table or view

Writes are append-only by convention: stages insert; only run rows are updated
(status and end time). See schema.py for the tables and their views.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from liveaudit import config
from liveaudit.errors import SchemaError, StoreError
from liveaudit.store import migrate, schema
from liveaudit.store.engine import create_engine, normalize_url, sqlite_path
from liveaudit.store.runs import new_run_row, utcnow

_OPEN_ATTEMPTS = 5  # tries at opening a store another process holds locked (0.1 s, 0.2 s, ... apart)


@dataclass
class Run:
    """An open run; `summary` is stored on the run row when it ends."""

    id: int
    command: str
    summary: dict[str, Any] = field(default_factory=dict)


class Store:
    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    # ---- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, db: str | None = None, *, upgrade: bool = True, create: bool = True) -> Store:
        """Open the store named by `db` (or STORE_URL / LIVEAUDIT_DB / liveaudit.db).

        With `upgrade`, an older schema is migrated to the newest; without it, an old
        schema raises SchemaError E104. A newer schema always raises E103, and a database
        holding another application's tables E109. Commands that only read (`create=False`)
        never create or migrate anything: a missing or empty store raises E110.
        """
        settings = config.load_settings({"STORE_URL": db} if db is not None else None)
        url = normalize_url(settings["STORE_URL"])
        path = sqlite_path(url)
        shown_value = str(path) if path is not None else settings["STORE_URL"]
        if not create and path is not None and (not path.exists() or path.stat().st_size == 0):
            raise StoreError("E110", value=shown_value, reason="the file does not exist or is empty")
        for attempt in range(_OPEN_ATTEMPTS):
            engine = create_engine(url, settings["STORE_BUSY_TIMEOUT_MS"])
            shown = engine.url.render_as_string(hide_password=True)
            try:
                found = migrate.check_known(engine, shown)
                if found is None and not create:
                    raise StoreError("E110", value=shown_value, reason="it holds no liveaudit tables yet")
                head = migrate.head_revision()
                if found != head:
                    if not upgrade or not create:
                        raise SchemaError("E104", url=shown, found=found, head=head)
                    migrate.upgrade(engine, shown)
            except DBAPIError as exc:
                engine.dispose()
                # SQLite answers "locked" at once, without waiting, when workers opening a new store
                # together would deadlock (switching it to WAL, upgrading a read to a write): try again
                if "database is locked" in str(exc.orig) and attempt + 1 < _OPEN_ATTEMPTS:
                    time.sleep(0.1 * 2**attempt)
                    continue
                raise StoreError("E102", url=shown, reason=str(exc.orig).splitlines()[0]) from None
            except BaseException:
                engine.dispose()
                raise
            return cls(engine, shown)
        raise AssertionError("unreachable: the last attempt returns or raises")

    @classmethod
    def open_existing(cls, db: str | None = None) -> Store:
        """A store for commands that only read: never created, never migrated."""
        return cls.open(db, upgrade=False, create=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # ---- runs ----------------------------------------------------------------------
    @contextmanager
    def run(self, command: str, args: dict | None = None) -> Iterator[Run]:
        """Record a run: 'running' at start, then 'finished', 'failed' or 'interrupted'."""
        with self.engine.begin() as conn:
            key = conn.execute(sa.insert(schema.runs).values(**new_run_row(command, args or {}))).inserted_primary_key
            assert key is not None
            run_id = key[0]
        run = Run(id=run_id, command=command)
        status, error = "finished", None
        try:
            yield run
        except KeyboardInterrupt:
            status, error = "interrupted", "interrupted by the user"
            raise
        except BaseException as exc:
            status, error = "failed", f"{type(exc).__name__}: {exc}"
            raise
        finally:
            with self.engine.begin() as conn:
                conn.execute(
                    sa.update(schema.runs)
                    .where(schema.runs.c.id == run_id)
                    .values(status=status, error=error, finished_at=utcnow(), summary=run.summary)
                )

    # ---- rows ----------------------------------------------------------------------
    def table(self, name: str) -> sa.Table:
        if name in schema.metadata.tables:
            return schema.metadata.tables[name]
        if name in schema.VIEWS:
            base = name.removeprefix("current_")
            return sa.Table(
                name, sa.MetaData(), *[sa.Column(c.name, c.type) for c in schema.metadata.tables[base].columns]
            )
        raise StoreError(
            "E105", key=name, table="the schema", url=self.url, hint=f"Known tables: {', '.join(schema.TABLES)}."
        )

    def insert(self, table: str, rows: Iterable[dict], run: Run | int, conn: sa.Connection | None = None) -> list[int]:
        """Append rows stamped with the run; returns their ids. One transaction unless `conn` is given."""
        run_id = run.id if isinstance(run, Run) else run
        tbl = schema.metadata.tables[table]
        stamped = [{**row, "run_id": run_id} for row in rows]
        if not stamped:
            return []

        def _do(c: sa.Connection) -> list[int]:
            keys = [c.execute(sa.insert(tbl).values(**row)).inserted_primary_key for row in stamped]
            return [key[0] for key in keys if key is not None]

        if conn is not None:
            return _do(conn)
        with self.engine.begin() as c:
            return _do(c)

    def rows(
        self, name: str, where: sa.ColumnElement | None = None, order_by: str | None = "id", limit: int | None = None
    ) -> list[dict]:
        tbl = self.table(name)
        query = sa.select(tbl)
        if where is not None:
            query = query.where(where)
        if order_by:
            query = query.order_by(tbl.c[order_by])
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def count(self, name: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(self.table(name))).scalar_one()

    def next_version(self, table: str, key_column: str, key: str, conn: sa.Connection) -> int:
        tbl = schema.metadata.tables[table]
        current = conn.execute(sa.select(sa.func.max(tbl.c.version)).where(tbl.c[key_column] == key)).scalar()
        return (current or 0) + 1
