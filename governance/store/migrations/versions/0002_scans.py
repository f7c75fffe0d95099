"""PII scans of datasets: the report, the comparison with the declaration, the data's
fingerprint and the registration version they were made against.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset_id", sa.String(80), sa.ForeignKey("datasets.id"), nullable=False),
        sa.Column("registration_version", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("rows_scanned", sa.Integer, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.Column("comparison", sa.JSON, nullable=False),
        sa.Column("scanned_at", sa.String(32), nullable=False),
        sa.Column("scanned_by", sa.Text, nullable=False),
    )
    op.create_index("ix_scans_dataset", "scans", ["dataset_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_scans_dataset", "scans")
    op.drop_table("scans")
