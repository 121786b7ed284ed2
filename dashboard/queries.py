"""The dashboard's reads: SQL over the store's `current_*` views, one function per question.

Everything a page shows comes from here, as plain rows (lists of dicts) or DataFrames, so
the pages stay thin and the benchmark and tests call the same code. Filtering, counting
and paging happen in SQL: a store of 100,000 claims is never loaded whole.
The Streamlit caching wraps these functions in `cache.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

NO_SYSTEM = "(unresolved)"
NO_VERDICT = "(no verdict)"
NO_HEDGE = "(none)"
NO_SOURCE_KIND = "(unknown)"
VERDICTS = ("supported", "contradicted", "implausible", "unverifiable", "untested")
KINDS = ("quantified", "qualitative", "comparative", "aspirational")
LEVELS = ("L0", "L1", "L2", "L3", "L4")


def _json_text(engine: sa.Engine, column: str, key: str) -> str:
    """SQL for one key of a JSON column, as text (SQLite and PostgreSQL)."""
    if engine.dialect.name == "sqlite":
        return f"json_extract({column}, '$.{key}')"
    return f"(({column})::jsonb ->> '{key}')"


def _frame(engine: sa.Engine, sql: str, params: dict | None = None) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(sa.text(sql), params or {})
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _rows(engine: sa.Engine, sql: str, params: dict | None = None) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.text(sql), params or {})]


def _loads(value):
    """JSON columns come back decoded from SQLAlchemy tables, as text from raw SQL."""
    if isinstance(value, (str, bytes)):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def fingerprint(engine: sa.Engine) -> tuple[int, int]:
    """What the cache is keyed on besides the store: the newest run and how many have ended.

    A new run, or a run that finishes, changes it; reading it costs one small query.
    """
    row = _rows(engine, "SELECT COALESCE(MAX(id), 0) AS last, COUNT(finished_at) AS ended FROM runs")[0]
    return int(row["last"]), int(row["ended"])


# ---- overview ---------------------------------------------------------------------------
def totals(engine: sa.Engine) -> dict[str, int]:
    """Rows per table (every version, so cheap at any size): what decides content vs an empty state."""
    sql = """SELECT
        (SELECT COUNT(*) FROM documents) AS documents,
        (SELECT COUNT(*) FROM claims) AS claims,
        (SELECT COUNT(*) FROM verdicts) AS verdicts,
        (SELECT COUNT(*) FROM analyses) AS analyses,
        (SELECT COUNT(*) FROM measurements) AS measurements,
        (SELECT COUNT(*) FROM runs) AS runs"""
    return {k: int(v) for k, v in _rows(engine, sql)[0].items()}


def claim_summary(engine: sa.Engine) -> pd.DataFrame:
    """Current claims counted by kind, system, implied level, hedge and verdict, in one pass.

    The overview derives every per-column count from this small frame (at most a few
    thousand rows), instead of scanning `current_claims` once per chart.
    """
    return _frame(engine, f"""SELECT c.kind, c.system, c.implied_level, c.hedge, v.verdict, COUNT(*) AS claims
                             FROM current_claims c LEFT JOIN verdicts v
                                  ON v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = c.id)
                             GROUP BY 1, 2, 3, 4, 5""")


def wording_summary(engine: sa.Engine) -> pd.DataFrame:
    """Current claims counted by their terms (the JSON list as stored), publication month and implied level.

    One pass gives both the term counts and the claims over time: the distinct term lists
    are few, so the frame stays small and the terms are unpacked in Python.
    """
    frame = _frame(engine, """SELECT CAST(c.terms AS TEXT) AS terms, SUBSTR(d.published_at, 1, 7) AS month,
                                     c.implied_level, COUNT(*) AS claims
                              FROM current_claims c JOIN documents d ON d.id = c.document_id GROUP BY 1, 2, 3""")
    frame["terms"] = [tuple(_loads(t) or ()) for t in frame["terms"]]
    return frame


def term_counts(wording: pd.DataFrame) -> pd.DataFrame:
    """Claims per term (a claim with two terms counts for both): columns `value`, `claims`."""
    exploded = wording.explode("terms").dropna(subset=["terms"])
    counted = exploded.groupby("terms", as_index=False)["claims"].sum().rename(columns={"terms": "value"})
    return counted.sort_values(["claims", "value"], ascending=[False, True], ignore_index=True)


def over_time(wording: pd.DataFrame) -> pd.DataFrame:
    """Claims per publication month and implied level (claims from undated pages are left out)."""
    dated = wording[wording["month"].notna() & (wording["month"].str.len() == 7)]
    dated = dated.assign(implied_level=dated["implied_level"].fillna("none"))
    return dated.groupby(["month", "implied_level"], as_index=False)["claims"].sum().sort_values("month", ignore_index=True)


def counts_by(engine: sa.Engine, what: str) -> pd.DataFrame:
    """Claims counted by kind, verdict, term, system, implied level or hedge: columns `value`, `claims`."""
    if what == "term":
        return term_counts(wording_summary(engine))
    return summary_counts(claim_summary(engine), what)


def summary_counts(summary: pd.DataFrame, what: str) -> pd.DataFrame:
    """One column of `claim_summary`, counted (missing values get their label)."""
    if what not in ("kind", "system", "implied_level", "hedge", "verdict"):
        raise ValueError(f"cannot count claims by {what!r}")
    label = {"verdict": NO_VERDICT, "system": NO_SYSTEM, "hedge": NO_HEDGE}.get(what, "(none)")
    values = summary[what].astype(object).where(summary[what].notna(), label)
    counted = summary.assign(value=values).groupby("value", as_index=False)["claims"].sum()
    return counted.sort_values("claims", ascending=False, ignore_index=True)


def levels_by_system(engine: sa.Engine, summary: pd.DataFrame | None = None) -> pd.DataFrame:
    """The headline: per system, the level its claims imply, the level measured, the roofline bound.

    Columns: system, series ("implied by claims" | "measured (best GPU)" | "roofline bound (best GPU)"),
    level, rank (0..4), detail. Pass `summary` (from `claim_summary`) to save a pass over the claims.
    """
    out: list[dict] = []
    summary = claim_summary(engine) if summary is None else summary
    implied = summary.dropna(subset=["system", "implied_level"])
    for system, group in implied.groupby("system"):
        out.append({"system": system, "series": "implied by claims", "level": group["implied_level"].max(),
                    "detail": f"highest level implied by {int(group['claims'].sum())} claim(s)"})
    for row in _rows(engine, """SELECT m.system, m.level, m.hardware FROM measurements m
                                WHERE m.level IS NOT NULL AND m.level = (SELECT MAX(m2.level) FROM measurements m2
                                      WHERE m2.system = m.system AND m2.level IS NOT NULL)
                                ORDER BY m.system, m.id DESC"""):
        if any(o["system"] == row["system"] and o["series"].startswith("measured") for o in out):
            continue
        out.append({"system": row["system"], "series": "measured (best GPU)", "level": row["level"],
                    "detail": f"on {row['hardware']}"})
    for system, (level, gpu) in _best_roofline_levels(engine).items():
        out.append({"system": system, "series": "roofline bound (best GPU)", "level": level, "detail": f"on {gpu}"})
    frame = pd.DataFrame(out, columns=["system", "series", "level", "detail"])
    frame["rank"] = frame["level"].map({lvl: i for i, lvl in enumerate(LEVELS)})
    return frame


def level_gaps(engine: sa.Engine) -> pd.DataFrame:
    """The gap table `liveaudit verdicts` writes (implied vs measured level per system and GPU)."""
    if "level_gaps" not in sa.inspect(engine).get_table_names():
        return pd.DataFrame()
    return _frame(engine, """SELECT system, hardware, implied_level, measured_level, bound_level, gap, claims
                             FROM current_level_gaps ORDER BY gap DESC, system, hardware""")


def _best_roofline_levels(engine: sa.Engine) -> dict[str, tuple[str, str]]:
    best: dict[str, tuple[str, str]] = {}
    for row in latest_analyses(engine):
        for gpu, bound in (row["result"].get("roofline") or {}).items():
            level = (bound or {}).get("best_level")
            if level and (row["system"] not in best or level > best[row["system"]][0]):
                best[row["system"]] = (level, gpu)
    return best


def claims_over_time(engine: sa.Engine) -> pd.DataFrame:
    """Claims per publication month and implied level (documents without a date are left out)."""
    return over_time(wording_summary(engine))


def changed_documents(engine: sa.Engine, limit: int = 50) -> pd.DataFrame:
    """Pages fetched in several versions: one row per version with its claims and highest level."""
    return _frame(engine, """
        WITH changed AS (SELECT doc_key FROM documents GROUP BY doc_key HAVING COUNT(*) > 1
                         ORDER BY MAX(fetched_at) DESC LIMIT :limit)
        SELECT d.doc_key AS page, d.version, d.id AS document_id, d.fetched_at, d.published_at,
               COUNT(c.id) AS claims, MAX(c.implied_level) AS highest_level
        FROM documents d JOIN changed USING (doc_key)
        LEFT JOIN claims c ON c.document_id = d.id
             AND c.run_id = (SELECT MAX(c2.run_id) FROM claims c2 WHERE c2.document_id = d.id)
        GROUP BY d.id ORDER BY d.doc_key, d.version""", {"limit": limit})


def wording_changes(engine: sa.Engine, old_document_id: int, new_document_id: int) -> dict[str, list[str]]:
    """Claim sentences dropped from and added to a page between two of its versions."""
    def sentences(doc_id: int) -> list[str]:
        return [r["sentence"] for r in _rows(engine, """SELECT sentence FROM claims c WHERE document_id = :d
                 AND run_id = (SELECT MAX(run_id) FROM claims WHERE document_id = :d) ORDER BY sentence_index""", {"d": doc_id})]
    old, new = sentences(old_document_id), sentences(new_document_id)
    return {"removed": [s for s in old if s not in new], "added": [s for s in new if s not in old]}


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


def _source_kind(engine: sa.Engine) -> str:
    """The kind of a claim's source: the page's own (crawler meta `kind`), else its source's."""
    return f"COALESCE({_json_text(engine, 'd.meta', 'kind')}, s.kind)"


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
        clauses.append("(LOWER(c.sentence) LIKE :search ESCAPE '\\' OR LOWER(d.url) LIKE :search ESCAPE '\\'"
                       " OR LOWER(COALESCE(d.title, '')) LIKE :search ESCAPE '\\')")
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
        "source_kinds": sorted(set(distinct("SELECT DISTINCT kind AS v FROM current_sources"))
                               | set(distinct(f"SELECT DISTINCT {_json_text(engine, 'meta', 'kind')} AS v FROM current_documents")))
                        + [NO_SOURCE_KIND],
        "hedges": distinct("SELECT DISTINCT hedge AS v FROM claims ORDER BY 1") + [NO_HEDGE],
    }


