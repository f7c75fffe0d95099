"""Small all-text tables and registrations for the typing and contract tests.

A test names its columns with their declared types and the cells as a file would spell
them; `loaded` wraps them the way a reader does (`LoadedTable` of `pa.string()` columns).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

from governance.domain.registration import Registration
from governance.domain.vocabulary import SourceFormat
from governance.sources import LoadedTable

Cells = Sequence[str | None]


def registration(columns: Sequence[Mapping[str, Any]] = ()) -> Registration:
    """A minimal valid registration with these column declarations."""
    return Registration.model_validate(
        {
            "id": "test-data",
            "title": "Testdata",
            "description": "Tabel voor de tests",
            "organisation": "Gemeente Rivierstad",
            "source": {"system": "test", "format": "csv", "location": "test.csv"},
            "purposes": [{"id": "test", "description": "testen"}],
            "columns": list(columns),
        }
    )


def declared(**types: str) -> Registration:
    """A registration declaring each keyword as a column of that type (nullable, not unique)."""
    return registration([{"name": name, "type": kind} for name, kind in types.items()])


def loaded(
    columns: Mapping[str, Cells],
    *,
    delimiter: str | None = ";",
    source_format: SourceFormat = SourceFormat.CSV,
    rows: int | None = None,
) -> LoadedTable:
    """The cells as a reader returns them; `rows` larger than the cells makes a sample."""
    table = pa.table({name: pa.array(list(cells), pa.string()) for name, cells in columns.items()})
    is_csv = source_format is SourceFormat.CSV
    return LoadedTable(
        table=table,
        path="test.csv",
        format=source_format,
        rows=table.num_rows if rows is None else rows,
        rows_read=table.num_rows,
        fingerprint="0" * 64,
        encoding="cp1252" if is_csv else None,
        delimiter=delimiter if is_csv else None,
    )
