"""The dashboard's reads: SQL over the store's `current_*` views, one function per question.

Everything a page shows comes from here, as plain rows (lists of dicts) or DataFrames, so
the pages stay thin and the benchmark and tests call the same code. Filtering, counting
and paging happen in SQL: a store of 100,000 claims is never loaded whole.
The Streamlit caching wraps these functions in `cache.py`.
"""

from __future__ import annotations

import json

import pandas as pd
import sqlalchemy as sa

from liveaudit.records import VerdictEvidence
from liveaudit.vocab import CLAIMS, LEVELS

NO_SYSTEM = "(unresolved)"
NO_VERDICT = "(no verdict)"
NO_HEDGE = "(none)"
NO_SOURCE_KIND = "(unknown)"
KINDS = CLAIMS


def _json_text(engine: sa.Engine, column: str, key: str) -> str:
    """SQL for one key of a JSON column, as text (SQLite and PostgreSQL)."""
    if engine.dialect.name == "sqlite":
        return f"json_extract({column}, '$.{key}')"
    return f"(({column})::jsonb ->> '{key}')"


def _real(engine: sa.Engine, alias: str = "") -> str:
    """SQL condition: a measurements row that is not a tiny smoke run (those are never shown as measurements)."""
    tiny = _json_text(engine, f"{alias}.settings" if alias else "settings", "tiny")
    return f"COALESCE(CAST({tiny} AS TEXT), '') NOT IN ('1', 'true')"


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
    sql = f"""SELECT
        (SELECT COUNT(*) FROM documents) AS documents,
        (SELECT COUNT(*) FROM claims) AS claims,
        (SELECT COUNT(*) FROM verdicts) AS verdicts,
        (SELECT COUNT(*) FROM analyses) AS analyses,
        (SELECT COUNT(*) FROM measurements WHERE {_real(engine)}) AS measurements,
        (SELECT COUNT(*) FROM runs) AS runs"""
    return {k: int(v) for k, v in _rows(engine, sql)[0].items()}


def claim_summary(engine: sa.Engine) -> pd.DataFrame:
    """Current claims counted by kind, system, implied level, hedge and verdict, in one pass.

    The implied level is the verdict's (read from the sentence in context; a negation implies none), and the
    claim's word-list one only before any verdict.

    The overview derives every per-column count from this small frame (at most a few
    thousand rows), instead of scanning `current_claims` once per chart.
    """
    return _frame(
        engine,
        """SELECT c.kind, c.system, CASE WHEN v.id IS NULL THEN c.implied_level ELSE v.implied_level END AS implied_level, c.hedge,
                                  v.verdict, COUNT(*) AS claims
                             FROM current_claims c LEFT JOIN verdicts v
                                  ON v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = c.id)
                             GROUP BY 1, 2, 3, 4, 5""",
    )


def wording_summary(engine: sa.Engine) -> pd.DataFrame:
    """Current claims counted by their terms (the JSON list as stored), publication month and implied level.

    One pass gives both the term counts and the claims over time: the distinct term lists
    are few, so the frame stays small and the terms are unpacked in Python.
    """
    frame = _frame(
        engine,
        """SELECT CAST(c.terms AS TEXT) AS terms, SUBSTR(d.published_at, 1, 7) AS month,
                                     c.implied_level, COUNT(*) AS claims
                              FROM current_claims c JOIN documents d ON d.id = c.document_id GROUP BY 1, 2, 3""",
    )
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
    return (
        dated.groupby(["month", "implied_level"], as_index=False)["claims"]
        .sum()
        .sort_values("month", ignore_index=True)
    )


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
        out.append(
            {
                "system": system,
                "series": "implied by claims",
                "level": group["implied_level"].max(),
                "detail": f"highest level implied by {int(group['claims'].sum())} claim(s)",
            }
        )
    for row in _rows(
        engine,
        f"""SELECT m.system, m.level, m.hardware FROM measurements m
                                 WHERE m.level IS NOT NULL AND {_real(engine, "m")} AND m.level = (
                                       SELECT MAX(m2.level) FROM measurements m2
                                       WHERE m2.system = m.system AND m2.level IS NOT NULL AND {_real(engine, "m2")})
                                 ORDER BY m.system, m.id DESC""",
    ):
        if any(o["system"] == row["system"] and o["series"].startswith("measured") for o in out):
            continue
        out.append(
            {
                "system": row["system"],
                "series": "measured (best GPU)",
                "level": row["level"],
                "detail": f"on {row['hardware']}",
            }
        )
    for system, (level, gpu) in _best_roofline_levels(engine).items():
        out.append({"system": system, "series": "roofline bound (best GPU)", "level": level, "detail": f"on {gpu}"})
    frame = pd.DataFrame(out, columns=["system", "series", "level", "detail"])
    frame["rank"] = frame["level"].map({lvl: i for i, lvl in enumerate(LEVELS)})
    return frame


def level_gaps(engine: sa.Engine) -> pd.DataFrame:
    """The gap table `liveaudit verdicts` writes (implied vs measured level per system and GPU)."""
    if "level_gaps" not in sa.inspect(engine).get_table_names():
        return pd.DataFrame()
    return _frame(
        engine,
        """SELECT system, hardware, implied_level, measured_level, bound_level, gap, claims
                             FROM current_level_gaps ORDER BY gap DESC, system, hardware""",
    )


def _best_roofline_levels(engine: sa.Engine) -> dict[str, tuple[str, str]]:
    """Per system, the best reachable level over the GPUs (liveaudit.levels.best_level, as every page)."""
    best: dict[str, tuple[str, str]] = {}
    for (system, gpu), lv in sorted(best_reachable_levels(engine).items()):
        if system not in best or lv > best[system][0]:
            best[system] = (lv, gpu)
    return best


