"""What the report says, read from the store: counts, words, levels, measurements, claims.

Everything here is a plain dict or list of dicts with the ids it rests on (claim,
document, WARC record, measurement, run), so the HTML and PDF can cite each number.
Aggregates run in SQL (GROUP BY, ORDER BY ... LIMIT), so a large store is not loaded.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from liveaudit.levels import load_thresholds
from liveaudit.measured import claimed_vs_measured
from liveaudit.smoke import not_smoke
from liveaudit.store import Store, schema
from liveaudit.vocab import LEVELS, VERDICTS

TOP = 10


def _scalar(conn: sa.Connection, query) -> Any:
    return conn.execute(query).scalar()


def headline(store: Store, conn: sa.Connection) -> dict[str, int]:
    """The headline counts (the report's first table, checked by the tests against the store)."""
    v = store.table("current_verdicts")
    counts = {
        "sources": _scalar(conn, sa.select(sa.func.count()).select_from(store.table("current_sources"))),
        "documents": _scalar(conn, sa.select(sa.func.count()).select_from(store.table("current_documents"))),
        "claims": _scalar(conn, sa.select(sa.func.count()).select_from(store.table("current_claims"))),
        "systems_named": _scalar(conn, sa.select(sa.func.count(sa.distinct(store.table("current_claims").c.system)))),
        "measurements": _scalar(
            conn, sa.select(sa.func.count()).select_from(schema.measurements).where(not_smoke(schema.measurements))
        ),
        "analyses": _scalar(conn, sa.select(sa.func.count()).select_from(schema.analyses)),
        "judged": _scalar(conn, sa.select(sa.func.count()).select_from(v)),
    }
    by = dict(conn.execute(sa.select(v.c.verdict, sa.func.count()).group_by(v.c.verdict)).all())
    counts.update({k: int(by.get(k, 0)) for k in VERDICTS})
    return {k: int(n or 0) for k, n in counts.items()}


def kinds(store: Store, conn: sa.Connection) -> dict[str, int]:
    c = store.table("current_claims")
    return dict(sorted(conn.execute(sa.select(c.c.kind, sa.func.count()).group_by(c.c.kind)).all()))


def words(store: Store, conn: sa.Connection) -> list[dict]:
    """Per liveness term: claims using it, the level it implies most often, and their verdicts."""
    c, v = store.table("current_claims"), store.table("current_verdicts")
    query = sa.select(c.c.terms, c.c.implied_level, v.c.verdict).select_from(c).outerjoin(v, v.c.claim_id == c.c.id)
    uses: Counter = Counter()
    levels: dict[str, Counter] = {}
    verdicts: dict[str, Counter] = {}
    for terms, level, verdict in conn.execution_options(yield_per=5000).execute(query):
        for term in set(terms if isinstance(terms, list) else json.loads(terms or "[]")):
            uses[term] += 1
            levels.setdefault(term, Counter())[level or "-"] += 1
            verdicts.setdefault(term, Counter())[verdict or "not judged"] += 1
    return [
        {"term": t, "claims": n, "level": levels[t].most_common(1)[0][0], "verdicts": dict(verdicts[t])}
        for t, n in sorted(uses.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def per_system(store: Store, conn: sa.Connection) -> list[dict]:
    c, v = store.table("current_claims"), store.table("current_verdicts")
    query = (
        sa.select(c.c.system, v.c.verdict, sa.func.count())
        .select_from(c)
        .outerjoin(v, v.c.claim_id == c.c.id)
        .group_by(c.c.system, v.c.verdict)
    )
    out: dict[str, dict] = {}
    for system, verdict, n in conn.execute(query):
        row = out.setdefault(system or "(unresolved)", {"system": system or "(unresolved)", "claims": 0})
        row["claims"] += n
        row[verdict or "not judged"] = row.get(verdict or "not judged", 0) + n
    return sorted(out.values(), key=lambda r: (-r["claims"], r["system"]))


def claims_ranked(store: Store, conn: sa.Connection, verdicts: tuple[str, ...], limit: int = TOP) -> list[dict]:
    """Claims with one of `verdicts`, most confident and most specific first, with their references."""
    c, v, d = store.table("current_claims"), store.table("current_verdicts"), schema.documents
    query = (
        sa.select(
            c.c.id.label("claim_id"),
            c.c.sentence,
            c.c.system,
            c.c.implied_level,
            c.c.specificity,
            v.c.id.label("verdict_id"),
            v.c.verdict,
            v.c.reason,
            v.c.measured_level,
            v.c.confidence,
            v.c.evidence,
            d.c.id.label("document_id"),
            d.c.url,
            d.c.warc_file,
            d.c.warc_record_id,
        )
        .select_from(c)
        .join(v, v.c.claim_id == c.c.id)
        .join(d, d.c.id == c.c.document_id)
        .where(v.c.verdict.in_(verdicts))
        .order_by(v.c.confidence.desc().nulls_last(), c.c.id)
        .limit(limit)
    )
    rows = [dict(r._mapping) for r in conn.execute(query)]
    for r in rows:
        ev = r.pop("evidence") or {}
        r["measurement_ids"] = ev.get("measurement_ids") or [
            x["measurement_id"] for x in ev.get("compared", []) if isinstance(x, dict) and x.get("measurement_id")
        ]
        r["analysis_ids"] = ev.get("analysis_ids") or ([ev["analysis_id"]] if ev.get("analysis_id") else [])
        r["specificity"] = (r["specificity"] or {}).get("score")
    return rows


def implied_levels(store: Store, conn: sa.Connection) -> dict[str, int]:
    """Current claims per implied level ('-' for none)."""
    c = store.table("current_claims")
    return {
        k or "-": int(n)
        for k, n in conn.execute(sa.select(c.c.implied_level, sa.func.count()).group_by(c.c.implied_level))
    }


def smoke_runs(conn: sa.Connection) -> dict:
    """Tiny smoke runs in the store: counted in Methods, never shown as measurements."""
    m = schema.measurements
    rows = conn.execute(sa.select(m.c.id, m.c.system).where(sa.not_(not_smoke(m))).order_by(m.c.id)).all()
    return {"count": len(rows), "ids": [r.id for r in rows], "systems": sorted({r.system for r in rows})}


# What anyone measured, by kind: (label, table or view, condition). Our runs are the measurements
# table; users' reports and audited results are rows of current_evidence (liveaudit/measured.py
# compares them with the claimed figures). An absent table or view counts as none.
EVIDENCE = (
    ("our GPU runs", "measurements", "origin = 'measured'"),
    ("GPU runs shipped with liveaudit", "measurements", "origin = 'shipped'"),
    ("audited benchmark results", "current_evidence", "kind = 'audited'"),
    ("users' reports", "current_evidence", "kind = 'report'"),
)


def evidence(conn: sa.Connection) -> list[dict]:
    """Rows of each kind of evidence in the store (smoke runs left out), with the table they are in."""
    inspector = sa.inspect(conn)
    tables = set(inspector.get_table_names()) | set(inspector.get_view_names())
    m = schema.measurements
    out = []
    for label, table, where in EVIDENCE:
        if table not in tables:
            out.append({"kind": label, "table": table, "rows": 0, "present": False})
            continue
        column, value = where.split(" = ")
        if table == "measurements":
            query = sa.select(sa.func.count()).select_from(m).where(m.c.origin == value.strip("'"), not_smoke(m))
        else:
            view = sa.table(table, sa.column(column))
            query = sa.select(sa.func.count()).select_from(view).where(view.c[column] == value.strip("'"))
        out.append(
            {"kind": label, "table": f"{table} where {where}", "rows": int(_scalar(conn, query) or 0), "present": True}
        )
    return out


def measurements(conn: sa.Connection) -> list[dict]:
    """Every real measurement (tiny smoke runs never reach the report)."""
    m = schema.measurements
    query = (
        sa.select(
            m.c.id,
            m.c.run_id,
            m.c.system,
            m.c.hardware,
            m.c.settings,
            m.c.ttff_s,
            m.c.throughput_fps,
            m.c.rtf,
            m.c.level,
            m.c.result,
            m.c.origin,
        )
        .where(not_smoke(m))
        .order_by(m.c.system, m.c.hardware, m.c.id)
    )
    out = []
    for r in conn.execute(query):
        row = dict(r._mapping)
        result, settings = row.pop("result") or {}, row.pop("settings") or {}
        row["mode"] = result.get("mode")
        row["gap_p99_s"] = (result.get("chunk_gap_s") or {}).get("p99")
        row["output_fps"] = settings.get("fps")
        row["resolution"] = f"{settings['width']}x{settings['height']}" if settings.get("width") else None
        out.append(row)
    return out


def runs(conn: sa.Connection) -> list[dict]:
    """The newest finished run of each command (what produced the figures, and when)."""
    r = schema.runs
    newest = sa.select(sa.func.max(r.c.id)).where(r.c.status == "finished").group_by(r.c.command)
    query = sa.select(r.c.id, r.c.command, r.c.finished_at, r.c.versions).where(r.c.id.in_(newest)).order_by(r.c.id)
    return [dict(x._mapping) for x in conn.execute(query)]


def gather(store: Store, levels_file: str | None = None) -> dict:
    """Every fact the report shows."""
    th = load_thresholds(levels_file)
    with store.engine.connect() as conn:
        facts = {
            "headline": headline(store, conn),
            "kinds": kinds(store, conn),
            "words": words(store, conn),
            "systems": per_system(store, conn),
            "supported": claims_ranked(store, conn, ("supported",)),
            "refuted": claims_ranked(store, conn, ("implausible", "contradicted")),
            "measurements": measurements(conn),
            "implied": implied_levels(store, conn),
            "smoke": smoke_runs(conn),
            "evidence": evidence(conn),
            "analysed": sorted({r[0] for r in conn.execute(sa.select(schema.analyses.c.system).distinct())}),
            "runs": runs(conn),
        }
    facts["gaps"] = store.rows("current_level_gaps")
    facts["measured"] = claimed_vs_measured(store.engine)  # what others measured (liveaudit/measured.py)
    described = (yaml.safe_load(Path(th.path).read_text(encoding="utf-8")) or {}).get("levels") or {}
    facts["levels"] = [
        {"level": lv, "name": th.names.get(lv, ""), "condition": str((described.get(lv) or {}).get("condition", ""))}
        for lv in LEVELS
    ]
    facts["thresholds"] = th
    return facts
