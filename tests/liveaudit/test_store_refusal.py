"""Stores are ours or refused: other applications' files, read-only opens, odd paths."""

from __future__ import annotations

import os
import sqlite3

import pytest

from liveaudit.errors import StoreError
from liveaudit.store import Store, sqlite_path
from liveaudit.store.engine import normalize_url
from liveaudit.store.status import status


def _foreign(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("create table invoices (id integer primary key, total real)")
    conn.execute("insert into invoices (total) values (12.5)")
    conn.commit()
    conn.close()


def _tables(path) -> set[str]:
    return {r[0] for r in sqlite3.connect(path).execute("select name from sqlite_master where type='table'")}


def test_store_refusal_another_applications_file_is_never_migrated(tmp_path):
    path = tmp_path / "app.db"
    _foreign(path)
    for opener in (lambda: Store.open(str(path)), lambda: Store.open_existing(str(path))):
        with pytest.raises(StoreError) as err:
            opener()
        assert err.value.code == "E109" and "invoices" in str(err.value)
    assert _tables(path) == {"invoices"}


def test_store_refusal_read_only_opens_never_create_or_migrate(tmp_path):
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError) as err:
        Store.open_existing(str(missing))
    assert err.value.code == "E110" and not missing.exists()
    with pytest.raises(StoreError) as err:
        status(str(missing))
    assert err.value.code == "E110" and not missing.exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError) as err:
        Store.open_existing(str(empty))
    assert err.value.code == "E110" and _tables(empty) == set()


def test_store_refusal_old_schema_is_not_upgraded_by_a_reader(tmp_path):
    from liveaudit.store.status import upgrade

    path = tmp_path / "old.db"
    upgrade(str(path), "0001")
    with pytest.raises(StoreError) as err:
        Store.open_existing(str(path))
    assert err.value.code == "E104"
    assert sqlite3.connect(path).execute("select version_num from alembic_version").fetchone()[0] == "0001"


def test_store_refusal_question_mark_in_a_path_names_that_file(tmp_path):
    path = tmp_path / "a?b#c.db"
    store = Store.open(str(path))
    store.close()
    assert path.is_file() and not (tmp_path / "a").exists()
    assert sqlite_path(normalize_url(str(path))) == path.resolve()


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda p: os.mkfifo(p), "not a regular file"),
        (lambda p: p.write_bytes(b"definitely not sqlite" * 20), "not an SQLite database"),
    ],
)
def test_store_refusal_non_database_files(tmp_path, make, fragment):
    path = tmp_path / "x.db"
    make(path)
    with pytest.raises(StoreError) as err:
        Store.open(str(path))
    assert err.value.code == "E101" and fragment in str(err.value)


@pytest.mark.parametrize("url", ["postgresql://[::1", "postgresql://u@h:port/db"])
def test_store_refusal_malformed_postgres_urls(url):
    with pytest.raises(StoreError) as err:
        normalize_url(url)
    assert err.value.code == "E101"


def test_store_refusal_corrupt_store_is_one_error(tmp_path):
    path = tmp_path / "corrupt.db"
    Store.open(str(path)).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err:
        status(str(path))
    assert err.value.code in ("E101", "E102")


def test_store_refusal_a_store_migrated_by_another_worker_meanwhile_is_ours(tmp_path, monkeypatch):
    """Another worker's migration committing between the revision and table reads is not E109."""
    from liveaudit.store import migrate

    db = str(tmp_path / "new.db")
    read_revision = migrate.current_revision
    done = []

    def revision_then_other_worker_migrates(engine):
        found = read_revision(engine)
        if not done:  # the other worker commits its whole migration right after our read
            done.append(True)
            with monkeypatch.context() as inner:
                inner.setattr(migrate, "current_revision", read_revision)
                Store.open(db).close()
        return found

    monkeypatch.setattr(migrate, "current_revision", revision_then_other_worker_migrates)
    store = Store.open(db)
    assert done and store.revision() == migrate.head_revision()
    store.close()
