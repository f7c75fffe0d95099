"""What every reader returns: the data as an all-text Arrow table, plus where it came from.

All columns are text (`pa.string()`) whatever the format, so the PII scanner and the
quality checks see one shape: the scanner wants the raw spelling (a BSN that lost its
leading zero, a dotted BSN), and the schema contract decides types itself rather than
trusting a reader's guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from governance.domain.vocabulary import SourceFormat


@dataclass(frozen=True)
class LoadedTable:
    """A table read from a file or an SQL table.

    `table`: every column `pa.string()`, named exactly as in the source (no renaming, no
    stripping), nulls for empty cells. `rows` counts the data rows of the whole source,
    `rows_read` those in `table` (fewer when a sample was asked). `fingerprint` is the
    SHA-256 hex of the file bytes (for SQL see `sql_tables`). `encoding` and `delimiter`
    are what was detected for a CSV and None for other formats.
    """

    table: pa.Table
    path: str
    format: SourceFormat
    rows: int
    rows_read: int
    fingerprint: str
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def column_names(self) -> list[str]:
        return list(self.table.column_names)

    @property
    def is_sample(self) -> bool:
        return self.rows_read < self.rows
