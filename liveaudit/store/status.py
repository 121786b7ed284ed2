"""Library side of `liveaudit db`: where a store's schema stands, and upgrading it."""

from __future__ import annotations

from liveaudit import config
from liveaudit.errors import SchemaError
from liveaudit.store import migrate, schema
from liveaudit.store.engine import create_engine, normalize_url


def _engine(db: str | None):
    settings = config.load_settings({"STORE_URL": db} if db is not None else None)
    url = normalize_url(settings["STORE_URL"])
    engine = create_engine(url, settings["STORE_BUSY_TIMEOUT_MS"])
    return engine, engine.url.render_as_string(hide_password=True)


def status(db: str | None) -> dict:
    """Revision, newest known revision, and row counts (without upgrading anything)."""
    from liveaudit.store.store import Store

    engine, url = _engine(db)
    revision = migrate.check_known(engine, url)
    head = migrate.head_revision()
    counts: dict[str, int] = {}
    if revision == head:
        store = Store(engine, url)
        counts = {name: store.count(name) for name in schema.TABLES}
    return {"url": url, "revision": revision, "head": head, "counts": counts}


def upgrade(db: str | None, target: str = "head") -> tuple[str | None, str]:
    engine, url = _engine(db)
    if target != "head" and target not in migrate.known_revisions():
        raise SchemaError("E106", target=target, known=", ".join(migrate.known_revisions()))
    return migrate.upgrade(engine, url, target)
