"""Export fixtures: the dashboard's seeded store (tests/dashboard/seed.py: five verdict kinds,
an old page version, hostile text), reused by import rather than a third seeding helper."""

from __future__ import annotations

import pytest

from tests.dashboard.seed import seed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """(path, ids) of a store seeded once per test module."""
    path = tmp_path_factory.mktemp("export") / "store.db"
    return str(path), seed(path)


@pytest.fixture
def seeded_store(seeded):
    from liveaudit.store import Store

    store = Store.open(seeded[0])
    yield store
    store.close()