# ---- one system -------------------------------------------------------------------------
def system_names(engine: sa.Engine) -> list[str]:
    """Every system the store knows: registered, claimed, analysed or measured."""
    rows = _rows(engine, """SELECT name AS v FROM current_systems UNION SELECT system FROM claims WHERE system IS NOT NULL
                            UNION SELECT system FROM analyses UNION SELECT system FROM measurements ORDER BY 1""")
    return [r["v"] for r in rows]


def system_claims(engine: sa.Engine, system: str, limit: int = 500) -> pd.DataFrame:
    return claims_page(engine, ClaimFilter(systems=(system,)), 0, limit)


def latest_analyses(engine: sa.Engine, system: str | None = None) -> list[dict]:
    """Analyses of the newest analyze run of each system (older runs stay in the store)."""
    sql = """SELECT a.* FROM analyses a WHERE a.run_id = (SELECT MAX(a2.run_id) FROM analyses a2 WHERE a2.system = a.system)"""
    params = {}
    if system is not None:
        sql += " AND a.system = :system"
        params["system"] = system
    rows = _rows(engine, sql + " ORDER BY a.system, a.id", params)
    for row in rows:
        for key in ("settings", "result", "unknown_config_keys"):
            row[key] = _loads(row[key]) or {}
    return rows


