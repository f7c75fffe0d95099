"""Passwords of local accounts, as argon2 hashes, apart from the roles: a person signed in
through the municipality's identity provider (OpenID Connect) has roles and no password.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credentials",
        sa.Column("name", sa.String(120), sa.ForeignKey("users.name"), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("set_at", sa.String(32), nullable=False),
        sa.Column("set_by", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("credentials")
