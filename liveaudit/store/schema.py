"""The store's tables (SQLAlchemy Core). The Alembic migrations create exactly these.

History is append-only: a stage that runs again adds rows carrying its `run_id`
(and a `version` where a thing has versions) and never updates or deletes. The
`current_*` views pick the latest row of each thing; see `migrations/versions`.
Detail that varies by stage lives in JSON columns so a stage can grow without a
migration; anything filtered or joined on is a real column.

A change here needs a new migration; `tests/liveaudit/test_store.py` compares
the migrated database with these tables.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

JSON = sa.JSON().with_variant(sa.JSON(), "sqlite")


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _run_fk() -> sa.Column:
    return sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False, index=True)


runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("command", sa.String(64), nullable=False),
    sa.Column("args", JSON, nullable=False),
    sa.Column("versions", JSON, nullable=False),
    sa.Column("host", sa.String(255), nullable=False),
    sa.Column("user", sa.String(255), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    _ts("started_at"),
    _ts("finished_at", nullable=True),
    sa.Column("status", sa.String(16), nullable=False),  # running | finished | failed | interrupted
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("summary", JSON, nullable=True),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_key", sa.String(200), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("name", sa.String(300), nullable=True),
    sa.Column("config", JSON, nullable=False),
    _run_fk(),
    _ts("created_at"),
    sa.UniqueConstraint("source_key", "version"),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_key", sa.String(2048), nullable=False, index=True),  # canonical URL
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("url", sa.String(2048), nullable=False),
    sa.Column("source_key", sa.String(200), nullable=True, index=True),
    _ts("fetched_at"),
    sa.Column("http_status", sa.Integer, nullable=True),
    sa.Column("content_type", sa.String(200), nullable=True),
    sa.Column("content_sha256", sa.String(64), nullable=False, index=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("author", sa.Text, nullable=True),
    sa.Column("published_at", sa.String(32), nullable=True),  # ISO date as the page states it
    sa.Column("language", sa.String(16), nullable=True),
    sa.Column("text", sa.Text, nullable=True),
    sa.Column("extract_status", sa.String(32), nullable=False),  # extracted | not_extracted | empty
    sa.Column("warc_file", sa.String(1024), nullable=True),
    sa.Column("warc_record_id", sa.String(128), nullable=True),
    sa.Column("warc_offset", sa.BigInteger, nullable=True),
    sa.Column("meta", JSON, nullable=False),
    _run_fk(),
    sa.UniqueConstraint("doc_key", "version"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=True),
    sa.Column("end_char", sa.Integer, nullable=True),
    sa.Column("kind", sa.String(32), nullable=False),  # quantified | qualitative | comparative | aspirational | none
    sa.Column("kind_score", sa.Float, nullable=True),
    sa.Column("system", sa.String(200), nullable=True, index=True),
    sa.Column("terms", JSON, nullable=False),
    sa.Column("implied_level", sa.String(4), nullable=True),
    sa.Column("hedge", sa.String(64), nullable=True),
    sa.Column("figures", JSON, nullable=False),
    sa.Column("specificity", JSON, nullable=False),
    sa.Column("model_version", sa.String(128), nullable=False),
    _run_fk(),
    sa.Index("ix_claims_document_id_run_id", "document_id", "run_id"),  # current_claims (migration 0004)
)

systems = sa.Table(
    "systems",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("organisation", sa.String(200), nullable=True),
    sa.Column("open_weights", sa.Boolean, nullable=False),
    sa.Column("content_sha256", sa.String(64), nullable=False),
    sa.Column("spec", JSON, nullable=False),
    _run_fk(),
    sa.UniqueConstraint("name", "version"),
)

hardware = sa.Table(
    "hardware",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("content_sha256", sa.String(64), nullable=False),
    sa.Column("spec", JSON, nullable=False),
    _run_fk(),
    sa.UniqueConstraint("name", "version"),
)

analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("system", sa.String(200), nullable=False, index=True),
    sa.Column("settings", JSON, nullable=False),
    sa.Column("params", sa.BigInteger, nullable=True),
    sa.Column("flops_per_video_second", sa.Float, nullable=True),
    sa.Column("bytes_per_video_second", sa.Float, nullable=True),
    sa.Column("result", JSON, nullable=False),  # per stage counts, roofline bounds per GPU
    sa.Column("unknown_config_keys", JSON, nullable=False),
    _run_fk(),
    _ts("created_at"),
)

measurements = sa.Table(
    "measurements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("system", sa.String(200), nullable=False, index=True),
    sa.Column("hardware", sa.String(200), nullable=True, index=True),
    sa.Column("device", sa.String(32), nullable=False),
    sa.Column("settings", JSON, nullable=False),
    sa.Column("ttff_s", sa.Float, nullable=True),
    sa.Column("throughput_fps", sa.Float, nullable=True),
    sa.Column("rtf", sa.Float, nullable=True),
    sa.Column("level", sa.String(4), nullable=True),
    sa.Column("result", JSON, nullable=False),  # percentiles, chunk gaps, memory, FLOP/s
    sa.Column("environment", JSON, nullable=False),
    sa.Column("origin", sa.String(32), nullable=False),  # measured | shipped
    _run_fk(),
    _ts("created_at"),
)

verdicts = sa.Table(
    "verdicts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id"), nullable=False, index=True),
    sa.Column("verdict", sa.String(16), nullable=False),  # liveaudit.vocab.VERDICTS
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("implied_level", sa.String(4), nullable=True),
    sa.Column("measured_level", sa.String(4), nullable=True),
    sa.Column("confidence", sa.Float, nullable=True),
    sa.Column("evidence", JSON, nullable=False),  # figures compared, analysis/measurement ids
    sa.Column("rules_version", sa.String(64), nullable=False),
    _run_fk(),
    _ts("created_at"),
)

fetches = sa.Table(
    "fetches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.String(2048), nullable=False, index=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=True, index=True),
    _ts("fetched_at"),
    sa.Column("http_status", sa.Integer, nullable=True),
    sa.Column("outcome", sa.String(32), nullable=False),  # new_version | unchanged | error | skipped
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("content_sha256", sa.String(64), nullable=True),
    sa.Column("warc_file", sa.String(1024), nullable=True),
    sa.Column("warc_record_id", sa.String(128), nullable=True),
    sa.Column("warc_offset", sa.BigInteger, nullable=True),
    _run_fk(),
)

# The gap table: per system and GPU, the level its claims imply vs the level measured
# (and the roofline's "at best"); one snapshot per verdicts run (migration 0003).
level_gaps = sa.Table(
    "level_gaps",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("system", sa.String(200), nullable=False, index=True),
    sa.Column("hardware", sa.String(200), nullable=True, index=True),
    sa.Column("implied_level", sa.String(4), nullable=True),
    sa.Column("measured_level", sa.String(4), nullable=True),
    sa.Column("bound_level", sa.String(4), nullable=True),
    sa.Column("gap", sa.Integer, nullable=True),  # implied minus measured, in levels
    sa.Column("claims", sa.Integer, nullable=False),
    sa.Column("evidence", JSON, nullable=False),  # claim, measurement and analysis ids, level reasons
    sa.Column("rules_version", sa.String(64), nullable=False),
    _run_fk(),
    _ts("created_at"),
)

# Work queues (migration 0005): pending -> claimed -> done | failed. The one table whose
# rows change after they are written (bookkeeping about work, not history); see store/queue.py.
work_items = sa.Table(
    "work_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("queue", sa.String(64), nullable=False),  # classify | verdicts | measure | ...
    sa.Column("batch", sa.String(128), nullable=False),  # one round of work, e.g. a model version
    sa.Column("item_id", sa.BigInteger, nullable=False),  # documents.id, claims.id, ...
    sa.Column("state", sa.String(16), nullable=False),  # pending | claimed | done | failed
    sa.Column("worker", sa.String(255), nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False),
    _ts("claimed_at", nullable=True),
    _ts("finished_at", nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True, index=True),
    _ts("created_at"),
    sa.UniqueConstraint("queue", "batch", "item_id"),
    sa.Index("ix_work_items_queue_batch_state_id", "queue", "batch", "state", "id"),
)

# Evidence from others (migration e20_evidence): a `report` is a first-hand measurement someone
# other than the vendor posted (issue thread, forum, third-party benchmark page); an `audited`
# row is a result of an audited benchmark (MLPerf). Provenance as for claims: the document and
# its WARC record, the post's author and date, the run and the reader's version.
evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),  # report | audited
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("source_kind", sa.String(32), nullable=True),  # issue_thread | third_party | benchmark
    sa.Column("post_index", sa.Integer, nullable=True),
    sa.Column("sentence_index", sa.Integer, nullable=True),
    sa.Column("sentence", sa.Text, nullable=False),  # the sentence or the table row, as published
    sa.Column("system", sa.String(200), nullable=True, index=True),
    sa.Column("author", sa.String(200), nullable=True),  # handle as published; null: deleted account
    sa.Column("author_badge", sa.String(64), nullable=True),
    sa.Column("author_is_vendor", sa.Boolean, nullable=False),
    sa.Column("posted_at", sa.String(32), nullable=True),
    sa.Column("gpu", sa.String(64), nullable=True, index=True),
    sa.Column("gpu_count", sa.Integer, nullable=True),
    sa.Column("fps", sa.Float, nullable=True),  # stated, or frames / time when only those are stated
    sa.Column("latency_s", sa.Float, nullable=True),
    sa.Column("latency_type", sa.String(32), nullable=True),
    sa.Column("frames", sa.Integer, nullable=True),
    sa.Column("outcome", sa.String(16), nullable=True),  # oom | failed | retracted | anomalous | null
    sa.Column("figures", JSON, nullable=False),  # the normalized figures, fps_derived, gpu_from_post
    sa.Column("settings", JSON, nullable=False),  # precision, compile, attention, steps ...
    sa.Column("submitter", sa.String(200), nullable=True),  # audited rows
    sa.Column("scenario", sa.String(64), nullable=True),
    sa.Column("metric", sa.String(128), nullable=True),
    sa.Column("value", sa.Float, nullable=True),
    sa.Column("warc_file", sa.String(1024), nullable=True),
    sa.Column("warc_record_id", sa.String(128), nullable=True),
    sa.Column("warc_offset", sa.BigInteger, nullable=True),
    sa.Column("model_version", sa.String(128), nullable=False),
    _run_fk(),
    sa.Index("ix_evidence_document_id_run_id", "document_id", "run_id"),
)

# Classify outcomes (migration 0007_hostile): one row per document a classify run read, saying what the
# caps cut (CLASSIFY_MAX_CHARS, ...) or the error that stopped it (E605 over the time budget).
# A document with two error rows for a model version is skipped by later runs of that version.
# The reports step (classifier/reports.py) adds a row of model version "reports:<VERSION>" per
# thread or benchmark document it read, so a re-run never reads one twice.
classify_outcomes = sa.Table(
    "classify_outcomes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("model_version", sa.String(128), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # done | cut | error
    sa.Column("notes", JSON, nullable=False),  # what a cap cut, in words
    sa.Column("error", sa.Text, nullable=True),  # "error[E605]: ..." as the CLI shows it
    sa.Column("seconds", sa.Float, nullable=True),
    _run_fk(),
    _ts("created_at"),
    sa.Index("ix_classify_outcomes_document_version", "document_id", "model_version"),
)

TABLES = (
    "runs",
    "sources",
    "documents",
    "claims",
    "systems",
    "hardware",
    "analyses",
    "measurements",
    "verdicts",
    "fetches",
    "level_gaps",
    "work_items",
    "evidence",
    "classify_outcomes",
)
VIEWS = (
    "current_sources",
    "current_documents",
    "current_claims",
    "current_systems",
    "current_hardware",
    "current_verdicts",
    "current_level_gaps",
    "current_evidence",
)
