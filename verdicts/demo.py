"""The verdicts stage of `liveaudit demo`: judge every claim, return counts and the gap table."""

from __future__ import annotations

from liveaudit.levels import load_thresholds
from liveaudit.pipeline import DemoContext
from liveaudit.store import Store
from liveaudit.verdicts.gaps import gap_table
from liveaudit.verdicts.judge import KINDS, judge_store


def demo_stage(store: Store, ctx: DemoContext) -> dict:
    """Summary counts per verdict kind, plus the gap table (a rich Table) under "table"."""
    summary = judge_store(store)
    rows = store.rows("current_level_gaps")
    shown = {k: summary[k] for k in ("claims", *KINDS)}
    shown["gap_rows"] = summary["gap_rows"]
    shown["table"] = gap_table(rows, load_thresholds())
    return shown
