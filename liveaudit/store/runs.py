"""Run records: who ran what, when, with which software, and how it ended.

Every row a stage writes carries the id of the run that wrote it.
"""

from __future__ import annotations

import getpass
import os
import platform
import socket
from datetime import UTC, datetime
from importlib import metadata as importlib_metadata

# Packages whose versions change results; recorded on every run when installed.
TRACKED_PACKAGES = (
    "liveaudit",
    "sqlalchemy",
    "alembic",
    "scrapy",
    "warcio",
    "trafilatura",
    "spacy",
    "scikit-learn",
    "transformers",
    "torch",
    "diffusers",
    "streamlit",
    "pyarrow",
)


def utcnow() -> datetime:
    return datetime.now(UTC)


def software_versions() -> dict[str, str]:
    versions = {"python": platform.python_version(), "platform": platform.platform()}
    for name in TRACKED_PACKAGES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            continue
    return versions


def new_run_row(command: str, args: dict) -> dict:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    return {
        "command": command,
        "args": _jsonable(args),
        "versions": software_versions(),
        "host": socket.gethostname(),
        "user": user,
        "pid": os.getpid(),
        "started_at": utcnow(),
        "status": "running",
    }


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
