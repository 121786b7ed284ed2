"""The validator's commands: `liveaudit analyze` (meta device) and `liveaudit measure` (timed runs)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from liveaudit.validator.cli import analyze, measure

    analyze.register(app)
    measure.register(app)
