"""Lazy package exports: a stage's `__init__` names its public members without importing them.

Every stage package is imported when the CLI starts (its command module lives inside it), so an
`__init__` that imported spaCy or torch would make `liveaudit --help` take seconds. Instead:

    _EXPORTS = {"classify": "liveaudit.classifier.stage"}
    __all__ = sorted(_EXPORTS)
    __getattr__ = lazy_exports(__name__, _EXPORTS)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports `exports[name]` on first use and returns its `name`.

    The member is then stored on the package, so later uses skip this function. An exported
    name must not also be a submodule's name: importing that submodule sets the package
    attribute to the module (tests/liveaudit/test_boundaries.py checks).
    """

    def __getattr__(name: str) -> Any:
        if name in exports:
            member = getattr(importlib.import_module(exports[name]), name)
            setattr(sys.modules[package], name, member)
            return member
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
