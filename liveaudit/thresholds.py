"""Liveness-level thresholds and the level record (data/levels.yaml): what `liveaudit.levels` decides with.

`load_thresholds()` reads and validates the thresholds file (each value with its reference);
`Level` is one decided level with its reason; `rank` orders L0-L4. Import them from
`liveaudit.levels`, the one place that turns figures into a level (docs/design.md, "Vocabulary").
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from liveaudit import config
from liveaudit.errors import ConfigError
from liveaudit.vocab import LEVELS
from liveaudit.yamlfile import load_yaml_text

THRESHOLD_KEYS = (
    "rtf_max",
    "sustain_ratio",
    "chunk_gap_ratio",
    "ttff_max_s",
    "interactive_latency_max_s",
    "conversational_latency_max_s",
)


def rank(level: str | None) -> int:
    """0..4 for "L0".."L4", -1 for None (no level known)."""
    if level is None:
        return -1
    if level not in LEVELS:
        raise ConfigError("E801", level=level)
    return LEVELS.index(level)


@dataclass(frozen=True)
class Thresholds:
    """The parsed levels.yaml; `sha256` identifies its exact bytes (part of the rules version)."""

    rtf_max: float
    sustain_ratio: float
    chunk_gap_ratio: float
    ttff_max_s: float
    interactive_latency_max_s: float
    conversational_latency_max_s: float
    names: dict[str, str]
    comparison: dict[str, Any]
    sha256: str
    path: str

    def label(self, level: str | None) -> str:
        """'L2 (streaming)'; 'no level' for None."""
        return f"{level} ({self.names.get(level, '?')})" if level else "no level"


@dataclass(frozen=True)
class Level:
    """A level and the sentence that justifies it. `bound` marks an upper bound ("at best")."""

    level: str | None
    reason: str
    bound: bool = False
    figures: dict[str, Any] = field(default_factory=dict)


def levels_file(path: str | Path | None = None) -> Path:
    """The thresholds file: `path`, else VERDICT_LEVELS_FILE, else the shipped data/levels.yaml."""
    if path:
        return Path(path)
    configured = config.get("VERDICT_LEVELS_FILE")
    return Path(configured) if configured else config.data_dir() / "levels.yaml"


def load_thresholds(path: str | Path | None = None) -> Thresholds:
    """Read and check the thresholds file (see `levels_file`); raises ConfigError E003/E802."""
    file = levels_file(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise ConfigError("E003", path=file, reason=f"cannot be read ({exc.strerror})") from None
    try:
        data = load_yaml_text(raw.decode("utf-8"), file)
    except UnicodeDecodeError:
        raise ConfigError("E003", path=file, reason="is not UTF-8 text") from None
    if not isinstance(data, dict) or not isinstance(data.get("thresholds"), dict):
        raise ConfigError("E802", path=file, key="thresholds", reason="missing or not a mapping")
    values = {}
    for key in THRESHOLD_KEYS:
        value = data["thresholds"].get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
            raise ConfigError(
                "E802", path=file, key=f"thresholds.{key}", reason=f"must be a positive number, got {value!r}"
            )
        values[key] = float(value)
    if values["conversational_latency_max_s"] > values["interactive_latency_max_s"]:
        raise ConfigError(
            "E802",
            path=file,
            key="thresholds.conversational_latency_max_s",
            reason="must not exceed interactive_latency_max_s (L4 is stricter than L3)",
        )
    levels = data.get("levels") or {}
    if not isinstance(levels, dict):
        raise ConfigError("E802", path=file, key="levels", reason="must be a mapping of L0..L4")
    for lv in LEVELS:
        if not isinstance(levels.get(lv) or {}, dict):
            raise ConfigError("E802", path=file, key=f"levels.{lv}", reason="must be a mapping with a name")
    names: dict[str, str] = {lv: str((levels.get(lv) or {}).get("name", lv)) for lv in LEVELS}
    comparison = data.get("comparison") or {}
    if not isinstance(comparison, dict):
        raise ConfigError("E802", path=file, key="comparison", reason="must be a mapping")
    return Thresholds(
        **values, names=names, comparison=comparison, sha256=hashlib.sha256(raw).hexdigest(), path=str(file)
    )


def fmt_num(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
