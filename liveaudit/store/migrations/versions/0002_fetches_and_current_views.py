"""Schema 2: the fetch log (every fetch, including unchanged pages and errors) and the
`current_*` views that pick the latest row of each versioned thing.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Latest version per key; the same SQL runs on SQLite and PostgreSQL.
VIEWS = {
    "current_sources": """
        SELECT s.* FROM sources s
        WHERE s.version = (SELECT MAX(s2.version) FROM sources s2 WHERE s2.source_key = s.source_key)""",
    "current_documents": """
        SELECT d.* FROM documents d
        WHERE d.version = (SELECT MAX(d2.version) FROM documents d2 WHERE d2.doc_key = d.doc_key)""",
    "current_systems": """
        SELECT s.* FROM systems s
        WHERE s.version = (SELECT MAX(s2.version) FROM systems s2 WHERE s2.name = s.name)""",
    "current_hardware": """
        SELECT h.* FROM hardware h
        WHERE h.version = (SELECT MAX(h2.version) FROM hardware h2 WHERE h2.name = h.name)""",
    # The claims of the newest classify run over each current document version.
    "current_claims": """
        SELECT c.* FROM claims c
        JOIN current_documents d ON d.id = c.document_id
        WHERE c.run_id = (SELECT MAX(c2.run_id) FROM claims c2 WHERE c2.document_id = c.document_id)""",
    # The newest verdict of each current claim.
    "current_verdicts": """
        SELECT v.* FROM verdicts v
        JOIN current_claims c ON c.id = v.claim_id
        WHERE v.id = (SELECT MAX(v2.id) FROM verdicts v2 WHERE v2.claim_id = v.claim_id)""",
}


def upgrade() -> None:
    op.create_table(
        "fetches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2048), nullable=False, index=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=True, index=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("http_status", sa.Integer, nullable=True),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("content_sha256", sa.String(64), nullable=True),
        sa.Column("warc_file", sa.String(1024), nullable=True),
        sa.Column("warc_record_id", sa.String(128), nullable=True),
        sa.Column("warc_offset", sa.BigInteger, nullable=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False, index=True),
    )
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW {name}")
    op.drop_table("fetches")
