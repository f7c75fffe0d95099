"""Alembic environment: always runs on the connection the store hands it (see db.migrate)."""

from __future__ import annotations

from alembic import context

from governance.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
