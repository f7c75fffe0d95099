"""Reading one worksheet of an XLSX workbook into an all-text Arrow table.

openpyxl in read-only mode streams the sheet's XML row by row, so memory stays flat;
`data_only=True` gives the values Excel last calculated for formulas (a workbook written
by a program that never calculated them has empty formula cells). Sheet dimensions in the
file are ignored (`reset_dimensions`): some exporters write them wrong, and trusting them
would cut off columns or rows.

Layout: the first non-empty row holds the column names, every later non-empty row is a
data row; wholly empty rows (Excel keeps formatted ones) are skipped and not counted.
Columns end at the last named header cell; a value to the right of it is an error naming
the cell, because silently dropping it would hide data from the PII scan.

Values become text with `text_values.value_text`, with one Excel rule: Excel has no date
type, only numbers formatted as dates, which openpyxl returns as datetimes - one at
exactly midnight is written as a date ('2024-01-05'), since that is what a date cell shows.
An empty string cell is null, as an empty CSV cell is.
"""

from __future__ import annotations

import hashlib
import warnings
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from governance.domain.vocabulary import SourceFormat
from governance.sources.columns import check_column_names
from governance.sources.errors import UnreadableDataError
from governance.sources.fingerprint import fingerprint_file
from governance.sources.loaded import LoadedTable
from governance.sources.text_values import value_text

BATCH_ROWS = 65536
"""Rows converted to Arrow at a time (bounds the Python lists held in memory)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK\x03\x04"


def read_xlsx(
    path: Path, source: str, *, sample: int | None = None, sheet: str | None = None
) -> LoadedTable:
    _check_container(path, source)
    file_fingerprint = fingerprint_file(path)
    try:
        with warnings.catch_warnings():
            # e.g. "Workbook contains no default style": noise for a reader of values
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError) as error:
        raise UnreadableDataError(
            source,
            f"is not a readable XLSX workbook ({type(error).__name__})",
            "open it in Excel and save it again as .xlsx",
        ) from None
    try:
        worksheet = _choose_sheet(workbook, source, sheet)
        # One workbook holds several tables: the sheet is part of what was read.
        fingerprint = hashlib.sha256(f"{file_fingerprint}:{worksheet.title}".encode()).hexdigest()
        worksheet.reset_dimensions()
        rows = _numbered_rows(worksheet.iter_rows(values_only=True))
        table, total = _read_rows(rows, source, worksheet.title, sample)
    except UnreadableDataError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError) as error:
        raise UnreadableDataError(
            source,
            f"has a damaged worksheet ({type(error).__name__})",
            "open it in Excel and save it again as .xlsx",
        ) from None
    finally:
        workbook.close()
    return LoadedTable(
        table=table,
        path=source,
        format=SourceFormat.XLSX,
        rows=total,
        rows_read=table.num_rows,
        fingerprint=fingerprint,
    )


def _check_container(path: Path, source: str) -> None:
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == _OLE_MAGIC:
        raise UnreadableDataError(
            source,
            "is an old-format (.xls) or password-protected workbook, not an XLSX",
            "open it in Excel, remove the password if there is one, and save it as .xlsx",
        )
    if magic != _ZIP_MAGIC:
        raise UnreadableDataError(
            source,
            "is not an XLSX workbook (an .xlsx file is a ZIP archive, this is not)",
            "open it in Excel and save it as .xlsx, or give it its real extension",
        )


def _choose_sheet(workbook: Any, source: str, sheet: str | None) -> Any:
    names = [ws.title for ws in workbook.worksheets]
    listed = ", ".join(f"'{name}'" for name in names)
    if sheet is not None:
        if sheet in names:
            return workbook[sheet]
        raise UnreadableDataError(
            source, f"has no sheet '{sheet}'", f"pass one of its sheets: {listed}"
        )
    if len(names) == 1:
        return workbook[names[0]]
    if not names:
        raise UnreadableDataError(
            source, "has no worksheets", "save the data on a worksheet of the workbook"
        )
    raise UnreadableDataError(
        source,
        f"has {len(names)} sheets ({listed}) and it is not clear which one holds the data",
        "pass --sheet NAME with one of them",
    )


def _numbered_rows(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, list[str | None]]]:
    """Non-empty rows as text, with their Excel row numbers."""
    for number, row in enumerate(rows, start=1):
        cells = [_cell_text(value) for value in row]
        if any(cell is not None for cell in cells):
            yield number, cells


def _cell_text(value: Any) -> str | None:
    if isinstance(value, datetime) and value.time() == datetime.min.time() and not value.tzinfo:
        return value.date().isoformat()
    text = value_text(value)
    return text if text != "" else None


def _read_rows(
    rows: Iterator[tuple[int, list[str | None]]],
    source: str,
    title: str,
    sample: int | None,
) -> tuple[pa.Table, int]:
    header = next(rows, None)
    if header is None:
        raise UnreadableDataError(
            source,
            f"sheet '{title}' is empty",
            "put the column names in the first row and the data below them",
        )
    header_number, header_cells = header
    where = f"the header row (row {header_number}) of sheet '{title}'"
    width = max(i for i, cell in enumerate(header_cells, start=1) if cell is not None)
    names = header_cells[:width]
    check_column_names(source, names, where=where, letters=True)
    schema = pa.schema([pa.field(str(name), pa.string()) for name in names])

    batches: list[pa.RecordBatch] = []
    columns: list[list[str | None]] = [[] for _ in range(width)]
    kept = total = 0
    for number, cells in rows:
        if len(cells) > width:
            _check_nothing_beyond(cells, width, number, source, title)
        total += 1
        if sample is not None and kept >= sample:
            continue  # only counting now
        for index in range(width):
            columns[index].append(cells[index] if index < len(cells) else None)
        kept += 1
        if len(columns[0]) >= BATCH_ROWS:
            batches.append(_batch(columns, schema))
            columns = [[] for _ in range(width)]
    batches.append(_batch(columns, schema))
    return pa.Table.from_batches(batches, schema=schema), total


def _check_nothing_beyond(
    cells: list[str | None], width: int, number: int, source: str, title: str
) -> None:
    for index in range(width, len(cells)):
        if cells[index] is not None:
            cell = f"{get_column_letter(index + 1)}{number}"
            raise UnreadableDataError(
                source,
                f"sheet '{title}' has a value in cell {cell}, right of the last named "
                f"column ({get_column_letter(width)})",
                f"give column {get_column_letter(index + 1)} a name in the header row, "
                "or move or delete the value",
            )


def _batch(columns: list[list[str | None]], schema: pa.Schema) -> pa.RecordBatch:
    arrays = [pa.array(values, type=pa.string()) for values in columns]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
