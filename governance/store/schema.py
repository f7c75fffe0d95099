"""The store's tables (SQLAlchemy Core). Migrations in `migrations/` create them.

Times are ISO 8601 strings in UTC: they sort, they read the same on SQLite and PostgreSQL,
and the audit hash covers exactly what is stored.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

datasets = sa.Table(
    "datasets",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("current_version", sa.Integer, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("organisation", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("holds_personal_data", sa.Boolean, nullable=False),
    sa.Column("search_text", sa.Text, nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
)

registration_versions = sa.Table(
    "registration_versions",
    metadata,
    sa.Column("dataset_id", sa.String(80), sa.ForeignKey("datasets.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("content_digest", sa.String(64), nullable=False),
    sa.Column("saved_at", sa.String(32), nullable=False),
    sa.Column("saved_by", sa.Text, nullable=False),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("entry_hash", sa.String(64), nullable=False),
)

audit_head = sa.Table(
    "audit_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("entry_hash", sa.String(64), nullable=False),
)

scans = sa.Table(
    "scans",
    metadata,
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
    sa.Index("ix_scans_dataset", "dataset_id", "id"),
)

validations = sa.Table(
    "validations",
    metadata,
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
    sa.Index("ix_validations_dataset", "dataset_id", "id"),
)

decisions = sa.Table(
    "decisions",
    metadata,
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
    sa.Index("ix_decisions_share", "dataset_id", "purpose", "recipient", "id"),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(120), primary_key=True),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),
)

credentials = sa.Table(
    "credentials",
    metadata,
    sa.Column("name", sa.String(120), sa.ForeignKey("users.name"), primary_key=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("set_at", sa.String(32), nullable=False),
    sa.Column("set_by", sa.Text, nullable=False),
)

assessments = sa.Table(
    "assessments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("datasets", sa.JSON, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),
)

assessment_events = sa.Table(
    "assessment_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), nullable=False),
    sa.Column("event", sa.JSON, nullable=False),
    sa.Index("ix_assessment_events", "assessment_id", "id"),
)
