"""Reading data - a CSV, XLSX or Parquet file, or an SQL table - into an all-text Arrow table.

The PII scanner and the quality checks both read data through here, so they see the same
thing: every column as `pa.string()` with the header names exactly as in the source,
nulls for empty cells, plus the row count and a fingerprint of the data (`LoadedTable`).
What cannot be read raises `UnreadableDataError` (exit 2) with the source, what is wrong
and the fix - never a traceback and never a cell value.

    loaded = read_table("wmo-wachtlijst.csv")                 # whole file
    loaded = read_table("inhuur.xlsx", sheet="Inhuur", sample=1000)
    loaded = read_sql_table("postgresql+psycopg://…/db", "wmo_wachtlijst")
"""

from __future__ import annotations

from pathlib import Path

from governance.domain.vocabulary import SourceFormat
from governance.errors import BadInputError
from governance.sources.csv_files import read_csv
from governance.sources.csv_sniffing import DELIMITERS as CSV_DELIMITERS
from governance.sources.csv_sniffing import ENCODINGS as CSV_ENCODINGS
from governance.sources.errors import UnreadableDataError
from governance.sources.fingerprint import fingerprint_file
from governance.sources.loaded import LoadedTable
from governance.sources.parquet_files import read_parquet
from governance.sources.paths import FORMATS_BY_SUFFIX, check_data_file, empty_file, format_of

__all__ = [
    "CSV_DELIMITERS",
    "CSV_ENCODINGS",
    "FORMATS_BY_SUFFIX",
    "LoadedTable",
    "UnreadableDataError",
    "fingerprint_file",
    "read_sql_table",
    "read_table",
]


def read_sql_table(url: str, table: str, *, sample: int | None = None) -> LoadedTable:
    """Read an SQL table (see `sql_tables.read_sql_table`); SQLAlchemy loads only here,
    so reading a file does not pay for it."""
    from governance.sources import sql_tables

    return sql_tables.read_sql_table(url, table, sample=sample)


def read_table(
    path: Path | str,
    *,
    sample: int | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> LoadedTable:
    """Read a data file, choosing the reader by its suffix (see `FORMATS_BY_SUFFIX`).

    `sample=N` reads only the first N data rows (`rows` still counts the whole file);
    `sheet` picks the worksheet of an XLSX workbook with several. For a CSV, `encoding`
    (one of `CSV_ENCODINGS`) and `delimiter` (one of `CSV_DELIMITERS`) replace detection,
    for a registration that names its parsing options; None detects.
    """
    source = str(path)
    path = Path(path)
    if sample is not None and sample < 0:
        raise BadInputError(f"sample must be 0 or more rows, not {sample}")
    size = check_data_file(path, source)
    kind = format_of(path, source)
    if sheet is not None and kind is not SourceFormat.XLSX:
        raise UnreadableDataError(
            source,
            f"is a {kind.value.upper()} file and has no sheets",
            "pass --sheet only for an .xlsx workbook",
        )
    _check_csv_options(source, kind, encoding, delimiter)
    if size == 0:
        raise empty_file(source, kind)
    try:
        if kind is SourceFormat.CSV:
            return read_csv(path, source, sample=sample, encoding=encoding, delimiter=delimiter)
        if kind is SourceFormat.XLSX:
            from governance.sources.xlsx_files import read_xlsx  # openpyxl only when needed

            return read_xlsx(path, source, sample=sample, sheet=sheet)
        return read_parquet(path, source, sample=sample)
    except OSError as error:
        # The file vanished or became unreadable while we read it.
        raise UnreadableDataError(
            source,
            f"could not be read ({error.strerror or type(error).__name__})",
            "check the file and try again",
        ) from None


def _check_csv_options(
    source: str, kind: SourceFormat, encoding: str | None, delimiter: str | None
) -> None:
    if encoding is None and delimiter is None:
        return
    if kind is not SourceFormat.CSV:
        raise UnreadableDataError(
            source,
            f"is a {kind.value.upper()} file, which has no encoding or delimiter to choose",
            "name an encoding or delimiter only for a CSV file",
        )
    if encoding is not None and encoding not in CSV_ENCODINGS:
        raise BadInputError(f"unknown CSV encoding '{encoding}'; known: {', '.join(CSV_ENCODINGS)}")
    if delimiter is not None and delimiter not in CSV_DELIMITERS:
        shown = ", ".join(repr(d) for d in CSV_DELIMITERS)
        raise BadInputError(f"unknown CSV delimiter {delimiter!r}; known: {shown}")
