"""Library side of `liveaudit db`: where a store's schema stands, and upgrading it."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from liveaudit import config
from liveaudit.errors import SchemaError, StoreError
from liveaudit.store import migrate, schema
from liveaudit.store.engine import create_engine, normalize_url, sqlite_path


def _engine(db: str | None):
    settings = config.load_settings({"STORE_URL": db} if db is not None else None)
    url = normalize_url(settings["STORE_URL"])
    engine = create_engine(url, settings["STORE_BUSY_TIMEOUT_MS"])
    return engine, engine.url.render_as_string(hide_password=True)


def status(db: str | None) -> dict:
    """Revision, newest known revision, and row counts (without upgrading anything)."""
    from liveaudit.store.store import Store

    settings = config.load_settings({"STORE_URL": db} if db is not None else None)
    path = sqlite_path(normalize_url(settings["STORE_URL"]))
    if path is not None and not path.exists():  # a status query never creates a file
        raise StoreError("E110", value=str(path), reason="the file does not exist")
    engine, url = _engine(db)
    try:
        revision = migrate.check_known(engine, url)
        head = migrate.head_revision()
        counts: dict[str, int] = {}
        if revision == head:
            store = Store(engine, url)
            counts = {name: store.count(name) for name in schema.TABLES}
    except DBAPIError as exc:
        raise StoreError("E102", url=url, reason=str(exc.orig).splitlines()[0]) from None
    finally:
        engine.dispose()
    return {"url": url, "revision": revision, "head": head, "counts": counts}


def upgrade(db: str | None, target: str = "head") -> tuple[str | None, str]:
    engine, url = _engine(db)
    if target != "head" and target not in migrate.known_revisions():
        raise SchemaError("E106", target=target, known=", ".join(migrate.known_revisions()))
    try:
        return migrate.upgrade(engine, url, target)
    except DBAPIError as exc:
        raise StoreError("E102", url=url, reason=str(exc.orig).splitlines()[0]) from None
    finally:
        engine.dispose()
