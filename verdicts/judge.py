"""`liveaudit verdicts`: judge every current claim and store the gap table.

Reads the store only (current claims, current systems, analyses, measurements), writes
`verdicts` and `level_gaps` rows under one run. Append-only: a claim whose current verdict
already has this rules version and the same outcome from the same rows is left alone; any
change (a new threshold file, a new measurement, a reclassified claim) adds a row, and
the old ones stay. DOCS: docs/design.md, step 4.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from liveaudit.levels import load_thresholds
from liveaudit.store import Store
from liveaudit.store.runs import utcnow
from liveaudit.verdicts.gaps import gap_rows
from liveaudit.verdicts.rules import SystemFacts, judge_claim, rules_version
from liveaudit.vocab import VERDICTS

KINDS = VERDICTS  # the verdict names, counted in each run summary


def _latest_per_key(rows: list[dict], key) -> list[dict]:
    latest: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        latest[key(row)] = row
    return sorted(latest.values(), key=lambda r: r["id"])


def load_facts(store: Store) -> dict[str, SystemFacts]:
    """Per system: registry row, newest analysis per settings, newest measurement per conditions."""
    facts: dict[str, SystemFacts] = {}
    for row in store.rows("current_systems"):
        facts[row["name"]] = SystemFacts(row["name"], True, bool(row["open_weights"]))
    analyses = _latest_per_key(store.rows("analyses"), lambda r: r["system"] + json.dumps(r["settings"], sort_keys=True))
    measurements = _latest_per_key(store.rows("measurements"), lambda r: "|".join([
        r["system"], str(r["hardware"]), r["device"], r["origin"], str((r["result"] or {}).get("mode")),
        json.dumps(r["settings"], sort_keys=True)]))
    for row in analyses:
        facts.setdefault(row["system"], SystemFacts(row["system"], False, None)).analyses.append(row)
    for row in measurements:
        if (row["settings"] or {}).get("tiny"):  # a smoke run of a shrunken config never stands for the system
            continue
        facts.setdefault(row["system"], SystemFacts(row["system"], False, None)).measurements.append(row)
    return facts


def _signature(v: dict) -> str:
    ev = v["evidence"] or {}
    return json.dumps([v["verdict"], v["reason"], v["implied_level"], v["measured_level"], v["rules_version"],
                       ev.get("measurement_ids"), ev.get("analysis_ids")], sort_keys=True)


def judge_store(store: Store, levels_file: str | Path | None = None,
                progress: Callable[[int, int], None] | None = None) -> dict:
    """Judge every current claim; returns the summary (counts per verdict, new rows, gap rows).

    `levels_file` overrides VERDICT_LEVELS_FILE / data/levels.yaml; `progress(done, total)`
    is called as claims are judged.
    """
    th = load_thresholds(levels_file)
    version = rules_version(th)
    claims = store.rows("current_claims")
    facts = load_facts(store)
    previous = {v["claim_id"]: v for v in store.rows("current_verdicts")}
    with store.run("verdicts", {"levels_file": th.path, "rules_version": version}) as run:
        now = utcnow()
        new_rows, outcome = [], {}
        for i, claim in enumerate(claims, 1):
            system = claim.get("system")
            v = judge_claim(claim, facts.get(system) if system else None, th)
            row = {"claim_id": claim["id"], "verdict": v.verdict, "reason": v.reason, "implied_level": v.implied_level,
                   "measured_level": v.measured_level, "confidence": v.confidence, "evidence": v.evidence,
                   "rules_version": version, "created_at": now}
            outcome[claim["id"]] = v.verdict
            old = previous.get(claim["id"])
            if old is None or _signature(old) != _signature(row):
                new_rows.append(row)
            if progress:
                progress(i, len(claims))
        store.insert("verdicts", new_rows, run)
        gaps = gap_rows(claims, outcome, facts, th)
        store.insert("level_gaps", [{**g, "rules_version": version, "created_at": now} for g in gaps], run)
        counts = Counter(outcome.values())
        run.summary = {"claims": len(claims), **{k: counts.get(k, 0) for k in KINDS},
                       "new_verdicts": len(new_rows), "unchanged": len(claims) - len(new_rows),
                       "gap_rows": len(gaps), "rules_version": version}
    summary = dict(run.summary)
    summary["run_id"] = run.id
    return summary
