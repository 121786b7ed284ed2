"""Verdicts: every claim judged against physics and measurement, and the gap table.

    from liveaudit.verdicts import judge_store
    judge_store(Store.open("liveaudit.db"))     # -> {"claims": 41, "supported": 6, ...}

Public: `judge_store` (the store-level run; rules v2 by default, `rules="v1"` reproduces old
rows), `judge_claim` / `SystemFacts` (rules v1) and `judge_claim_v2` / `Facts2` (rules v2, one
claim at a time), `gap_table` (the rich rendering), `RULES_VERSION` (v1) and `RULES_VERSION_V2`.
The rules are documented in `verdicts/rules.py`; the level thresholds in
`data/levels.yaml` (read by `liveaudit.levels`). DOCS: DESIGN.md step 4.
"""

from liveaudit.verdicts.gaps import gap_table
from liveaudit.verdicts.judge import KINDS, judge_store
from liveaudit.verdicts.rules import RULES_VERSION, SystemFacts, Verdict, judge_claim, rules_version
from liveaudit.verdicts.rules_v2 import RULES_VERSION as RULES_VERSION_V2
from liveaudit.verdicts.rules_v2 import Facts2, judge_claim_v2

__all__ = ["KINDS", "RULES_VERSION", "RULES_VERSION_V2", "Facts2", "SystemFacts", "Verdict", "gap_table", "judge_claim",
           "judge_claim_v2", "judge_store", "rules_version"]
