"""Shared test setup: markers for slow, browser and GPU tests, and store fixtures.

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
    empty = tmp_path_factory.getbasetemp() / "empty-settings.toml"
    if not empty.exists():
        empty.write_text("# tests run on the defaults\n", encoding="utf-8")
    monkeypatch.setenv("LIVEAUDIT_SETTINGS", str(empty))


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
