"""Verdicts: every claim judged against physics and measurement, and the gap table.

    from liveaudit.verdicts import judge_store
    judge_store(Store.open("liveaudit.db"))     # -> {"claims": 41, "supported": 6, ...}

Public: `judge_store` (the store-level run), `judge_claim` and `SystemFacts` (the pure
rules, one claim at a time), `gap_table` (the rich rendering), `RULES_VERSION`.
The rules are documented in `verdicts/rules.py`; the level thresholds in
`data/levels.yaml` (read by `liveaudit.levels`). DOCS: DESIGN.md step 4.
"""

from liveaudit.verdicts.gaps import gap_table
from liveaudit.verdicts.judge import KINDS, judge_store
from liveaudit.verdicts.rules import RULES_VERSION, SystemFacts, Verdict, judge_claim, rules_version

__all__ = ["KINDS", "RULES_VERSION", "SystemFacts", "Verdict", "gap_table", "judge_claim", "judge_store", "rules_version"]
