"""Verdict fixtures: the level thresholds (data/levels.yaml) and the GPU catalogue, read once per module."""

from __future__ import annotations

import pytest

from liveaudit.levels import Thresholds, load_thresholds
from liveaudit.verdicts.profile import Gpus
from validator.hardware import load_hardware


@pytest.fixture(scope="module")
def th() -> Thresholds:
    return load_thresholds()


@pytest.fixture(scope="module")
def gpus() -> Gpus:
    return Gpus(load_hardware())
