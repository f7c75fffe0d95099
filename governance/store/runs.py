"""What scans and quality runs share: finding the runs on exactly the given data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def on_data(
    connection: Connection,
    table: sa.Table,
    payload: str,
    dataset_id: str,
    registration_version: int,
    fingerprint: str,
    *conditions: sa.ColumnElement[bool],
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The id and `payload` of each run of `table` on this data and version, newest first.

    Both the version and the fingerprint must match: a scan's comparison and a quality
    run's contract depend on the registration as much as on the data."""
    query = sa.select(table.c.id, table.c[payload]).where(
        table.c.dataset_id == dataset_id,
        table.c.registration_version == registration_version,
        table.c.fingerprint == fingerprint,
        *conditions,
    )
    for row in connection.execute(query.order_by(table.c.id.desc())):
        yield row[0], dict(row[1])
