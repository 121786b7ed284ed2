"""The store: migrations, WAL, runs, append-only history and current views, refusals.

Tests that take `store_db` / `any_store` run on both backends: an SQLite file and a
database on a real, throwaway PostgreSQL server (tests/postgres_plugin.py).
"""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from liveaudit.errors import SchemaError, StoreError
from liveaudit.store import Store, migrate, schema
from liveaudit.store.engine import create_engine, normalize_url
from liveaudit.store.status import upgrade


def _doc(key: str, version: int, text: str) -> dict:
    from liveaudit.store.runs import utcnow

    return {
        "doc_key": key,
        "version": version,
        "url": key,
        "fetched_at": utcnow(),
        "content_sha256": str(hash(text)),
        "extract_status": "extracted",
        "text": text,
        "meta": {},
    }


def test_store_migrates_empty_file_to_head_with_every_table(any_store, store_db):
    assert any_store.revision() == migrate.head_revision()
    inspector = sa.inspect(any_store.engine)
    assert set(schema.TABLES) <= set(inspector.get_table_names())
    assert set(schema.VIEWS) <= set(inspector.get_view_names())
    if any_store.dialect == "sqlite":
        conn = sqlite3.connect(store_db)
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
        conn.close()


def test_store_migrated_schema_matches_table_definitions(any_store):
    with any_store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_store_upgrades_a_store_made_by_the_first_migration(store_db):
    url = normalize_url(store_db)
    upgrade(store_db, "0001")
    engine = create_engine(url)
    assert migrate.current_revision(engine) == "0001"
    with engine.begin() as conn:  # a row written under schema 1 survives the upgrade
        conn.execute(
            sa.text(
                'insert into runs (command, args, versions, host, "user", pid, started_at, status) '
                "values ('old', '{}', '{}', 'h', 'u', 1, '2026-01-01 00:00:00+00', 'finished')"
            )
        )
    engine.dispose()
    store = Store.open(store_db)
    assert store.revision() == migrate.head_revision()
    assert [r["command"] for r in store.rows("runs")] == ["old"]
    assert store.count("fetches") == 0
    store.close()


def test_store_without_upgrade_refuses_old_schema(store_db):
    upgrade(store_db, "0001")
    with pytest.raises(SchemaError) as err:
        Store.open(store_db, upgrade=False)
    assert err.value.code == "E104"


def test_store_refuses_a_newer_schema(any_store, store_db):
    with any_store.engine.begin() as conn:
        conn.execute(sa.text("update alembic_version set version_num = '9999'"))
    with pytest.raises(SchemaError) as err:
        Store.open(store_db)
    assert err.value.code == "E103"
    assert "9999" in str(err.value)


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("", "empty"),
        ("/no/such/folder/x.db", "does not exist"),
        ("mysql://user@host/db", "mysql"),
        ("sqlite://", "in-memory"),
    ],
)
def test_store_rejects_bad_db_values(value, fragment):
    with pytest.raises(StoreError) as err:
        normalize_url(value)
    assert err.value.code == "E101"
    assert fragment in str(err.value)


