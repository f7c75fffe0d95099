"""Write a generated table in the file formats municipal systems export.

One function per format, each given headers and column-wise values. The formats are the
point of the exercise: `;`-separated cp1252 with decimal commas (Excel on a Dutch
Windows), `,` UTF-8 with a BOM, plain UTF-8, one-sheet XLSX with real date and number
cells, and Parquet with typed columns (an int64 BSN has lost its leading zero).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell


@dataclass(frozen=True)
class CsvStyle:
    """How a CSV export is written: separator, encoding, BOM, decimal comma, null text."""

    delimiter: str = ","
    encoding: str = "utf-8"
    bom: bool = False
    decimal_comma: bool = False
    null: str = ""

    @property
    def python_encoding(self) -> str:
        return "utf-8-sig" if self.bom else self.encoding


def _csv_cell(value: Any, style: CsvStyle) -> str:
    if value is None:
        return style.null
    if isinstance(value, float):
        whole, _, fraction = repr(value).partition(".")
        text = f"{whole}.{fraction.ljust(2, '0')}"  # amounts print as 12.50, not 12.5
        return text.replace(".", ",") if style.decimal_comma else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(
    path: Path, headers: Sequence[str], columns: Sequence[list[Any]], style: CsvStyle
) -> None:
    """Strict encoding: a value cp1252 cannot hold is a generator bug, not a silent '?'."""
    with path.open("w", encoding=style.python_encoding, newline="", errors="strict") as handle:
        writer = csv.writer(handle, delimiter=style.delimiter)
        writer.writerow(headers)
        for row in zip(*columns, strict=True):
            writer.writerow([_csv_cell(value, style) for value in row])


def write_xlsx(path: Path, headers: Sequence[str], columns: Sequence[list[Any]]) -> None:
    """One sheet; dates as date cells shown dd-mm-yyyy, numbers as numbers."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Export")
    sheet.append(list(headers))
    for row in zip(*columns, strict=True):
        cells = []
        for value in row:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "dd-mm-yyyy"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    book.save(path)


def write_parquet(path: Path, headers: Sequence[str], columns: Sequence[list[Any]]) -> None:
    """Arrow infers the types: int64 for integers, date32 for dates, string for text."""
    table = pa.table(
        {header: pa.array(values) for header, values in zip(headers, columns, strict=True)}
    )
    pq.write_table(table, path)
