"""The Claims page's reads: its filters as SQL, the filtered count, one page of rows, the options.

Filtering, counting and paging happen in SQL, so a store of 100,000 claims is never loaded
whole. Split from `queries.py` (which holds the other pages' reads and the SQL helpers).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from liveaudit.dashboard.queries import (
    NO_HEDGE,
    NO_SOURCE_KIND,
    NO_SYSTEM,
    NO_VERDICT,
    _frame,
    _json_text,
    _loads,
    _rows,
    _source_kind,
)
from liveaudit.vocab import VERDICTS


# ---- claims table -----------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimFilter:
    """The Claims page's filters; empty tuples mean "any"."""

    search: str = ""
    systems: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    source_kinds: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    hardware_stated: bool | None = None
    published_from: str = ""  # ISO date, inclusive
    published_to: str = ""


def _claims_from(sources: bool = True, verdicts: bool = True) -> str:
    """FROM current claims with their document, and (when needed) source kind and newest verdict.

    The newest verdict of a current claim is the row current_verdicts holds for it; looking it
    up by claim id (an index search) avoids a second pass over current_claims.
    """
    sql = " FROM current_claims c JOIN documents d ON d.id = c.document_id"
    if sources:
        sql += " LEFT JOIN current_sources s ON s.source_key = d.source_key"
    if verdicts:
        sql += " LEFT JOIN verdicts v ON v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = c.id)"
    return sql


def _in(column: str, values: tuple[str, ...], none_label: str, name: str, params: dict) -> str:
    named = [v for v in values if v != none_label]
    parts = []
    if named:
        keys = []
        for i, value in enumerate(named):
            params[f"{name}{i}"] = value
            keys.append(f":{name}{i}")
        parts.append(f"{column} IN ({', '.join(keys)})")
    if none_label in values:
        parts.append(f"{column} IS NULL")
    return "(" + " OR ".join(parts) + ")"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def claims_where(engine: sa.Engine, f: ClaimFilter) -> tuple[str, dict]:
    """The WHERE clause (and its parameters) for a filter over `_claims_from()`."""
    clauses, params = ["1 = 1"], {}
    if f.search.strip():
        params["search"] = f"%{_like_escape(f.search.strip().lower())}%"
        clauses.append(
            "(LOWER(c.sentence) LIKE :search ESCAPE '\\' OR LOWER(d.url) LIKE :search ESCAPE '\\'"
            " OR LOWER(COALESCE(d.title, '')) LIKE :search ESCAPE '\\')"
        )
    if f.systems:
        clauses.append(_in("c.system", f.systems, NO_SYSTEM, "sys", params))
    if f.kinds:
        clauses.append(_in("c.kind", f.kinds, "", "kind", params))
    if f.verdicts:
        clauses.append(_in("v.verdict", f.verdicts, NO_VERDICT, "verdict", params))
    if f.source_kinds:
        clauses.append(_in(_source_kind(engine), f.source_kinds, NO_SOURCE_KIND, "src", params))
    if f.hedges:
        clauses.append(_in("c.hedge", f.hedges, NO_HEDGE, "hedge", params))
    if f.terms:
        # terms is a JSON list; a term matches as its JSON string (quotes included), so
        # "live" never matches "live-action". Works on SQLite and PostgreSQL alike.
        ors = []
        for i, term in enumerate(f.terms):
            params[f"term{i}"] = f"%{_like_escape(json.dumps(term))}%"
            ors.append(f"CAST(c.terms AS TEXT) LIKE :term{i} ESCAPE '\\'")
        clauses.append("(" + " OR ".join(ors) + ")")
    if f.hardware_stated is not None:
        stated = _json_text(engine, "c.specificity", "hardware")
        truthy = f"{stated} IN (1, 'true')" if engine.dialect.name == "sqlite" else f"{stated} = 'true'"
        clauses.append(truthy if f.hardware_stated else f"NOT COALESCE({truthy}, 0 = 1)")
    if f.published_from:
        params["pfrom"] = f.published_from
        clauses.append("d.published_at >= :pfrom")
    if f.published_to:
        params["pto"] = f.published_to + "\uffff"  # inclusive of any time on that day
        clauses.append("d.published_at <= :pto")
    return " AND ".join(clauses), params


def count_claims(engine: sa.Engine, f: ClaimFilter) -> int:
    if f == ClaimFilter():
        return int(_rows(engine, "SELECT COUNT(*) AS n FROM current_claims")[0]["n"])
    where, params = claims_where(engine, f)
    # Counting is a full pass: join only what the filter needs.
    from_sql = _claims_from(sources=bool(f.source_kinds), verdicts=bool(f.verdicts))
    return int(_rows(engine, f"SELECT COUNT(*) AS n {from_sql} WHERE {where}", params)[0]["n"])


def claims_page(engine: sa.Engine, f: ClaimFilter, page: int = 0, page_size: int = 50) -> pd.DataFrame:
    """One page of the filtered claims, newest first; `page_size=0` returns every match (CSV)."""
    where, params = claims_where(engine, f)
    gpu = _json_text(engine, "c.figures", "gpu")
    fps = _json_text(engine, "c.figures", "fps")
    hw = _json_text(engine, "c.specificity", "hardware")
    sql = f"""SELECT c.id, c.system, c.kind, c.sentence, c.terms, c.implied_level, c.hedge,
                     {hw} AS hardware_stated, {gpu} AS gpu, {fps} AS fps,
                     v.verdict, v.measured_level, {_source_kind(engine)} AS source_kind, d.published_at, d.url, d.title
              {_claims_from()} WHERE {where} ORDER BY c.id DESC"""
    if page_size:
        sql += " LIMIT :limit OFFSET :offset"
        params.update(limit=int(page_size), offset=int(page) * int(page_size))
    frame = _frame(engine, sql, params)
    frame["terms"] = [", ".join(_loads(t) or []) for t in frame["terms"]]
    frame["hardware_stated"] = [bool(v) and v not in ("false", "0") for v in frame["hardware_stated"]]
    return frame


def filter_options(engine: sa.Engine) -> dict[str, list[str]]:
    """The values each Claims filter offers, from the store (with the labels for missing values)."""

    # Read from the claims table itself (every version: a superset, answered from indexes or one
    # cheap scan), not from current_claims: options must not cost a pass over the view.
    def distinct(sql: str) -> list[str]:
        return [r["v"] for r in _rows(engine, sql) if r["v"] is not None]

    terms: set[str] = set()
    for raw in distinct("SELECT DISTINCT CAST(terms AS TEXT) AS v FROM claims"):
        terms.update(str(t) for t in (_loads(raw) or []))
    return {
        "systems": distinct("SELECT DISTINCT system AS v FROM claims ORDER BY 1") + [NO_SYSTEM],
        "terms": sorted(terms),
        "kinds": distinct("SELECT DISTINCT kind AS v FROM claims ORDER BY 1"),
        "verdicts": list(VERDICTS) + [NO_VERDICT],
        "source_kinds": sorted(
            set(distinct("SELECT DISTINCT kind AS v FROM current_sources"))
            | set(distinct(f"SELECT DISTINCT {_json_text(engine, 'meta', 'kind')} AS v FROM current_documents"))
        )
        + [NO_SOURCE_KIND],
        "hedges": distinct("SELECT DISTINCT hedge AS v FROM claims ORDER BY 1") + [NO_HEDGE],
    }


def system_claims(engine: sa.Engine, system: str, limit: int = 500) -> pd.DataFrame:
    return claims_page(engine, ClaimFilter(systems=(system,)), 0, limit)
