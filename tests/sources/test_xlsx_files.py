"""XLSX: sheet choice, the header row, and how cell values become text."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest

from governance.sources import UnreadableDataError, read_table
from tests.sources.conftest import write_xlsx


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (42, "42"),
        (-7, "-7"),
        (12345678, "12345678"),  # a BSN that lost its leading zero stays 8 digits
        (3.0, "3"),
        (2.5, "2.5"),
        (0.1, "0.1"),
        (1e20, "100000000000000000000"),
        (1.5e-7, "1.5e-07"),
        (Decimal("24.50"), "24.5"),
        (True, "true"),
        (False, "false"),
        (date(2024, 1, 5), "2024-01-05"),
        (datetime(2024, 1, 5, 0, 0), "2024-01-05"),
        (datetime(2024, 1, 5, 10, 30, 15), "2024-01-05T10:30:15"),
        (time(9, 45), "09:45:00"),
        ("NULL", "NULL"),
        ("  Jansen ", "  Jansen "),
        ("012345672", "012345672"),
        ("", None),
        (None, None),
    ],
)
def test_cell_values_become_text(tmp_path: Path, value: object, text: str | None) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", {"Blad1": [["waarde", "nr"], [value, 1]]})
    loaded = read_table(path)
    assert loaded.table.column("waarde").to_pylist() == [text]


def test_the_only_sheet_is_read_whatever_its_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", {"Inhuur 2024": [["Naam", "KvK"], ["A", 1]]})
    loaded = read_table(path)
    assert loaded.table.column_names == ["Naam", "KvK"]
    assert (loaded.encoding, loaded.delimiter) == (None, None)


def test_sheet_picks_one_of_several(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "w.xlsx",
        {"Toelichting": [["tekst"], ["lees mij"]], "Inhuur": [["Naam"], ["A"], ["B"]]},
    )
    loaded = read_table(path, sheet="Inhuur")
    assert (loaded.rows, loaded.table.column("Naam").to_pylist()) == (2, ["A", "B"])
    with pytest.raises(
        UnreadableDataError, match=r"has no sheet 'inhuur'.*'Toelichting', 'Inhuur'"
    ):
        read_table(path, sheet="inhuur")


def test_header_row_is_the_first_non_empty_row_and_empty_rows_are_skipped(
    tmp_path: Path,
) -> None:
    rows = [[None, None], [" Client_BSN", "Naam"], [None, None], ["1", "A"], [None], ["2", None]]
    loaded = read_table(write_xlsx(tmp_path / "w.xlsx", {"Blad1": rows}))
    assert loaded.table.column_names == [" Client_BSN", "Naam"]
    assert loaded.table.to_pylist() == [
        {" Client_BSN": "1", "Naam": "A"},
        {" Client_BSN": "2", "Naam": None},
    ]


def test_columns_end_at_the_last_named_header_cell(tmp_path: Path) -> None:
    rows = [["a", "b", None, None], ["1", None, None, None], ["2", "3"]]
    loaded = read_table(write_xlsx(tmp_path / "w.xlsx", {"Blad1": rows}))
    assert loaded.table.column_names == ["a", "b"]
    assert loaded.table.to_pylist() == [{"a": "1", "b": None}, {"a": "2", "b": "3"}]


def test_numeric_header_names_become_text(tmp_path: Path) -> None:
    loaded = read_table(write_xlsx(tmp_path / "w.xlsx", {"Blad1": [[2023, 2024], [1, 2]]}))
    assert loaded.table.column_names == ["2023", "2024"]


def test_header_only_sheet_is_a_clean_empty_table(tmp_path: Path) -> None:
    loaded = read_table(write_xlsx(tmp_path / "w.xlsx", {"Blad1": [["a", "b"]]}))
    assert (loaded.rows, loaded.rows_read, loaded.table.column_names) == (0, 0, ["a", "b"])


def test_duplicate_header_names_are_refused_with_letters(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", {"Blad1": [["a", "b", "a"], [1, 2, 3]]})
    with pytest.raises(UnreadableDataError, match=r"columns 1 \(A\) and 3 \(C\)"):
        read_table(path)


def test_formulas_give_their_cached_value(tmp_path: Path) -> None:
    # openpyxl writes formulas without a cached value; Excel would fill it in on save.
    path = write_xlsx(tmp_path / "w.xlsx", {"Blad1": [["a", "som"], [1, "=A2+1"]]})
    assert read_table(path).table.column("som").to_pylist() == [None]


def test_sample_reads_the_first_rows_and_counts_all(tmp_path: Path) -> None:
    rows = [["nr"], *([i] for i in range(500))]
    path = write_xlsx(tmp_path / "w.xlsx", {"Blad1": rows})
    loaded = read_table(path, sample=3)
    assert (loaded.rows, loaded.rows_read) == (500, 3)
    assert loaded.table.column("nr").to_pylist() == ["0", "1", "2"]


def test_many_rows_are_read_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from governance.sources import xlsx_files

    monkeypatch.setattr(xlsx_files, "BATCH_ROWS", 7)
    rows = [["nr", "x"], *([i, f"r{i}"] for i in range(50))]
    loaded = read_table(write_xlsx(tmp_path / "w.xlsx", {"Blad1": rows}))
    assert loaded.table.column("x").to_pylist() == [f"r{i}" for i in range(50)]


def test_wrong_dimensions_in_the_file_do_not_cut_off_data(tmp_path: Path) -> None:
    import re
    import zipfile

    path = write_xlsx(tmp_path / "w.xlsx", {"Blad1": [["a", "b", "c"], [1, 2, 3], [4, 5, 6]]})
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    entries[sheet] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', entries[sheet])
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    loaded = read_table(path)
    assert loaded.table.to_pylist() == [
        {"a": "1", "b": "2", "c": "3"},
        {"a": "4", "b": "5", "c": "6"},
    ]
