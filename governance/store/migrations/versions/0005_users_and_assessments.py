"""Users with their roles, and assessments (pre-scan, DPIA, IAMA, DEDA) as append-only
events: every answer, comment, advice and decision is one immutable, audited row.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(120), primary_key=True),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("datasets", sa.JSON, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
    )
    op.create_table(
        "assessment_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), nullable=False),
        sa.Column("event", sa.JSON, nullable=False),
    )
    op.create_index("ix_assessment_events", "assessment_events", ["assessment_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_assessment_events", "assessment_events")
    op.drop_table("assessment_events")
    op.drop_table("assessments")
    op.drop_table("users")
