"""Shared classifier fixtures: one loaded classifier per test session (MiniLM loads once)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def classifier():
    from liveaudit.classifier import Classifier

    return Classifier()
