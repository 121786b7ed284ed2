"""Schema revisions: upgrade a store to the newest, read where it stands, refuse newer ones.

Alembic holds the revision in `alembic_version`; the scripts are in
`migrations/versions/`, numbered 0001, 0002, ... (the schema version users see).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from liveaudit import __version__
from liveaudit.errors import SchemaError, StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x6C69_7665  # pg_advisory_xact_lock key held while a store is migrated ("live")


def _config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the migrations folder has no head revision"
    return head


def known_revisions() -> list[str]:
    """Revisions from the first to the head."""
    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_known(engine: sa.Engine, url: str) -> str | None:
    """The store's revision; SchemaError E103 when a newer liveaudit wrote it.

    A database without liveaudit's revision table but with tables of its own belongs to
    another application: StoreError E109, so that no command migrates our tables into it.
    """
    # Tables first, revision second: a migration commits both at once, so in this order a store
    # that another worker migrates between the two reads is never seen as tables without their
    # revision (the reverse order mistook it for another application's database, E109).
    others = [t for t in sa.inspect(engine).get_table_names() if t != "alembic_version"]
    found = current_revision(engine)
    if found is not None and found not in known_revisions():
        raise SchemaError("E103", url=url, found=found, version=__version__)
    if found is None:
        if others:
            shown = ", ".join(sorted(others)[:5]) + (", ..." if len(others) > 5 else "")
            raise StoreError("E109", value=url, tables=shown)
    return found


def upgrade(engine: sa.Engine, url: str, target: str = "head") -> tuple[str | None, str]:
    """Upgrade to `target`; returns (revision before, revision after)."""
    from alembic import command

    before = check_known(engine, url)
    with engine.begin() as conn:
        # Several workers may open a new store at the same moment: one migrates, the others wait
        # for it and then find the head in place (alembic reads the revision after the lock).
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        elif engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock first; the DDL runs in this transaction
        command.upgrade(_config(conn), target)
    return before, current_revision(engine) or ""
