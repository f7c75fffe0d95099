"""What the registration form reads besides a whole registration: the datasets to choose
from (id and title, without validating a thousand documents) and whether an id is taken."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.store.schema import datasets


def titles(connection: Connection) -> list[tuple[str, str]]:
    """Every dataset's id and current title, by id."""
    rows = connection.execute(sa.select(datasets.c.id, datasets.c.title).order_by(datasets.c.id))
    return [(row.id, row.title) for row in rows]


def current_version(connection: Connection, dataset_id: str) -> int | None:
    """The dataset's current version, or None when no dataset has this id."""
    return connection.execute(
        sa.select(datasets.c.current_version).where(datasets.c.id == dataset_id)
    ).scalar_one_or_none()
