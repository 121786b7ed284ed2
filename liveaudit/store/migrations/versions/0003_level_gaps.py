"""Schema 3: the gap table (implied vs measured liveness level per system and GPU),
written by `liveaudit verdicts` as one snapshot per run, and its current view.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The snapshot of the newest verdicts run that wrote one.
VIEWS = {
    "current_level_gaps": """
        SELECT g.* FROM level_gaps g
        WHERE g.run_id = (SELECT MAX(g2.run_id) FROM level_gaps g2)""",
}


def upgrade() -> None:
    op.create_table(
        "level_gaps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("system", sa.String(200), nullable=False, index=True),
        sa.Column("hardware", sa.String(200), nullable=True, index=True),
        sa.Column("implied_level", sa.String(4), nullable=True),
        sa.Column("measured_level", sa.String(4), nullable=True),
        sa.Column("bound_level", sa.String(4), nullable=True),
        sa.Column("gap", sa.Integer, nullable=True),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("rules_version", sa.String(64), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW {name}")
    op.drop_table("level_gaps")