def measurements(engine: sa.Engine, system: str) -> list[dict]:
    rows = _rows(engine, "SELECT * FROM measurements WHERE system = :s ORDER BY created_at DESC, id DESC", {"s": system})
    for row in rows:
        for key in ("settings", "result", "environment"):
            row[key] = _loads(row[key]) or {}
    return rows


# ---- one claim --------------------------------------------------------------------------
def claim_card(engine: sa.Engine, claim_id: int) -> dict | None:
    """Everything a fact-check card shows for one claim (any version, current or not)."""
    rows = _rows(engine, f"""SELECT c.*, d.url, d.title, d.author, d.published_at, d.fetched_at, d.doc_key,
                                   d.version AS document_version, d.warc_file, d.warc_record_id, d.warc_offset,
                                   d.content_sha256, d.source_key, {_source_kind(engine)} AS source_kind, s.name AS source_name,
                                   (SELECT MAX(d2.version) FROM documents d2 WHERE d2.doc_key = d.doc_key) AS latest_version
                            FROM claims c JOIN documents d ON d.id = c.document_id
                            LEFT JOIN current_sources s ON s.source_key = d.source_key
                            WHERE c.id = :id""", {"id": claim_id})
    if not rows:
        return None
    card = rows[0]
    for key in ("terms", "figures", "specificity"):
        card[key] = _loads(card[key]) or {}
    verdicts = _rows(engine, "SELECT * FROM verdicts WHERE claim_id = :id ORDER BY id DESC LIMIT 1", {"id": claim_id})
    card["verdict"] = None
    card["measurements"], card["analyses"] = [], []
    if verdicts:
        verdict = verdicts[0]
        verdict["evidence"] = _loads(verdict["evidence"]) or {}
        card["verdict"] = verdict
        ids = _evidence_ids(verdict["evidence"], "measurement")
        if ids:
            card["measurements"] = _by_ids(engine, "measurements", ids, ("settings", "result", "environment"))
        ids = _evidence_ids(verdict["evidence"], "analysis")
        if ids:
            card["analyses"] = _by_ids(engine, "analyses", ids, ("settings", "result", "unknown_config_keys"))
    return card


