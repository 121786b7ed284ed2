"""Verdicts: every claim judged against physics and measurement, and the gap table.

    from liveaudit.verdicts import judge_store
    judge_store(Store.open("liveaudit.db"))     # -> {"claims": 41, "supported": 6, ...}

Public: `judge_store` (the store-level run; rules v2 by default, `rules="v1"` reproduces old
rows), `judge_claim` / `SystemFacts` (rules v1) and `judge_claim_v2` / `Facts2` (rules v2, one
claim at a time), `gap_table` (the rich rendering), `RULES_VERSION` (v1) and `RULES_VERSION_V2`.
The rules are documented in `verdicts/rules.py`; the level thresholds in
`data/levels.yaml` (read by `liveaudit.levels`). DOCS: docs/design.md, step 4.
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # for type checkers and readers; at run time each name is imported on first use
    from liveaudit.verdicts.gaps import gap_table
    from liveaudit.verdicts.judge import KINDS, judge_store
    from liveaudit.verdicts.rules import RULES_VERSION, SystemFacts, Verdict, judge_claim, rules_version
    from liveaudit.verdicts.rules_v2 import RULES_VERSION_V2, Facts2, judge_claim_v2

# Lazy, so that `liveaudit --help` does not import this stage's heavy dependencies.
_EXPORTS = {
    "KINDS": "liveaudit.verdicts.judge",
    "RULES_VERSION": "liveaudit.verdicts.rules",
    "RULES_VERSION_V2": "liveaudit.verdicts.rules_v2",
    "Facts2": "liveaudit.verdicts.rules_v2",
    "SystemFacts": "liveaudit.verdicts.rules",
    "Verdict": "liveaudit.verdicts.rules",
    "gap_table": "liveaudit.verdicts.gaps",
    "judge_claim": "liveaudit.verdicts.rules",
    "judge_claim_v2": "liveaudit.verdicts.rules_v2",
    "judge_store": "liveaudit.verdicts.judge",
    "rules_version": "liveaudit.verdicts.rules",
}
__all__ = [
    "KINDS",
    "RULES_VERSION",
    "RULES_VERSION_V2",
    "Facts2",
    "SystemFacts",
    "Verdict",
    "gap_table",
    "judge_claim",
    "judge_claim_v2",
    "judge_store",
    "rules_version",
]  # the same names as _EXPORTS (a test checks)
__getattr__ = lazy_exports(__name__, _EXPORTS)
