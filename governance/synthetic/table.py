"""A generated table: ordered, typed columns and rows, before any file format is chosen.

Row makers fill Python values (str, int, Decimal, bool, date, datetime, None); writers
decide how each type is spelled in a file. Keeping the two apart lets the same rows be
written as a cp1252 CSV with decimal commas or as typed Parquet without the row makers
knowing. A string in a typed column is a deliberate flaw ('NULL', a dotted BSN).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from governance.domain.vocabulary import ColumnType

Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    columns: tuple[tuple[str, ColumnType], ...]
    rows: list[Row]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def records(self) -> Iterator[tuple[Any, ...]]:
        """Each row as a tuple in column order; a row missing a column gives None there.

        A key that is not a column is a typo in a row maker: it raises rather than vanish.
        """
        names = self.names
        known = set(names)
        for row in self.rows:
            if not known.issuperset(row):
                unknown = sorted(set(row) - known)
                raise ValueError(f"row has keys that are not columns: {', '.join(unknown)}")
            yield tuple(row.get(name) for name in names)
