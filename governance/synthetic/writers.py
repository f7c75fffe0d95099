"""Writers that spell a `Table` the way a municipal export does, one function per format.

CSV takes a `CsvDialect` (delimiter, encoding, date and decimal spelling), because the
dialect is the realism: Suite4-style exports are ';'-separated cp1252 with decimal commas
and dd-mm-jjjj dates, web systems write UTF-8 with a BOM. Every writer is deterministic:
equal tables give equal bytes, also for XLSX (whose zip and document properties would
otherwise carry the time of writing) and Parquet.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from governance.domain.vocabulary import ColumnType
from governance.synthetic.table import Table

FIXED_TIMESTAMP = datetime(2026, 1, 1, 0, 0, 0)
"""Stands in for 'now' in file metadata, so a rerun writes identical bytes."""


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    encoding: str
    date_format: str = "%Y-%m-%d"
    datetime_format: str = "%Y-%m-%dT%H:%M:%S"
    decimal_comma: bool = False
    true: str = "true"
    false: str = "false"
    line_terminator: str = "\r\n"

    def spell(self, value: Any) -> str:
        """One value as text; strings (including deliberate flaws) pass unchanged."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return self.true if value else self.false
        if isinstance(value, datetime):
            return value.strftime(self.datetime_format)
        if isinstance(value, date):
            return value.strftime(self.date_format)
        if isinstance(value, Decimal | float):
            text = str(value)
            return text.replace(".", ",") if self.decimal_comma else text
        return str(value)


def write_csv(path: Path, table: Table, dialect: CsvDialect) -> None:
    """Write the table as CSV; characters the encoding lacks become '?', as in a real export."""
    with path.open("w", encoding=dialect.encoding, errors="replace", newline="") as handle:
        writer = csv.writer(
            handle, delimiter=dialect.delimiter, lineterminator=dialect.line_terminator
        )
        writer.writerow(table.names)
        for record in table.records():
            writer.writerow([dialect.spell(value) for value in record])


def write_xlsx(path: Path, table: Table, sheet: str) -> None:
    """Write one sheet in openpyxl's write-only mode (streams rows; fast for thousands)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "governance.synthetic"
    workbook.properties.created = FIXED_TIMESTAMP
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(table.names))
    for record in table.records():
        worksheet.append(list(record))
    workbook.save(path)
    _pin_zip_metadata(path)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _pin_zip_metadata(path: Path) -> None:
    """Rewrite the archive with fixed entry times and a fixed 'modified' property.

    openpyxl stamps both with the time of saving; pinned, the same rows give the same file.
    """
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def write_parquet(path: Path, table: Table) -> None:
    """Write typed Parquet: the declared column types become Arrow types (decimal as float64)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_types = {
        ColumnType.STRING: pa.string(),
        ColumnType.INTEGER: pa.int64(),
        ColumnType.DECIMAL: pa.float64(),
        ColumnType.BOOLEAN: pa.bool_(),
        ColumnType.DATE: pa.date32(),
        ColumnType.DATETIME: pa.timestamp("s"),
    }
    columns = list(zip(*table.records(), strict=True)) or [() for _ in table.columns]
    arrays = []
    for (_, column_type), values in zip(table.columns, columns, strict=True):
        if column_type is ColumnType.DECIMAL:
            values = tuple(None if v is None else float(v) for v in values)
        arrays.append(pa.array(values, type=arrow_types[column_type]))
    schema = pa.schema(
        [pa.field(name, arrow_types[column_type]) for name, column_type in table.columns]
    )
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)
