"""The exported columns: one flat row per current claim, and the data dictionary.

Every format (CSV, Parquet, JSON Lines, the Croissant dataset) carries exactly these
columns in this order, with the same values, so a dataset user reads one dictionary.
A row joins a claim (from `current_claims`) with its document version, its current
verdict and the measurement and analysis the verdict rests on. `claims_query` selects
the stored columns (the `RAW` names: JSON fields as text); `publish/export/arrow.py`
turns each batch into Arrow columns, parsing the figures and the verdict's evidence with
Arrow's JSON reader and joining the measurement by id, so there is no per-row Python.

Types: `integer`, `float`, `string`, `datetime` (a UTC timestamp; ISO 8601 "Z" text in
CSV and JSON Lines), `json` (JSON text, kept as the store holds it); the Arrow/Parquet
type of each is in `arrow.ARROW_TYPES`, and the data dictionary is generated from the
Parquet schema. To add a column: append a `Column` below with its description;
`tests/publish/export/test_columns.py` checks each has one.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from liveaudit.store import Store, schema


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # integer | float | string | datetime | json
    description: str
    group: str  # claim | figures | document | verdict | measurement | analysis


# (name, type, JSON key in claims.figures) for the figure columns; the contract's keys.
FIGURES = (
    ("fps", "float", "frames per second stated"),
    ("fps_max", "float", "upper end of a stated fps range"),
    ("latency_s", "float", "latency stated, in seconds"),
    ("latency_type", "string", "which latency: first_frame, per_frame, per_chunk or end_to_end"),
    ("compute_s_per_video_s", "float", "seconds of compute per second of video stated"),
    ("width", "integer", "frame width stated, in pixels"),
    ("height", "integer", "frame height stated, in pixels"),
    ("duration_s", "float", "clip duration stated, in seconds"),
    ("gpu", "string", "GPU stated (canonical name; a bare 'H100' is read as 'H100 SXM')"),
    ("gpu_count", "integer", "number of GPUs stated"),
    ("steps", "integer", "denoising steps stated"),
    ("speedup", "float", "speed-up factor stated"),
    ("speedup_baseline", "string", "what the speed-up is measured against"),
)

COLUMNS: tuple[Column, ...] = (
    Column(
        "claim_id", "integer", "Id of the claim row in the store (claims.id); cite it to refer to the claim.", "claim"
    ),
    Column(
        "claim_sentence", "string", "The sentence as it appears in the document: the claim, quoted verbatim.", "claim"
    ),
    Column(
        "claim_kind",
        "string",
        "quantified, qualitative, comparative or aspirational (the classifier's label).",
        "claim",
    ),
    Column("claim_kind_score", "float", "The classifier's probability for that label (0-1).", "claim"),
    Column(
        "system",
        "string",
        "The AI video system the claim is about (canonical registry name); empty when unresolved.",
        "claim",
    ),
    Column("terms", "json", "Liveness terms found in the sentence (JSON array of canonical lexicon terms).", "claim"),
    Column(
        "implied_level", "string", "Liveness level L1-L4 the wording implies (the highest any term implies).", "claim"
    ),
    Column(
        "hedge", "string", "Hedge qualifying the figure ('up to', 'about', 'at least', ...); empty when none.", "claim"
    ),
    *(
        Column(f"figure_{key}", typ, f"Figure normalised from the sentence: {text}; empty when not stated.", "figures")
        for key, typ, text in FIGURES
    ),
    Column(
        "specificity_score",
        "float",
        "Fraction (0-1) of the conditions a number needs that the claim states "
        "(hardware, resolution, duration, steps, metric).",
        "claim",
    ),
    Column("model_version", "string", "Version of the classifier model that tagged the claim.", "claim"),
    Column("document_id", "integer", "Id of the document version the claim was read from (documents.id).", "document"),
    Column("document_version", "integer", "Version of the page (a changed page gets a new version).", "document"),
    Column(
        "url",
        "string",
        "URL of the page the claim appears on (file:// for a local file given to `liveaudit check`).",
        "document",
    ),
    Column(
        "page_origin",
        "string",
        "web (crawled from its URL), fixture (the offline fixture site on 127.0.0.1: pages that "
        "paraphrase public sources, for demos and tests), fixture_test (a fixture page that breaks rules on purpose: "
        "script-injection probe, malformed HTML, wrong charset) or local_file.",
        "document",
    ),
    Column("source_key", "string", "Key of the source (data/sources.yaml) the page was crawled for.", "document"),
    Column("title", "string", "Title of the page, as extracted from its HTML.", "document"),
    Column(
        "published_at", "string", "Publication date as the page states it (ISO date), when it states one.", "document"
    ),
    Column("fetched_at", "datetime", "When the page was fetched (UTC).", "document"),
    Column("http_status", "integer", "HTTP status of the fetch.", "document"),
    Column("content_sha256", "string", "SHA-256 of the fetched response body: the page as archived.", "document"),
    Column("warc_file", "string", "WARC file holding the archived HTTP exchange (the evidence).", "document"),
    Column("warc_record_id", "string", "WARC-Record-ID of the archived response in that file.", "document"),
    Column("warc_offset", "integer", "Byte offset of that record in the WARC file.", "document"),
    Column(
        "verdict_id",
        "integer",
        "Id of the current verdict row (verdicts.id); empty when the claim was not judged yet.",
        "verdict",
    ),
    Column("verdict", "string", "supported, contradicted, disputed, implausible, unverifiable or untested.", "verdict"),
    Column("verdict_reason", "string", "Plain-language reason for the verdict, quotable as is.", "verdict"),
    Column("measured_level", "string", "Liveness level L0-L4 the measurement behind the verdict reached.", "verdict"),
    Column("verdict_confidence", "float", "Confidence of the verdict rules in the verdict (0-1).", "verdict"),
    Column(
        "rules_version", "string", "Version of the verdict rules (with a hash of the level thresholds file).", "verdict"
    ),
    Column("verdict_created_at", "datetime", "When the verdict was made (UTC).", "verdict"),
    Column(
        "verdict_evidence",
        "json",
        "The verdict's evidence: figures compared, measurement and analysis ids (JSON).",
        "verdict",
    ),
    Column(
        "measurement_id",
        "integer",
        "Id of the measurement the verdict rests on (measurements.id): the first one its evidence names.",
        "measurement",
    ),
    Column("measurement_hardware", "string", "GPU (or 'cpu') that measurement ran on.", "measurement"),
    Column(
        "measurement_mode",
        "string",
        "eager, compiled or cuda_graphs: how the sampling schedule was run.",
        "measurement",
    ),
    Column("measurement_ttff_s", "float", "Measured time to first frame, in seconds.", "measurement"),
    Column(
        "measurement_throughput_fps", "float", "Measured sustained throughput, in frames per second.", "measurement"
    ),
    Column(
        "measurement_rtf",
        "float",
        "Measured real-time factor: wall time / clip duration (<= 1 is faster than real time).",
        "measurement",
    ),
    Column(
        "measurement_origin",
        "string",
        "measured (timed in this store's runs) or shipped (timings shipped with liveaudit).",
        "measurement",
    ),
    Column(
        "analysis_id",
        "integer",
        "Id of the meta-device analysis (roofline bounds) the verdict rests on (analyses.id).",
        "analysis",
    ),
    Column(
        "bound_level",
        "string",
        "Best liveness level L0-L4 the system can reach on the GPU the claim names (the roofline "
        "bound of liveaudit.levels.best_level, as in the gap table); empty when the claim names no GPU or none is analysed.",
        "analysis",
    ),
)

NAMES = tuple(c.name for c in COLUMNS)


def _datetime(expr: sa.ColumnElement, dialect: str) -> sa.ColumnElement:
    """On SQLite, the stored text to the second ('2026-11-01 12:00:00'), which Arrow parses as a
    batch; other databases return datetimes, which Arrow takes as they are."""
    if dialect != "sqlite":
        return expr
    return sa.func.substr(sa.cast(expr, sa.Text), 1, 19)


DERIVED = {name for name in NAMES if name.startswith(("figure_", "measurement_"))} | {"analysis_id", "page_origin"}
RAW = tuple(n for n in NAMES if n not in DERIVED) + ("figures_json",)


def claims_query(store: Store) -> sa.Select:
    """SELECT of the RAW columns, one row per current claim, ordered by claim id (deterministic)."""
    dialect = store.dialect
    c = store.table("current_claims")
    g = store.table("current_level_gaps")  # bound_level: the one best-level function's, stored per system and GPU
    d, v = schema.documents, schema.verdicts
    v2 = schema.verdicts.alias("v2")
    newest_verdict = sa.select(sa.func.max(v2.c.id)).where(v2.c.claim_id == c.c.id).scalar_subquery()
    select = [
        c.c.id.label("claim_id"),
        c.c.sentence.label("claim_sentence"),
        c.c.kind.label("claim_kind"),
        c.c.kind_score.label("claim_kind_score"),
        c.c.system,
        sa.cast(c.c.terms, sa.Text).label("terms"),
        c.c.implied_level,
        c.c.hedge,
        c.c.specificity["score"].as_float().label("specificity_score"),
        c.c.model_version,
        d.c.id.label("document_id"),
        d.c.version.label("document_version"),
        d.c.url,
        d.c.source_key,
        d.c.title,
        d.c.published_at,
        _datetime(d.c.fetched_at, dialect).label("fetched_at"),
        d.c.http_status,
        d.c.content_sha256,
        d.c.warc_file,
        d.c.warc_record_id,
        d.c.warc_offset,
        v.c.id.label("verdict_id"),
        v.c.verdict,
        v.c.reason.label("verdict_reason"),
        v.c.measured_level,
        v.c.confidence.label("verdict_confidence"),
        v.c.rules_version,
        _datetime(v.c.created_at, dialect).label("verdict_created_at"),
        sa.cast(v.c.evidence, sa.Text).label("verdict_evidence"),
        sa.select(g.c.bound_level)
        .where(g.c.system == c.c.system, g.c.hardware == c.c.figures["gpu"].as_string())
        .limit(1)
        .scalar_subquery()
        .label("bound_level"),
        sa.cast(c.c.figures, sa.Text).label("figures_json"),
    ]
    assert [e.name for e in select] == list(RAW), "claims_query and COLUMNS disagree"
    return (
        sa.select(*select)
        .select_from(c)
        .join(d, d.c.id == c.c.document_id)
        .outerjoin(v, v.c.id == newest_verdict)
        .order_by(c.c.id)
    )
