"""Quality runs: the schema contract and the expectation suite's outcomes, with the data's
fingerprint and the registration version they ran against.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "validations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset_id", sa.String(80), sa.ForeignKey("datasets.id"), nullable=False),
        sa.Column("registration_version", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("validated_at", sa.String(32), nullable=False),
        sa.Column("validated_by", sa.Text, nullable=False),
    )
    op.create_index("ix_validations_dataset", "validations", ["dataset_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_validations_dataset", "validations")
    op.drop_table("validations")
