"""Pytest fixtures for the fixture web (data/fixture_site) on 127.0.0.1.

`fixture_site` is one FixtureServer for the whole session (edition 1, slow page 1 s): tests that
switch editions or need other options start their own `FixtureServer`, so the shared one never
changes under another test. `fixture_manifest` is data/fixture_site/manifest.yaml, parsed.
Registered through `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

import pytest

from liveaudit.fixture_site.server import FixtureServer, default_root


@pytest.fixture(scope="session")
def fixture_site():
    """A started FixtureServer(slow_seconds=1.0); `fixture_site.url` has no trailing slash."""
    with FixtureServer(slow_seconds=1.0) as site:
        yield site


@pytest.fixture(scope="session")
def fixture_manifest() -> dict:
    """The manifest: pages with their gold claims, private and hostile pages, edition 2 changes."""
    import yaml

    return yaml.safe_load((default_root() / "manifest.yaml").read_text(encoding="utf-8"))
