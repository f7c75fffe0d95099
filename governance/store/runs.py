"""What scans and quality runs share: finding the newest run on exactly the given data."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def newest_on_data(
    connection: Connection,
    table: sa.Table,
    payload: str,
    dataset_id: str,
    registration_version: int,
    fingerprint: str,
) -> tuple[int, dict[str, Any]] | None:
    """The id and `payload` column of the newest run of `table` on this data and version.

    Both the version and the fingerprint must match: a scan's comparison and a quality
    run's contract depend on the registration as much as on the data."""
    query = sa.select(table.c.id, table.c[payload]).where(
        table.c.dataset_id == dataset_id,
        table.c.registration_version == registration_version,
        table.c.fingerprint == fingerprint,
    )
    row = connection.execute(query.order_by(table.c.id.desc()).limit(1)).first()
    return (row[0], dict(row[1])) if row is not None else None
