"""The store every stage reads from and writes to (SQLite by default, PostgreSQL to scale out).

Public: `Store`, `Run`, the table objects in `schema`, `sqlite_path` (the file of a
SQLite store URL), and `migrate` for revisions.
"""

from liveaudit.store import schema
from liveaudit.store.engine import sqlite_path
from liveaudit.store.store import Run, Store

__all__ = ["Run", "Store", "schema", "sqlite_path"]
