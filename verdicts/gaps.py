"""The gap table: per system and GPU, the level its claims imply vs the level measured.

This is the project's core finding ("'real-time' here means L1 on an H100"), stored in
`level_gaps` (one snapshot per verdicts run, `current_level_gaps` is the newest) for the
dashboard, the exports and the report, and printed by `liveaudit verdicts` / `liveaudit demo`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from liveaudit.levels import Thresholds, best_level, level_from_measurement, rank
from liveaudit.verdicts.rules import SystemFacts
from liveaudit.vocab import LEVELS


def _best(levels):
    known = [lv for lv in levels if lv.level]
    return max(known, key=lambda lv: rank(lv.level)) if known else None


def gap_rows(
    claims: list[dict],
    verdicts: dict[int, str],
    facts: dict[str, SystemFacts],
    th: Thresholds,
    ratios: dict[int, list[dict]] | None = None,
) -> list[dict]:
    """Rows for `level_gaps` (without run_id, rules_version, created_at), sorted by system and GPU.

    `bound_level` is `liveaudit.levels.best_level` (the one best-reachable-level function);
    `evidence.median_ratio` is the system's median got/claimed ratio over the comparable
    evidence its verdicts weighed (`ratios`: claim id -> [{kind, id, ratio}], rules v2).
    """
    ratios = ratios or {}
    by_system: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        if claim.get("system"):
            by_system[claim["system"]].append(claim)
    for name, f in facts.items():
        if f.measurements:
            by_system.setdefault(name, [])
    rows = []
    for system in sorted(by_system):
        sys_claims = by_system[system]
        f = facts.get(system)
        pairs = {(r["kind"], r["id"]): r["ratio"] for c in sys_claims for r in ratios.get(c["id"], [])}
        median = round(statistics.median(pairs.values()), 3) if pairs else None
        measured_on = defaultdict(list)
        for m in f.measurements if f else []:
            measured_on[m.get("hardware") or m.get("device")].append(m)
        gpus = {(c.get("figures") or {}).get("gpu") for c in sys_claims} | set(measured_on)
        named = sorted(g for g in gpus if g)
        for gpu in named or [None]:
            mine = [c for c in sys_claims if (c.get("figures") or {}).get("gpu") in (gpu, None)]
            implied = max(
                (c["implied_level"] for c in mine if c.get("implied_level") in LEVELS), key=rank, default=None
            )
            runs = measured_on.get(gpu, [])
            best = _best([level_from_measurement(m, th) for m in runs])
            bound = best_level(f.analyses, gpu, th) if f and gpu else None
            measured = best.level if best else None
            counts: dict[str, int] = defaultdict(int)
            for c in mine:
                if c["id"] in verdicts:
                    counts[verdicts[c["id"]]] += 1
            rows.append(
                {
                    "system": system,
                    "hardware": gpu,
                    "implied_level": implied,
                    "measured_level": measured,
                    "bound_level": bound.level if bound else None,
                    "gap": rank(implied) - rank(measured) if implied and measured else None,
                    "claims": len(mine),
                    "evidence": {
                        "claim_ids": [c["id"] for c in mine],
                        "measurement_ids": [m["id"] for m in runs],
                        "measured_reason": best.reason if best else None,
                        "bound_reason": bound.reason if bound else None,
                        "analysis_id": bound.figures.get("analysis_id") if bound else None,
                        "verdicts": dict(counts),
                        "median_ratio": median,
                        "compared_evidence": len(pairs),
                        "open_weights": f.open_weights if f else None,
                    },
                }
            )
    return rows


def gap_table(rows: list[dict], th: Thresholds, title: str = "Implied vs measured liveness level (the gap table)"):
    """A rich Table of gap rows (level_gaps rows or `gap_rows` output)."""
    from rich.table import Table

    table = Table(title=title)
    for col in (
        "system",
        "GPU",
        "claims",
        "implied",
        "measured",
        "at best (roofline)",
        "gap",
        "got/claimed",
        "verdicts",
    ):
        table.add_column(col)
    for r in rows:
        gap = r.get("gap")
        verdicts = ", ".join(f"{k} {v}" for k, v in sorted((r.get("evidence") or {}).get("verdicts", {}).items()))
        table.add_row(
            r["system"],
            r.get("hardware") or "(none named)",
            str(r["claims"]),
            th.label(r["implied_level"]) if r["implied_level"] else "-",
            th.label(r["measured_level"]) if r["measured_level"] else "not measured",
            r.get("bound_level") or "-",
            f"+{gap}" if gap and gap > 0 else ("-" if gap is None else str(gap)),
            _ratio_text(r),
            verdicts or "-",
        )
    return table


def _ratio_text(row: dict) -> str:
    ev = row.get("evidence") or {}
    if ev.get("median_ratio") is None:
        return "-"
    return f"{ev['median_ratio']:.2f} (n={ev.get('compared_evidence')})"
