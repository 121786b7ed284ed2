"""The judge step: every current claim judged against the analyses and measurements.

Its summary counts the verdicts and carries the gap table (a rich Table) for the demo to print.
"""

from __future__ import annotations

from liveaudit.records import RunSummary, StageSettings
from liveaudit.stages import Progress, Stage
from liveaudit.store import Store
from liveaudit.vocab import VERDICTS


def run(store: Store, settings: StageSettings, progress: Progress) -> RunSummary:
    """Judge every claim; counts per verdict and the gap table."""
    from liveaudit.levels import load_thresholds
    from liveaudit.verdicts.gaps import gap_table
    from liveaudit.verdicts.judge import judge_store

    progress("judging every current claim")
    summary = judge_store(store)
    shown = {k: summary[k] for k in ("claims", *VERDICTS)}
    shown["gap_rows"] = summary["gap_rows"]
    return RunSummary("judge", shown, table=gap_table(store.rows("current_level_gaps"), load_thresholds()))


def _commands(app) -> None:
    from liveaudit.verdicts.cli import register

    register(app)


STAGES = (Stage("judge", "judge every claim (verdicts and the gap table)", run, commands=_commands),)
