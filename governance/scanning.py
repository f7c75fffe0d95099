"""The scan use cases that need no store: a file, or a registration's source.

Kept apart from `services` so that `governance scan FILE` starts without loading the
store's libraries (SQLAlchemy, pydantic): a pipeline scanning many files pays start-up
on every call.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from governance.domain.registration import Registration
    from governance.domain.scan import ScanReport
    from governance.sources import LoadedTable


def scan_file(
    path: Path,
    sample: int | None = None,
    sheet: str | None = None,
    csv_options: dict[str, str] | None = None,
) -> ScanReport:
    """Scan a data file that need not be registered; nothing is stored."""
    from governance.pii.scan import scan_table

    return scan_table(read_data_file(path, sample, sheet, csv_options))


def read_data_file(
    path: Path,
    sample: int | None = None,
    sheet: str | None = None,
    csv_options: dict[str, str] | None = None,
) -> LoadedTable:
    """Read a data file for a scan or a quality run, refusing one whose first line is a
    record: its values would become column names, which reports print and store."""
    from governance.pii.spot import refuse_data_as_header
    from governance.sources import read_table

    loaded = read_table(path, sample=sample, sheet=sheet, **(csv_options or {}))
    refuse_data_as_header(loaded.path, loaded.table.column_names)
    return loaded


def scan_source(
    registration: Registration, data: Path | None, sample: int | None, sheet: str | None
) -> ScanReport:
    """Scan the registered source of a dataset, or the file given in its place."""
    from governance.pii.scan import scan_table
    from governance.sources import read_sql_table

    located = data_file(registration, data)
    if located is not None:
        path, options = located
        return scan_file(path, sample, sheet, options)
    source = registration.source
    return scan_table(read_sql_table(str(source.url), str(source.table), sample=sample))


def data_file(registration: Registration, data: Path | None) -> tuple[Path, dict[str, str]] | None:
    """The file holding a dataset's data, and the registration's CSV reading options for
    it: `data` when given (its own format is detected), else the registered location;
    None for an SQL source."""
    if data is not None:
        return data, {}
    source = registration.source
    if not source.format.is_file:
        return None
    return Path(str(source.location)), source.csv_options


def read_source(registration: Registration, data: Path | None, sheet: str | None) -> LoadedTable:
    """All of a dataset's data: the file given, the registered file, or the SQL table."""
    from governance.sources import read_sql_table

    located = data_file(registration, data)
    if located is not None:
        path, options = located
        return read_data_file(path, sheet=sheet, csv_options=options)
    source = registration.source
    return read_sql_table(str(source.url), str(source.table))


def file_fingerprint(registration: Registration, data: Path | None) -> str | None:
    """The fingerprint of a dataset's data file without reading it as a table (a hash of its
    bytes), so stored results on the same data are found cheaply; None for an SQL table or
    an XLSX workbook, whose fingerprint needs the rows or the sheet that is read."""
    from governance.domain.vocabulary import SourceFormat
    from governance.sources import FORMATS_BY_SUFFIX, fingerprint_file

    located = data_file(registration, data)
    if located is None or FORMATS_BY_SUFFIX.get(located[0].suffix.lower()) is SourceFormat.XLSX:
        return None
    return fingerprint_file(located[0])


def source_label(registration: Registration) -> str | None:
    """How the readers name the registered file in what they record, to find the runs on
    the registered data among those on files given in its place; None for SQL."""
    return label_of_source(registration.source.format, registration.source.location)


def label_of_source(source_format: str, location: str | None) -> str | None:
    """`source_label` from a registration's `source` as stored (its format and location),
    for what reads the stored documents without validating them."""
    from governance.domain.vocabulary import SourceFormat

    return str(Path(str(location))) if SourceFormat(source_format).is_file else None