def best_reachable_levels(engine: sa.Engine, system: str | None = None) -> dict[tuple[str, str], str]:
    """(system, GPU) -> best reachable level, from `liveaudit.levels.best_level` on the newest analysis per settings."""
    from liveaudit.levels import best_levels, latest_per_settings

    sql, params = "SELECT * FROM analyses", {}
    if system is not None:
        sql, params = sql + " WHERE system = :system", {"system": system}
    rows = _rows(engine, sql + " ORDER BY id", params)
    for row in rows:
        for key in ("settings", "result"):
            row[key] = _loads(row[key]) or {}
    return {key: lv.level for key, lv in best_levels(latest_per_settings(rows)).items()}


def claims_over_time(engine: sa.Engine) -> pd.DataFrame:
    """Claims per publication month and implied level (documents without a date are left out)."""
    return over_time(wording_summary(engine))


def changed_documents(engine: sa.Engine, limit: int = 50) -> pd.DataFrame:
    """Pages fetched in several versions: one row per version with its claims and highest level."""
    return _frame(
        engine,
        """
        WITH changed AS (SELECT doc_key FROM documents GROUP BY doc_key HAVING COUNT(*) > 1
                         ORDER BY MAX(fetched_at) DESC LIMIT :limit)
        SELECT d.doc_key AS page, d.version, d.id AS document_id, d.fetched_at, d.published_at,
               COUNT(c.id) AS claims, MAX(c.implied_level) AS highest_level
        FROM documents d JOIN changed USING (doc_key)
        LEFT JOIN claims c ON c.document_id = d.id
             AND c.run_id = (SELECT MAX(c2.run_id) FROM claims c2 WHERE c2.document_id = d.id)
        GROUP BY d.id ORDER BY d.doc_key, d.version""",
        {"limit": limit},
    )


def wording_changes(engine: sa.Engine, old_document_id: int, new_document_id: int) -> dict[str, list[str]]:
    """Claim sentences dropped from and added to a page between two of its versions."""

    def sentences(doc_id: int) -> list[str]:
        return [
            r["sentence"]
            for r in _rows(
                engine,
                """SELECT sentence FROM claims c WHERE document_id = :d
                 AND run_id = (SELECT MAX(run_id) FROM claims WHERE document_id = :d) ORDER BY sentence_index""",
                {"d": doc_id},
            )
        ]

    old, new = sentences(old_document_id), sentences(new_document_id)
    return {"removed": [s for s in old if s not in new], "added": [s for s in new if s not in old]}


def _source_kind(engine: sa.Engine) -> str:
    """The kind of a claim's source: the page's own (crawler meta `kind`), else its source's."""
    return f"COALESCE({_json_text(engine, 'd.meta', 'kind')}, s.kind)"


# ---- one system -------------------------------------------------------------------------
def system_names(engine: sa.Engine) -> list[str]:
    """Every system the store knows: registered, claimed, analysed or measured."""
    rows = _rows(
        engine,
        f"""SELECT name AS v FROM current_systems UNION SELECT system FROM claims WHERE system IS NOT NULL
                             UNION SELECT system FROM analyses UNION SELECT system FROM measurements WHERE {_real(engine)}
                             ORDER BY 1""",
    )
    return [r["v"] for r in rows]


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
    """The system's measurements, newest first; tiny smoke runs are left out (they measure no system)."""
    rows = _rows(
        engine,
        f"SELECT * FROM measurements WHERE system = :s AND {_real(engine)} ORDER BY created_at DESC, id DESC",
        {"s": system},
    )
    for row in rows:
        for key in ("settings", "result", "environment"):
            row[key] = _loads(row[key]) or {}
    return rows


# ---- one claim --------------------------------------------------------------------------
def claim_card(engine: sa.Engine, claim_id: int) -> dict | None:
    """Everything a fact-check card shows for one claim (any version, current or not)."""
    rows = _rows(
        engine,
        f"""SELECT c.*, d.url, d.title, d.author, d.published_at, d.fetched_at, d.doc_key,
                                   d.version AS document_version, d.warc_file, d.warc_record_id, d.warc_offset,
                                   d.content_sha256, d.source_key, {_source_kind(engine)} AS source_kind, s.name AS source_name,
                                   (SELECT MAX(d2.version) FROM documents d2 WHERE d2.doc_key = d.doc_key) AS latest_version
                            FROM claims c JOIN documents d ON d.id = c.document_id
                            LEFT JOIN current_sources s ON s.source_key = d.source_key
                            WHERE c.id = :id""",
        {"id": claim_id},
    )
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
        evidence = VerdictEvidence.from_json(verdict["evidence"] if isinstance(verdict["evidence"], dict) else {})
        if evidence.measurement_ids:
            card["measurements"] = _by_ids(
                engine, "measurements", list(evidence.measurement_ids), ("settings", "result", "environment")
            )
        if evidence.analysis_ids:
            card["analyses"] = _by_ids(
                engine, "analyses", list(evidence.analysis_ids), ("settings", "result", "unknown_config_keys")
            )
    return card


def _by_ids(engine: sa.Engine, table: str, ids: list[int], json_keys: tuple[str, ...]) -> list[dict]:
    params = {f"i{n}": i for n, i in enumerate(ids)}
    rows = _rows(
        engine, f"SELECT * FROM {table} WHERE id IN ({', '.join(':' + k for k in params)}) ORDER BY id", params
    )
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