def _evidence_ids(evidence: dict, what: str) -> list[int]:
    """Ids a verdict's evidence names: `<what>_id` (one) or `<what>_ids` (several)."""
    found = []
    one = evidence.get(f"{what}_id")
    if one is not None:
        found.append(one)
    found.extend(evidence.get(f"{what}_ids") or [])
    return [int(i) for i in found if str(i).isdigit()]


def _by_ids(engine: sa.Engine, table: str, ids: list[int], json_keys: tuple[str, ...]) -> list[dict]:
    params = {f"i{n}": i for n, i in enumerate(ids)}
    rows = _rows(engine, f"SELECT * FROM {table} WHERE id IN ({', '.join(':' + k for k in params)}) ORDER BY id", params)
    for row in rows:
        for key in json_keys:
            row[key] = _loads(row[key]) or {}
    return rows


def first_claim_id(engine: sa.Engine) -> int | None:
    rows = _rows(engine, "SELECT MAX(id) AS id FROM current_claims")
    return rows[0]["id"] if rows and rows[0]["id"] is not None else None


# ---- runs -------------------------------------------------------------------------------
def runs(engine: sa.Engine, limit: int = 500) -> list[dict]:
    rows = _rows(engine, "SELECT * FROM runs ORDER BY id DESC LIMIT :n", {"n": limit})
    for row in rows:
        for key in ("args", "versions", "summary"):
            row[key] = _loads(row[key]) or {}
    return rows
