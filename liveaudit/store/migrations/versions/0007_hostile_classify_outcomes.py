"""Schema 7: classify outcomes, one row per document a classify run read: what the caps cut
(CLASSIFY_MAX_CHARS, CLASSIFY_MAX_SENTENCES, CLASSIFY_MAX_SENTENCE_CHARS) or the error that
stopped it (E605, over CLASSIFY_DOCUMENT_BUDGET_S). Rows are appended, never changed; a
document with two error rows for a model version is skipped by later runs of that version.

Revision ID: 0007_hostile
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_hostile"
down_revision = "e20_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "classify_outcomes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("model_version", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("seconds", sa.Float, nullable=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_classify_outcomes_run_id", "classify_outcomes", ["run_id"])
    op.create_index("ix_classify_outcomes_document_version", "classify_outcomes", ["document_id", "model_version"])


def downgrade() -> None:
    op.drop_index("ix_classify_outcomes_document_version", table_name="classify_outcomes")
    op.drop_index("ix_classify_outcomes_run_id", table_name="classify_outcomes")
    op.drop_table("classify_outcomes")
