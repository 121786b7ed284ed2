"""Typed records that cross a stage boundary: what a stage run returns, what it is given.

Rows in the store stay plain dicts (SQLAlchemy's); these are the shapes that code on both
sides of a boundary must agree on, so they are written once, here:

    RunSummary("classify", {"documents": 12, "claims": 40})      what a stage run reports
    StageSettings(values=load_settings(), workdir=Path("."))      what a stage run is given
    VerdictEvidence.from_json(row["evidence"]).measurement_ids    one evidence shape, read once
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class StageSettings:
    """What a stage run gets beside the store: the resolved settings and where to write files.

    `fixture_url` is set when the run is the offline demo's (the local fixture site stands in
    for the web); `urls` when it is `liveaudit check`'s (exactly these pages, depth 0). A step
    that fetches reads them instead of its configured sources.
    """

    values: Mapping[str, Any]
    workdir: Path
    fixture_url: str | None = None
    urls: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


@dataclass
class RunSummary:
    """What one stage run reports: counts for the demo's table and the run row, and a note.

    `figures` are plain JSON values (they are stored on the run); `table` is an optional rich
    renderable the demo prints under its summary (the verdicts' gap table), never stored.
    """

    stage: str
    figures: dict[str, Any] = field(default_factory=dict)
    table: Any = None

    def line(self) -> str:
        """The figures as one `key=value, ...` line."""
        return ", ".join(f"{k}={v}" for k, v in self.figures.items())


@dataclass(frozen=True)
class VerdictEvidence:
    """The evidence behind one verdict, as stored in `verdicts.evidence` (JSON).

    One shape for every writer (the verdict rules) and every reader (check's cards, exports,
    the dashboard, the report). Older rows wrote a single `analysis_id` and put measurement
    ids only inside `compared`; `from_json` reads those too.
    """

    measurement_ids: tuple[int, ...] = ()
    analysis_ids: tuple[int, ...] = ()
    compared: tuple[Mapping[str, Any], ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> VerdictEvidence:
        """Decode a stored evidence object (None or {} give empty evidence)."""
        data = dict(data or {})
        compared = tuple(c for c in data.pop("compared", None) or () if isinstance(c, Mapping))
        measured = data.pop("measurement_ids", None) or [c.get("measurement_id") for c in compared]
        analyses = data.pop("analysis_ids", None) or [data.pop("analysis_id", None)]
        data.pop("analysis_id", None)
        return cls(
            measurement_ids=tuple(int(i) for i in measured if i is not None),
            analysis_ids=tuple(int(i) for i in analyses if i is not None),
            compared=compared,
            extra=data,
        )

    def to_json(self) -> dict[str, Any]:
        """The stored form: lists of ids, the comparisons, then any rule-specific keys."""
        return {
            **self.extra,
            "measurement_ids": list(self.measurement_ids),
            "analysis_ids": list(self.analysis_ids),
            "compared": [dict(c) for c in self.compared],
        }
