"""Shared test setup: markers for slow, browser and GPU tests, and the store fixtures (each defined once).

Slow, browser and GPU tests are skipped unless asked for:
    pytest --run-slow --run-browser --run-gpu
"""

from __future__ import annotations

import importlib.util
import os

import pytest

pytest_plugins = ["tests.postgres_plugin", "tests.redis_plugin"]
if importlib.util.find_spec("tests.fixture_site_plugin") is not None:
    pytest_plugins = ["tests.postgres_plugin", "tests.redis_plugin", "tests.fixture_site_plugin"]

OPTIONS = {"slow": "--run-slow", "browser": "--run-browser", "gpu": "--run-gpu"}


def pytest_addoption(parser: pytest.Parser) -> None:
    for marker, flag in OPTIONS.items():
        parser.addoption(flag, action="store_true", default=False, help=f"run tests marked {marker}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for marker, flag in OPTIONS.items():
            if marker in item.keywords and not config.getoption(flag):
                item.add_marker(pytest.mark.skip(reason=f"{marker} test: run with {flag}"))


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read the developer's liveaudit.toml or LIVEAUDIT_* variables."""
    for key in list(os.environ):
        if key.startswith("LIVEAUDIT_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("LIVEAUDIT_SETTINGS", os.devnull)  # no settings file: the defaults


@pytest.fixture
def db_path(tmp_path):
    """A path for a fresh SQLite store in a temp dir."""
    return str(tmp_path / "store.db")


@pytest.fixture
def store(db_path):
    from liveaudit.store import Store

    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """One `liveaudit demo --no-dashboard` for the whole session (several minutes on 2 cores),
    shared by every slow test that reads the demo's store: (store path, finished process)."""
    import subprocess
    import sys

    work = tmp_path_factory.mktemp("demo")
    db = work / "liveaudit.db"
    db.write_bytes(b"")  # an existing store is moved aside, never deleted (test_demo checks)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    env.update(LIVEAUDIT_SETTINGS=os.devnull, COLUMNS="200")  # no settings file: the defaults
    result = subprocess.run(
        [sys.executable, "-m", "liveaudit", "demo", "--no-dashboard", "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=work,
        timeout=1500,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return db, result


@pytest.fixture
def any_store(store_db):
    """A store on each backend `store_db` gives (SQLite, and PostgreSQL when a server can start)."""
    from liveaudit.store import Store

    s = Store.open(store_db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """(path, ids) of a store seeded once per test module by tests/seed.py: five verdict kinds,
    an old page version, hostile text (the dashboard's, the exports' and the report's tests)."""
    from tests.seed import seed

    path = tmp_path_factory.mktemp("seeded") / "store.db"
    return str(path), seed(path)


@pytest.fixture
def seeded_store(seeded):
    """The module's seeded store, opened."""
    from liveaudit.store import Store

    store = Store.open(seeded[0])
    yield store
    store.close()