def test_store_rejects_a_file_that_is_not_sqlite(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("hello, not a database")
    with pytest.raises(StoreError) as err:
        Store.open(str(bad))
    assert err.value.code == "E101"
    assert bad.read_text() == "hello, not a database"  # nothing lost


def test_store_accepts_postgresql_urls_on_the_same_path():
    assert normalize_url("postgresql://u:p@127.0.0.1:5432/la").startswith("postgresql+psycopg://u:p@127.0.0.1:5432/la")
    assert normalize_url("postgres://u@h/db").startswith("postgresql+psycopg://")


def test_store_run_records_status_versions_and_summary(any_store):
    with any_store.run("classify", {"shard": "1/2"}) as run:
        run.summary = {"claims": 3}
    with pytest.raises(RuntimeError):
        with any_store.run("crawl", {}):
            raise RuntimeError("boom")
    ok, failed = any_store.rows("runs")
    assert ok["status"] == "finished" and ok["summary"] == {"claims": 3} and ok["args"] == {"shard": "1/2"}
    assert "sqlalchemy" in ok["versions"] and ok["finished_at"] >= ok["started_at"]
    assert failed["status"] == "failed" and "boom" in failed["error"]


def test_store_history_is_append_only_and_current_view_picks_latest(any_store):
    with any_store.run("crawl") as run1:
        first = any_store.insert("documents", [_doc("http://a/", 1, "old text"), _doc("http://b/", 1, "b")], run1)
    with any_store.run("crawl") as run2:
        any_store.insert("documents", [_doc("http://a/", 2, "new text")], run2)
    assert any_store.count("documents") == 3
    old = any_store.rows("documents", where=schema.documents.c.id == first[0])[0]
    assert old["text"] == "old text" and old["run_id"] == run1.id
    current = {r["doc_key"]: r["text"] for r in any_store.rows("current_documents")}
    assert current == {"http://a/": "new text", "http://b/": "b"}


def test_store_current_claims_follow_the_newest_classify_run(any_store):
    with any_store.run("crawl") as run:
        (doc_id,) = any_store.insert("documents", [_doc("http://a/", 1, "t")], run)
    claim = {
        "document_id": doc_id,
        "sentence_index": 0,
        "sentence": "runs at 24 fps",
        "kind": "quantified",
        "terms": [],
        "figures": {"fps": 24.0},
        "specificity": {},
        "model_version": "v1",
    }
    with any_store.run("classify") as run1:
        any_store.insert("claims", [claim], run1)
    with any_store.run("classify") as run2:
        any_store.insert("claims", [{**claim, "model_version": "v2"}], run2)
    assert any_store.count("claims") == 2
    assert [c["model_version"] for c in any_store.rows("current_claims")] == ["v2"]


def test_store_insert_without_run_is_refused(any_store):
    with pytest.raises(sa.exc.IntegrityError):
        any_store.insert("documents", [_doc("http://a/", 1, "t")], 12345)  # no such run: foreign key


def test_store_second_open_in_a_process_keeps_its_sqlite_locks(tmp_path):
    """A process with a store open opens it again (a crawl worker's pipeline does), while other
    processes write and close: nothing is lost and the file stays sound. Reading the header with
    open()/close() dropped the process's POSIX locks, so another process's close deleted the WAL
    under it ("disk I/O error", then "database disk image is malformed")."""
    import subprocess
    import sys

    db = str(tmp_path / "s.db")
    a = Store.open(db)
    with a.run("first"):
        pass
    Store.open(db).close()
    other = "import sys; from liveaudit.store import Store; s = Store.open(sys.argv[1])\nwith s.run('other'): pass\ns.close()"
    for _ in range(4):
        subprocess.run([sys.executable, "-c", other, db], check=True, timeout=60)
        with a.run("again"):
            pass
    a.close()
    store = Store.open(db)
    assert [r["command"] for r in store.rows("runs")] == ["first"] + ["other", "again"] * 4
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    store.close()


def test_store_open_tries_again_when_sqlite_answers_locked_at_once(tmp_path, monkeypatch):
    """Workers opening a new store together can get "database is locked" without any wait (SQLite's
    deadlock guard): the open tries again; a lock that persists is still a clear error."""
    calls = {"n": 0}
    real = migrate.check_known

    def flaky(engine, url):
        calls["n"] += 1
        if calls["n"] == 1:
            raise sa.exc.OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
        return real(engine, url)

    monkeypatch.setattr(migrate, "check_known", flaky)
    Store.open(str(tmp_path / "s.db")).close()
    assert calls["n"] >= 2  # the locked answer, then the open that went through

    def locked(engine, url):
        raise sa.exc.OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(migrate, "check_known", locked)
    with pytest.raises(StoreError, match="database is locked"):
        Store.open(str(tmp_path / "t.db"))
