"""Every kind of unreadable input gives UnreadableDataError (exit 2) with a clear message.

Each message names the file, what is wrong and the fix, and never a cell value: the
planted values below are personal-data lookalikes that must not appear in any message.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from governance.errors import BadInputError, ExitCode
from governance.sources import UnreadableDataError, fingerprint_file, read_table
from tests.sources.conftest import write_xlsx

SECRET_BSN = "123456782"
SECRET_NAME = "Geheimenaam"

Maker = Callable[[Path], Path]


def _file(name: str, content: bytes | str) -> Maker:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return make


def _directory(tmp: Path) -> Path:
    path = tmp / "map.csv"
    path.mkdir()
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "bestaat-niet.csv"


def _garbage(tmp: Path) -> Path:
    path = tmp / "onzin.csv"
    path.write_bytes(random.Random(3).randbytes(4000))
    return path


def _xlsx_named_csv(tmp: Path) -> Path:
    write_xlsx(tmp / "x.xlsx", {"Blad1": [["a"], [SECRET_BSN]]})
    path = tmp / "werkmap.csv"
    os.rename(tmp / "x.xlsx", path)
    return path


def _parquet_named_csv(tmp: Path) -> Path:
    path = tmp / "p.csv"
    pq.write_table(pa.table({"bsn": [SECRET_BSN]}), path)
    return path


def _several_sheets(tmp: Path) -> Path:
    return write_xlsx(
        tmp / "twee.xlsx",
        {"Inhuur": [["naam"], [SECRET_NAME]], "Toelichting": [["tekst"], ["x"]]},
    )


def _corrupt_parquet(tmp: Path) -> Path:
    path = tmp / "kapot.parquet"
    pq.write_table(pa.table({"bsn": [SECRET_BSN] * 100}), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _corrupt_xlsx(tmp: Path) -> Path:
    path = write_xlsx(tmp / "kapot.xlsx", {"Blad1": [["bsn"], [SECRET_BSN]]})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _xlsx_value_beyond_header(tmp: Path) -> Path:
    return write_xlsx(tmp / "breed.xlsx", {"Blad1": [["a", "b"], ["1", "2", SECRET_BSN]]})


def _xlsx_empty_header_cell(tmp: Path) -> Path:
    return write_xlsx(tmp / "gat.xlsx", {"Blad1": [["a", None, "c"], ["1", SECRET_BSN, "3"]]})


def _xlsx_empty_sheet(tmp: Path) -> Path:
    return write_xlsx(tmp / "leeg.xlsx", {"Blad1": []})


CASES: list[tuple[str, Maker, tuple[str, ...]]] = [
    ("missing file", _missing, ("does not exist", "check the path")),
    ("directory", _directory, ("is a directory",)),
    ("0-byte CSV", _file("leeg.csv", b""), ("is empty (0 bytes)", "header line")),
    ("0-byte XLSX", _file("leeg.xlsx", b""), ("is empty (0 bytes)",)),
    ("0-byte Parquet", _file("leeg.parquet", b""), ("is empty (0 bytes)", "write the Parquet")),
    ("only blank lines", _file("blank.csv", "\r\n\n\n"), ("no header line",)),
    (
        "ragged row, too many fields",
        _file("r.csv", f"a;b;c\n1;2;3\n4;5;6\n7;{SECRET_BSN};9;{SECRET_NAME}\n"),
        ("line 4 has 4 fields where the header line has 3", "';'", "quote values"),
    ),
    (
        "ragged row, too few fields, after a quoted line break",
        _file("r.csv", f'a,b,c\n1,"two\nlines",3\n{SECRET_BSN},5\n'),
        ("line 4 has 2 fields where the header line has 3",),
    ),
    (
        "ragged row in a tab-separated file",
        _file("r.tsv", f"a\tb\n1\t2\n{SECRET_BSN}\t2\t3\n"),
        ("line 3 has 3 fields", "delimiter tab"),
    ),
    (
        "duplicate header",
        _file("d.csv", f"bsn,naam,bsn\n{SECRET_BSN},{SECRET_NAME},1\n"),
        ("columns 1 and 3 have the same name 'bsn'", "different name"),
    ),
    (
        "empty header name",
        _file("e.csv", f"bsn,,naam\n{SECRET_BSN},1,{SECRET_NAME}\n"),
        ("column 2 has an empty name",),
    ),
    (
        "trailing delimiter on the header line",
        _file("t.csv", f"bsn;naam;\n{SECRET_BSN};{SECRET_NAME};\n"),
        ("column 3 has an empty name", "remove the delimiter at the end"),
    ),
    ("binary garbage named .csv", _garbage, ("binary data", "not CSV text")),
    ("a workbook named .csv", _xlsx_named_csv, ("ZIP archive", ".xlsx")),
    ("a Parquet file named .csv", _parquet_named_csv, ("is a Parquet file", ".parquet")),
    (
        "UTF-16 with BOM",
        _file("u16.csv", f"bsn;naam\n{SECRET_BSN};{SECRET_NAME}\n".encode("utf-16")),
        ("UTF-16", "save it again as UTF-8"),
    ),
    (
        "UTF-16 without BOM",
        _file("u16le.csv", f"bsn;naam\n{SECRET_BSN};{SECRET_NAME}\n".encode("utf-16-le")),
        ("UTF-16",),
    ),
    (
        "neither UTF-8 nor cp1252",
        _file("enc.csv", b"bsn;naam\n" + SECRET_BSN.encode() + b";Zo\xeb\n1;\x81\x8d\n"),
        ("neither UTF-8", "Windows-1252", "line 3", "save it again as UTF-8"),
    ),
    (
        "BOM but not UTF-8",
        _file("bom.csv", b"\xef\xbb\xbfbsn;naam\n1;Zo\xeb\n"),
        ("byte-order mark but is not valid UTF-8 at line 2",),
    ),
    ("unknown extension", _file("data.json", "{}"), ("unknown extension '.json'", ".csv")),
    ("no extension", _file("data", "a,b\n"), ("has no extension", ".parquet")),
    ("old Excel extension", _file("oud.xls", b"\xd0\xcf\x11\xe0rest"), ("save it as", ".xlsx")),
    ("several sheets", _several_sheets, ("2 sheets ('Inhuur', 'Toelichting')", "--sheet NAME")),
    ("corrupt Parquet", _corrupt_parquet, ("not a readable Parquet file", "write the Parquet")),
    ("text named .parquet", _file("t.parquet", "a,b\n1,2\n"), ("not a readable Parquet file",)),
    ("corrupt XLSX", _corrupt_xlsx, ("not a readable XLSX workbook",)),
    ("text named .xlsx", _file("t.xlsx", "a,b\n1,2\n"), ("is not an XLSX workbook",)),
    ("old .xls renamed .xlsx", _file("o.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 600), (".xls",)),
    ("XLSX value right of the header", _xlsx_value_beyond_header, ("cell C2", "name")),
    (
        "XLSX empty header cell",
        _xlsx_empty_header_cell,
        ("column 2 (B) has an empty name", "row 1"),
    ),
    ("XLSX empty sheet", _xlsx_empty_sheet, ("sheet 'Blad1' is empty",)),
]


@pytest.mark.parametrize(("make", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_a_clear_error_without_cell_values(
    tmp_path: Path, make: Maker, expected: tuple[str, ...]
) -> None:
    path = make(tmp_path)
    with pytest.raises(UnreadableDataError) as caught:
        read_table(path)
    error = caught.value
    message = str(error)
    assert message.startswith(f"{path}: ")
    assert error.source == str(path) and error.problem and error.fix
    for fragment in expected:
        assert fragment in message, message
    assert SECRET_BSN not in message and SECRET_NAME not in message
    assert isinstance(error, BadInputError) and error.exit_code is ExitCode.BAD_INPUT


def test_sample_does_not_hide_a_ragged_row_later_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("a,b\n" + "1,2\n" * 5000 + f"{SECRET_BSN}\n")
    with pytest.raises(UnreadableDataError, match="line 5002 has 1 fields"):
        read_table(path, sample=10)


def test_sheet_is_refused_for_other_formats(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a\n1\n")
    with pytest.raises(UnreadableDataError, match=r"only for an \.xlsx"):
        read_table(path, sheet="Blad1")


def test_negative_sample_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a\n1\n")
    with pytest.raises(BadInputError, match="0 or more"):
        read_table(path, sample=-1)


def test_fingerprint_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDataError, match="does not exist"):
        fingerprint_file(tmp_path / "weg.csv")
