"""The store every stage reads from and writes to (SQLite by default, PostgreSQL to scale out).

Public: `Store`, `Run`, the table objects in `schema`, and `migrate` for revisions.
"""

from liveaudit.store import schema
from liveaudit.store.store import Run, Store

__all__ = ["Run", "Store", "schema"]
