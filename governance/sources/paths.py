"""From a path to a format: the checks every data file passes before a reader opens it.

A missing file, a directory or an empty file gets its own message before any parser runs,
because a parser's message for them ('magic bytes not found', 'Empty CSV file') does not
tell a steward what to do. The format follows the suffix, not the content: a `.csv` that is
really a workbook is reported as such by the CSV reader rather than guessed around.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from governance.domain.vocabulary import SourceFormat
from governance.sources.errors import UnreadableDataError

FORMATS_BY_SUFFIX: dict[str, SourceFormat] = {
    ".csv": SourceFormat.CSV,
    ".tsv": SourceFormat.CSV,
    ".xlsx": SourceFormat.XLSX,
    ".xlsm": SourceFormat.XLSX,
    ".parquet": SourceFormat.PARQUET,
    ".pq": SourceFormat.PARQUET,
}
"""Known suffixes (lower case; matched case-insensitively)."""

_HINTS = {
    ".xls": "the old Excel format (.xls) is not supported; open it in Excel and save it as "
    "an .xlsx workbook",
    ".ods": "open it in LibreOffice and save it as .xlsx or export it as CSV",
    ".txt": "if it is a delimited text export, rename it to .csv",
}


def known_suffixes() -> str:
    return ", ".join(FORMATS_BY_SUFFIX)


def format_of(path: Path, source: str) -> SourceFormat:
    """The format a suffix stands for; an unknown suffix lists the known ones."""
    suffix = path.suffix.lower()
    if suffix in FORMATS_BY_SUFFIX:
        return FORMATS_BY_SUFFIX[suffix]
    problem = f"has an unknown extension '{suffix}'" if suffix else "has no extension"
    fix = _HINTS.get(suffix, "")
    fix = (fix + "; " if fix else "") + (
        f"known extensions: {known_suffixes()} (rename the file or convert it to one of these)"
    )
    raise UnreadableDataError(source, problem, fix)


def check_data_file(path: Path, source: str) -> int:
    """Raise unless `path` is an existing, readable regular file; return its size."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise UnreadableDataError(
            source, "does not exist", "check the path and the working directory"
        ) from None
    except OSError as error:
        raise UnreadableDataError(
            source, f"cannot be opened ({error.strerror})", "check the path and its permissions"
        ) from None
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableDataError(
            source,
            "is a directory, not a data file",
            f"give the path of one data file ({known_suffixes()})",
        )
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableDataError(
            source, "is not a regular file", "copy the data to a regular file and read that"
        )
    if not os.access(path, os.R_OK):
        raise UnreadableDataError(
            source, "cannot be read (permission denied)", "ask for read access to the file"
        )
    return status.st_size


_EMPTY_FIXES = {
    SourceFormat.CSV: "export the data again; a CSV needs at least a header line with the "
    "column names",
    SourceFormat.XLSX: "save the workbook again from Excel",
    SourceFormat.PARQUET: "write the Parquet file again (an interrupted write leaves 0 bytes)",
}


def empty_file(source: str, kind: SourceFormat) -> UnreadableDataError:
    """The error for a 0-byte file: the export or the copy did not finish."""
    return UnreadableDataError(source, "is empty (0 bytes)", _EMPTY_FIXES[kind])
