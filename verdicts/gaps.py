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
                        # of `claims`, those naming this GPU; the others name no GPU and count under every row
                        "named_claims": sum(1 for c in mine if gpu and (c.get("figures") or {}).get("gpu") == gpu),
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


# One letter per verdict so the table fits an 80-column terminal; the caption spells them out.
_VERDICT_LETTER = {
    "supported": "S",
    "contradicted": "C",
    "disputed": "D",
    "implausible": "I",
    "unverifiable": "U",
    "untested": "T",
}


def gap_table(rows: list[dict], th: Thresholds, title: str = "Implied vs measured liveness level (the gap table)"):
    """A rich Table of gap rows (level_gaps rows or `gap_rows` output), readable at 80 columns."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=(
            "n: claims naming the GPU + claims naming none (counted under every GPU); "
            "claim: the level the claims imply; ours: measured on our GPU; bound: the best the roofline "
            "allows; got/cl: median got/claimed of comparable evidence. Verdicts: "
            + ", ".join(f"{letter} {name}" for name, letter in _VERDICT_LETTER.items())
            + ". Levels: "
            + "; ".join(f"{code} {name}" for code, name in sorted(th.names.items()))
        ),
        caption_justify="left",
    )
    table.add_column("system", min_width=12, max_width=18, overflow="fold")
    table.add_column("GPU", min_width=8, max_width=10)
    table.add_column("n", justify="right", no_wrap=True)
    for col in ("claim", "ours", "bound", "gap"):
        table.add_column(col, no_wrap=True)
    table.add_column("got/cl", justify="right", no_wrap=True)
    table.add_column("verdicts", min_width=9, max_width=14)
    order = list(_VERDICT_LETTER)
    for r in rows:
        gap = r.get("gap")
        counts = (r.get("evidence") or {}).get("verdicts", {})
        verdicts = " ".join(
            f"{_VERDICT_LETTER.get(k, k)}{v}" for k, v in sorted(counts.items(), key=lambda kv: _rank(order, kv[0]))
        )
        table.add_row(
            r["system"],
            r.get("hardware") or "-",
            _claims_text(r),
            r["implied_level"] or "-",
            r["measured_level"] or "-",
            r.get("bound_level") or "-",
            f"+{gap}" if gap and gap > 0 else ("-" if gap is None else str(gap)),
            _ratio_text(r),
            verdicts or "-",
        )
    return table


def _rank(order: list[str], name: str) -> int:
    return order.index(name) if name in order else len(order)


def _ratio_text(row: dict) -> str:
    ev = row.get("evidence") or {}
    if ev.get("median_ratio") is None:
        return "-"
    return f"{ev['median_ratio']:.2f}"


def _claims_text(row: dict) -> str:
    """ "7+10": 7 claims name the row's GPU, 10 name none; a row without a GPU (or an older row without
    the split) shows the plain count."""
    named = (row.get("evidence") or {}).get("named_claims")
    if not row.get("hardware") or named is None or named == row["claims"]:
        return str(row["claims"])
    return f"{named}+{row['claims'] - named}"
