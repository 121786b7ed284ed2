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
    for the web); `urls` when it is `liveaudit check`'s (exactly these pages, depth 0; a
    `file://` URL is a local file, stored under its own path and sha256). A step that fetches
    reads them instead of its configured sources. `document_ids` narrows a step to the
    documents a command has just read (the sync step analyses the settings their claims state).
    """

    values: Mapping[str, Any]
    workdir: Path
    fixture_url: str | None = None
    urls: tuple[str, ...] = ()
    document_ids: tuple[int, ...] = ()

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
        """The figures as one `key=value, ...` line; a mapping as `key=a 1 b 2`, a list as `key=a, b`."""
        return ", ".join(f"{k}={_plain(v)}" for k, v in self.figures.items())


def _plain(value: Any) -> str:
    """A figure as a person reads it ('qualitative 65 quantified 98'), not as Python prints it."""
    if isinstance(value, dict):
        return " ".join(f"{k} {_plain(v)}" for k, v in value.items()) or "none"
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value) or "none"
    return str(value)


@dataclass(frozen=True)
class VerdictEvidence:
    """The evidence behind one verdict, as stored in `verdicts.evidence` (JSON).

    One shape for every writer (the verdict rules v1 and v2) and every reader (check's cards,
    exports, the dashboard, the report, the citation check). Older rows wrote a single
    `analysis_id` and put measurement ids only inside `compared`; `from_json` reads those too.

    Rules v2 add: `evidence_ids`, every piece weighed as `{"kind": "report" | "audited" |
    "measurement" | "analysis" | "claim", "id": ...}`; `users_got`, the users' results shown but
    not comparable (with `why_not_comparable`); `ratios`, got/claimed per comparable piece;
    `conflicts`, the other claims that cannot hold with this one; `wording_change`, the page's
    earlier wording and its word diff (None when unchanged).
    """

    measurement_ids: tuple[int, ...] = ()
    analysis_ids: tuple[int, ...] = ()
    compared: tuple[Mapping[str, Any], ...] = ()
    evidence_ids: tuple[Mapping[str, Any], ...] = ()
    users_got: tuple[Mapping[str, Any], ...] = ()
    ratios: tuple[Mapping[str, Any], ...] = ()
    conflicts: tuple[Mapping[str, Any], ...] = ()
    wording_change: Mapping[str, Any] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str | None) -> VerdictEvidence:
        """Decode a stored evidence object (a dict or its JSON text; None, "" or {} give empty evidence)."""
        if isinstance(data, str):
            import json

            data = json.loads(data or "{}")
        if not isinstance(data, Mapping | None):  # JSON text of a list or a number: no evidence in it
            data = None
        data = dict(data or {})

        def mappings(key: str) -> tuple[Mapping[str, Any], ...]:
            return tuple(c for c in data.pop(key, None) or () if isinstance(c, Mapping))

        compared = mappings("compared")
        measured = data.pop("measurement_ids", None) or [c.get("measurement_id") for c in compared]
        analyses = data.pop("analysis_ids", None) or [data.pop("analysis_id", None)]
        data.pop("analysis_id", None)
        wording = data.pop("wording_change", None)
        return cls(
            measurement_ids=tuple(int(i) for i in measured if i is not None),
            analysis_ids=tuple(int(i) for i in analyses if i is not None),
            compared=compared,
            evidence_ids=mappings("evidence_ids"),
            users_got=mappings("users_got"),
            ratios=mappings("ratios"),
            conflicts=mappings("conflicts"),
            wording_change=wording if isinstance(wording, Mapping) else None,
            extra=data,
        )

    def to_json(self) -> dict[str, Any]:
        """The stored form: lists of ids, the comparisons, the v2 lists, then any rule-specific keys."""
        return {
            **self.extra,
            "measurement_ids": list(self.measurement_ids),
            "analysis_ids": list(self.analysis_ids),
            "compared": [dict(c) for c in self.compared],
            "evidence_ids": [dict(c) for c in self.evidence_ids],
            "users_got": [dict(c) for c in self.users_got],
            "ratios": [dict(c) for c in self.ratios],
            "conflicts": [dict(c) for c in self.conflicts],
            "wording_change": dict(self.wording_change) if self.wording_change is not None else None,
        }
