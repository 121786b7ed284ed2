"""Schema 6: evidence from others (users' reports in threads, audited benchmark results) and
the `current_evidence` view (the newest reading of each current document).

Revision ID: e20_evidence
"""

import sqlalchemy as sa
from alembic import op

revision = "e20_evidence"
down_revision = "0005"
branch_labels = None
depends_on = None

CURRENT_EVIDENCE = """
    SELECT e.* FROM evidence e
    JOIN current_documents d ON d.id = e.document_id
    WHERE e.run_id = (SELECT MAX(e2.run_id) FROM evidence e2 WHERE e2.document_id = e.document_id)"""


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("source_kind", sa.String(32), nullable=True),
        sa.Column("post_index", sa.Integer, nullable=True),
        sa.Column("sentence_index", sa.Integer, nullable=True),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("system", sa.String(200), nullable=True, index=True),
        sa.Column("author", sa.String(200), nullable=True),
        sa.Column("author_badge", sa.String(64), nullable=True),
        sa.Column("author_is_vendor", sa.Boolean, nullable=False),
        sa.Column("posted_at", sa.String(32), nullable=True),
        sa.Column("gpu", sa.String(64), nullable=True, index=True),
        sa.Column("gpu_count", sa.Integer, nullable=True),
        sa.Column("fps", sa.Float, nullable=True),
        sa.Column("latency_s", sa.Float, nullable=True),
        sa.Column("latency_type", sa.String(32), nullable=True),
        sa.Column("frames", sa.Integer, nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("submitter", sa.String(200), nullable=True),
        sa.Column("scenario", sa.String(64), nullable=True),
        sa.Column("metric", sa.String(128), nullable=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("warc_file", sa.String(1024), nullable=True),
        sa.Column("warc_record_id", sa.String(128), nullable=True),
        sa.Column("warc_offset", sa.BigInteger, nullable=True),
        sa.Column("model_version", sa.String(128), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False, index=True),
    )
    op.create_index("ix_evidence_document_id_run_id", "evidence", ["document_id", "run_id"])
    op.execute(f"CREATE VIEW current_evidence AS {CURRENT_EVIDENCE}")


def downgrade() -> None:
    op.execute("DROP VIEW current_evidence")
    op.drop_index("ix_evidence_document_id_run_id", "evidence")
    op.drop_table("evidence")
