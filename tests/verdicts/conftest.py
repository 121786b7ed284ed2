"""Verdict fixtures: the level thresholds, read once per module from data/levels.yaml."""

from __future__ import annotations

import pytest

from liveaudit.levels import Thresholds, load_thresholds


@pytest.fixture(scope="module")
def th() -> Thresholds:
    return load_thresholds()
