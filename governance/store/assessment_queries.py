"""Light reads for the assessment screens: what a form offers to choose from, in one query
instead of a registration document per dataset."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.store.schema import datasets


@dataclass(frozen=True)
class DatasetChoice:
    id: str
    title: str
    organisation: str


def dataset_choices(connection: Connection) -> list[DatasetChoice]:
    """Every registered dataset by id, with the title and organisation a person picks by."""
    query = sa.select(datasets.c.id, datasets.c.title, datasets.c.organisation).order_by(
        datasets.c.id
    )
    return [DatasetChoice(*row) for row in connection.execute(query)]
