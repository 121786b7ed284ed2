"""Schema 1: the nine tables of the design (runs, sources, documents, claims, systems,
hardware, analyses, measurements, verdicts).

Migrations are frozen: they spell out their columns instead of importing schema.py,
so an old store always upgrades through the same steps.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def run_fk():
    return sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("command", sa.String(64), nullable=False),
        sa.Column("args", sa.JSON, nullable=False),
        sa.Column("versions", sa.JSON, nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("summary", sa.JSON, nullable=True),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_key", sa.String(200), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name", sa.String(300), nullable=True),
        sa.Column("config", sa.JSON, nullable=False),
        run_fk(),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("source_key", "version"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_key", sa.String(2048), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("source_key", sa.String(200), nullable=True, index=True),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("http_status", sa.Integer, nullable=True),
        sa.Column("content_type", sa.String(200), nullable=True),
        sa.Column("content_sha256", sa.String(64), nullable=False, index=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("author", sa.Text, nullable=True),
        sa.Column("published_at", sa.String(32), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("extract_status", sa.String(32), nullable=False),
        sa.Column("warc_file", sa.String(1024), nullable=True),
        sa.Column("warc_record_id", sa.String(128), nullable=True),
        sa.Column("warc_offset", sa.BigInteger, nullable=True),
        sa.Column("meta", sa.JSON, nullable=False),
        run_fk(),
        sa.UniqueConstraint("doc_key", "version"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=True),
        sa.Column("end_char", sa.Integer, nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("kind_score", sa.Float, nullable=True),
        sa.Column("system", sa.String(200), nullable=True, index=True),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("implied_level", sa.String(4), nullable=True),
        sa.Column("hedge", sa.String(64), nullable=True),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("specificity", sa.JSON, nullable=False),
        sa.Column("model_version", sa.String(128), nullable=False),
        run_fk(),
    )
    for name in ("systems", "hardware"):
        extra = (
            [
                sa.Column("organisation", sa.String(200), nullable=True),
                sa.Column("open_weights", sa.Boolean, nullable=False),
            ]
            if name == "systems"
            else []
        )
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String(200), nullable=False, index=True),
            sa.Column("version", sa.Integer, nullable=False),
            *extra,
            sa.Column("content_sha256", sa.String(64), nullable=False),
            sa.Column("spec", sa.JSON, nullable=False),
            run_fk(),
            sa.UniqueConstraint("name", "version"),
        )
    op.create_table(
        "analyses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("system", sa.String(200), nullable=False, index=True),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("params", sa.BigInteger, nullable=True),
        sa.Column("flops_per_video_second", sa.Float, nullable=True),
        sa.Column("bytes_per_video_second", sa.Float, nullable=True),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("unknown_config_keys", sa.JSON, nullable=False),
        run_fk(),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "measurements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("system", sa.String(200), nullable=False, index=True),
        sa.Column("hardware", sa.String(200), nullable=True, index=True),
        sa.Column("device", sa.String(32), nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("ttff_s", sa.Float, nullable=True),
        sa.Column("throughput_fps", sa.Float, nullable=True),
        sa.Column("rtf", sa.Float, nullable=True),
        sa.Column("level", sa.String(4), nullable=True),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("environment", sa.JSON, nullable=False),
        sa.Column("origin", sa.String(32), nullable=False),
        run_fk(),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id"), nullable=False, index=True),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("implied_level", sa.String(4), nullable=True),
        sa.Column("measured_level", sa.String(4), nullable=True),
        sa.Column("confidence", sa.Float, nullable=True),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("rules_version", sa.String(64), nullable=False),
        run_fk(),
        sa.Column("created_at", TS, nullable=False),
    )


def downgrade() -> None:
    for name in (
        "verdicts",
        "measurements",
        "analyses",
        "hardware",
        "systems",
        "claims",
        "documents",
        "sources",
        "runs",
    ):
        op.drop_table(name)
