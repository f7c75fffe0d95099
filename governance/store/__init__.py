"""Persistence: SQLAlchemy tables, Alembic migrations, repositories and the audit chain."""
