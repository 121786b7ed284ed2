"""Schema 5: work queues (documents to classify, claims to judge, systems to measure), so
several workers on several machines share one stage's work.

A queue row is the one kind of row that changes after it is written (pending -> claimed ->
done | failed): it is bookkeeping about work, not history. Rows are unique per
(queue, batch, item_id); a batch names one round of work (e.g. a model version), so a new
round queues every item again without touching the old round's rows.

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("queue", sa.String(64), nullable=False),
        sa.Column("batch", sa.String(128), nullable=False),
        sa.Column("item_id", sa.BigInteger, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("worker", sa.String(255), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("queue", "batch", "item_id"),
    )
    op.create_index("ix_work_items_queue_batch_state_id", "work_items", ["queue", "batch", "state", "id"])


def downgrade() -> None:
    op.drop_index("ix_work_items_queue_batch_state_id", table_name="work_items")
    op.drop_table("work_items")
