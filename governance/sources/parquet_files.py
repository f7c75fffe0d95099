"""Reading a Parquet file into an all-text Arrow table.

Parquet is typed, and each column is cast to text in Arrow (`text_values.column_text`):
dates as ISO 8601, integers as digits - an integer column of BSNs that lost the leading
zero stays 8 digits; recognising that is the scanner's job, not the reader's. Nulls stay
null and empty strings stay empty strings (Parquet, unlike CSV, tells the two apart).

The row count comes from the footer, so a sample reads only the first row groups it
needs and never the rest of the file.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from governance.domain.vocabulary import SourceFormat
from governance.sources.columns import check_column_names
from governance.sources.errors import UnreadableDataError
from governance.sources.fingerprint import fingerprint_file
from governance.sources.loaded import LoadedTable
from governance.sources.text_values import column_text

_FIX = "write the Parquet file again (the export may have been cut off)"


def read_parquet(path: Path, source: str, *, sample: int | None = None) -> LoadedTable:
    fingerprint = fingerprint_file(path)
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise UnreadableDataError(
            source, f"is not a readable Parquet file ({_reason(error)})", _FIX
        ) from None
    with parquet:
        names = parquet.schema_arrow.names
        check_column_names(source, names, where="the Parquet schema")
        rows = parquet.metadata.num_rows
        try:
            typed = _read(parquet, sample)
        except (pa.ArrowException, OSError) as error:
            raise UnreadableDataError(
                source, f"has damaged data pages ({_reason(error)})", _FIX
            ) from None
    table = pa.Table.from_arrays(
        [column_text(column) for column in typed.columns],
        schema=pa.schema([pa.field(name, pa.string()) for name in names]),
    )
    return LoadedTable(
        table=table,
        path=source,
        format=SourceFormat.PARQUET,
        rows=rows,
        rows_read=table.num_rows,
        fingerprint=fingerprint,
    )


def _read(parquet: pq.ParquetFile, sample: int | None) -> pa.Table:
    if sample is None:
        return parquet.read(use_threads=True)
    groups: list[int] = []
    covered = 0
    for index in range(parquet.num_row_groups):
        if covered >= sample:
            break
        groups.append(index)
        covered += parquet.metadata.row_group(index).num_rows
    if not groups:
        return parquet.schema_arrow.empty_table()
    return parquet.read_row_groups(groups, use_threads=True).slice(0, sample)


def _reason(error: Exception) -> str:
    """A short, content-free reason: the first sentence of Arrow's message about the file."""
    text = str(error).split(". ")[0].split("\n")[0]
    if any(word in text.lower() for word in ("magic", "size", "footer", "metadata", "thrift")):
        return text[:120]
    return type(error).__name__
