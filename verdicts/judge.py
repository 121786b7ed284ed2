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
from liveaudit.records import VerdictEvidence
from liveaudit.smoke import is_smoke
from liveaudit.store import Store
from liveaudit.store.runs import utcnow
from liveaudit.verdicts import rules_v2
from liveaudit.verdicts.gaps import gap_rows
from liveaudit.verdicts.rules import SystemFacts, judge_claim, rules_version
from liveaudit.vocab import VERDICTS

KINDS = VERDICTS  # the verdict names, counted in each run summary
RULES = ("v1", "v2")


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
    analyses = _latest_per_key(
        store.rows("analyses"), lambda r: r["system"] + json.dumps(r["settings"], sort_keys=True)
    )
    measurements = _latest_per_key(
        store.rows("measurements"),
        lambda r: "|".join(
            [
                r["system"],
                str(r["hardware"]),
                r["device"],
                r["origin"],
                str((r["result"] or {}).get("mode")),
                json.dumps(r["settings"], sort_keys=True),
            ]
        ),
    )
    for row in analyses:
        facts.setdefault(row["system"], SystemFacts(row["system"], False, None)).analyses.append(row)
    for row in measurements:
        if is_smoke(row):  # a smoke run of a shrunken config never stands for the system
            continue
        facts.setdefault(row["system"], SystemFacts(row["system"], False, None)).measurements.append(row)
    return facts


def _signature(v: dict) -> str:
    ev = VerdictEvidence.from_json(v["evidence"])
    return json.dumps(
        [
            v["verdict"],
            v["reason"],
            v["implied_level"],
            v["measured_level"],
            v["rules_version"],
            ev.measurement_ids,
            ev.analysis_ids,
            ev.evidence_ids,
        ],
        sort_keys=True,
    )


_ABSOLUTE = ("fps", "fps_max", "latency_s", "compute_s_per_video_s")


def page_gpus(claims: list[dict]) -> None:
    """Set `page_gpu` on each claim naming no GPU whose page names exactly one GPU for the same system's
    figures ("Benchmarks were taken with GPU: RTX 4090" above a table of fps): the claim is judged on it."""
    named: dict[tuple, list[dict]] = {}
    for c in claims:
        f = c.get("figures") or {}
        # a GPU the page's own speed figures were taken on; "laptop GPUs such as the RTX 3060 are
        # 4 to 8 times slower" names a card without a figure of its own
        if f.get("gpu") and c.get("system") and any(f.get(k) is not None for k in _ABSOLUTE):
            named.setdefault((c["document_id"], c["system"]), []).append(c)
    for c in claims:
        found = named.get((c["document_id"], c.get("system")), [])
        if not (c.get("figures") or {}).get("gpu") and len({x["figures"]["gpu"] for x in found}) == 1:
            first = found[0]
            text = (first.get("sentence") or "")[:120]
            c["page_gpu"] = {"gpu": first["figures"]["gpu"], "fps": None, "text": text, "source": c.get("url")}


def _judge_v2(store: Store, th) -> tuple[list[dict], Callable, dict]:
    """Claims (with their pages) and a judge for rules v2, plus the facts for the gap table."""
    from liveaudit.verdicts.consistency import conflicts, wording_changes
    from liveaudit.verdicts.load import _pages, claims_with_pages, load_facts_v2

    pages = _pages(store)
    claims, older = claims_with_pages(store, pages)
    facts, gpus = load_facts_v2(store, pages, claims)
    by_system: dict[str, list[dict]] = {}
    for c in claims:
        if c.get("system"):
            by_system.setdefault(c["system"], []).append(c)
    found: dict[int, list[dict]] = {}
    for group in by_system.values():
        found.update(conflicts(group, float(th.comparison.get("approx_tolerance", 0.15))))
    reworded = wording_changes(claims, older)
    page_gpus(claims)

    def judge(claim: dict):
        system = claim.get("system")
        return rules_v2.judge_claim_v2(
            claim, facts.get(system) if system else None, gpus, th, found.get(claim["id"]), reworded.get(claim["id"])
        )

    return claims, judge, {"facts": facts, "gpus": gpus}


def judge_store(
    store: Store,
    levels_file: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    rules: str = "v2",
) -> dict:
    """Judge every current claim; returns the summary (counts per verdict, new rows, gap rows).

    `levels_file` overrides VERDICT_LEVELS_FILE / data/levels.yaml; `progress(done, total)`
    is called as claims are judged; `rules` picks the rules (v2, or v1 to reproduce old rows).
    """
    th = load_thresholds(levels_file)
    facts = load_facts(store)
    if rules == "v1":
        version = rules_version(th)
        claims = store.rows("current_claims")

        def judge(claim: dict):
            system = claim.get("system")
            return judge_claim(claim, facts.get(system) if system else None, th)

        extra = {}
    else:
        version = f"{rules_v2.RULES_VERSION}+{th.sha256[:12]}"
        claims, judge, extra = _judge_v2(store, th)
    previous = {v["claim_id"]: v for v in store.rows("current_verdicts")}
    with store.run("verdicts", {"levels_file": th.path, "rules_version": version}) as run:
        now = utcnow()
        new_rows, outcome, ratios, implied = [], {}, {}, {}
        for i, claim in enumerate(claims, 1):
            v = judge(claim)
            evidence = VerdictEvidence.from_json(v.evidence)  # the one stored shape (liveaudit.records)
            row = {
                "claim_id": claim["id"],
                "verdict": v.verdict,
                "reason": v.reason,
                "implied_level": v.implied_level,
                "measured_level": v.measured_level,
                "confidence": v.confidence,
                "evidence": evidence.to_json(),
                "rules_version": version,
                "created_at": now,
            }
            outcome[claim["id"]] = v.verdict
            implied[claim["id"]] = v.implied_level
            ratios[claim["id"]] = [dict(r) for r in evidence.ratios]
            old = previous.get(claim["id"])
            if old is None or _signature(old) != _signature(row):
                new_rows.append(row)
            if progress:
                progress(i, len(claims))
        store.insert("verdicts", new_rows, run)
        # the level each verdict read from the sentence in context, not the word list's (rules v2)
        in_context = [{**c, "implied_level": implied[c["id"]]} for c in claims]
        gaps = gap_rows(in_context, outcome, facts, th, ratios)
        store.insert("level_gaps", [{**g, "rules_version": version, "created_at": now} for g in gaps], run)
        counts = Counter(outcome.values())
        run.summary = {
            "claims": len(claims),
            **{k: counts.get(k, 0) for k in KINDS},
            "new_verdicts": len(new_rows),
            "unchanged": len(claims) - len(new_rows),
            "gap_rows": len(gaps),
            "rules_version": version,
        }
    summary = dict(run.summary)
    summary["run_id"] = run.id
    return summary
