"""Gate decisions: one immutable record per gate run, with every rule's result, the
registration version, data fingerprint and DPIA state it was made on.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset_id", sa.String(80), sa.ForeignKey("datasets.id"), nullable=False),
        sa.Column("registration_version", sa.Integer, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("registered_source", sa.Boolean, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("valid_until", sa.String(10), nullable=False),
        sa.Column("decision", sa.JSON, nullable=False),
        sa.Column("decided_at", sa.String(32), nullable=False),
        sa.Column("decided_by", sa.Text, nullable=False),
    )
    op.create_index("ix_decisions_share", "decisions", ["dataset_id", "purpose", "recipient", "id"])


def downgrade() -> None:
    op.drop_index("ix_decisions_share", "decisions")
    op.drop_table("decisions")
