"""Each pilot file has the encoding, delimiter and spelling of the export it imitates."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from governance.domain.vocabulary import ColumnType, SourceFormat
from governance.synthetic import PILOTS, GeneratedFile, generate_pilot_data, generate_table, pilot
from tests.synthetic.conftest import SMALL_ROWS, read_csv

SOCIAL_DOMAIN = ("wmo-wachtlijst", "jeugd-wachtlijst")


def test_one_file_per_pilot_with_the_requested_rows(small_files: dict[str, GeneratedFile]) -> None:
    assert set(small_files) == {p.dataset_id for p in PILOTS}
    for spec in PILOTS:
        generated = small_files[spec.dataset_id]
        assert generated.path.name == spec.file_name
        assert generated.format is spec.format
        assert generated.rows == SMALL_ROWS
        assert generated.path.stat().st_size > 0


@pytest.mark.parametrize("dataset_id", SOCIAL_DOMAIN)
def test_social_domain_exports_are_cp1252_semicolon_with_dutch_spelling(
    small_files: dict[str, GeneratedFile], dataset_id: str
) -> None:
    generated = small_files[dataset_id]
    assert (generated.encoding, generated.delimiter) == ("cp1252", ";")
    raw = generated.path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("cp1252")
    assert text.splitlines()[0].count(";") == len(pilot(dataset_id).columns) - 1
    assert "\r\n" in text
    rows = read_csv(generated)
    assert len(rows) == SMALL_ROWS
    dates = [r["Geboortedatum"] for r in rows]
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4}", d) for d in dates)
    decimal_column = "Uren_per_week" if dataset_id == "wmo-wachtlijst" else "Budget_toegekend"
    decimals = [r[decimal_column] for r in rows if r[decimal_column] not in ("", "NULL")]
    assert decimals and all("." not in d for d in decimals)
    assert any("," in d for d in decimals)
    flag = "Urgent" if dataset_id == "wmo-wachtlijst" else "Spoed"
    assert {r[flag] for r in rows} == {"Ja", "Nee"}


def test_cp1252_holds_dutch_characters(small_files: dict[str, GeneratedFile]) -> None:
    raw = small_files["wmo-wachtlijst"].path.read_bytes()
    assert "Zorgcoöperatie".encode("cp1252") in raw  # ö is one byte, 0xF6
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_fixi_is_utf8_with_bom_comma_and_iso_datetimes(
    small_files: dict[str, GeneratedFile],
) -> None:
    generated = small_files["fixi-meldingen"]
    assert (generated.encoding, generated.delimiter) == ("utf-8-sig", ",")
    raw = generated.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    rows = read_csv(generated)
    assert list(rows[0]) == [name for name, _ in pilot("fixi-meldingen").columns]
    for row in rows:
        datetime.fromisoformat(row["aangemaakt_op"])
        assert re.fullmatch(r"\d{2}\.\d{6}", row["latitude"])
    assert {r["terugmelding_gewenst"] for r in rows} == {"true", "false"}


def test_reisdocumenten_is_plain_utf8_comma_with_iso_dates(
    small_files: dict[str, GeneratedFile],
) -> None:
    generated = small_files["reisdocumenten-aanvragen"]
    assert (generated.encoding, generated.delimiter) == ("utf-8", ",")
    raw = generated.path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = read_csv(generated)
    for row in rows:
        date.fromisoformat(row["aanvraagdatum"])
        assert re.fullmatch(r"\d+\.\d{2}", row["leges"])
    assert {r["spoed"] for r in rows} <= {"J", "N"}


def test_inhuur_is_an_xlsx_with_typed_cells(small_files: dict[str, GeneratedFile]) -> None:
    generated = small_files["inhuur-personeel"]
    assert generated.format is SourceFormat.XLSX
    assert generated.encoding is None and generated.delimiter is None
    workbook = openpyxl.load_workbook(generated.path, read_only=True)
    assert workbook.sheetnames == ["Inhuur"]
    rows = list(workbook["Inhuur"].iter_rows(values_only=True))
    workbook.close()
    header = [name for name, _ in pilot("inhuur-personeel").columns]
    assert list(rows[0]) == header
    assert len(rows) == SMALL_ROWS + 1
    start = header.index("Startdatum")
    assert all(isinstance(row[start], datetime) for row in rows[1:])


def test_project_planning_is_typed_parquet(small_files: dict[str, GeneratedFile]) -> None:
    generated = small_files["project-planning"]
    table = pq.read_table(generated.path)
    assert table.num_rows == SMALL_ROWS
    expected = {
        ColumnType.STRING: pa.string(),
        ColumnType.INTEGER: pa.int64(),
        ColumnType.DECIMAL: pa.float64(),
        ColumnType.BOOLEAN: pa.bool_(),
        ColumnType.DATE: pa.date32(),
    }
    for name, column_type in pilot("project-planning").columns:
        field = table.schema.field(name)
        if column_type is ColumnType.DATETIME:
            assert pa.types.is_timestamp(field.type), name
        else:
            assert field.type == expected[column_type], name


def test_zero_rows_still_writes_a_header(tmp_path: Path) -> None:
    files = generate_pilot_data(tmp_path, rows=0)
    assert len(files) == len(PILOTS)
    for generated in files:
        assert generated.rows == 0 and generated.path.exists()
        if generated.format is SourceFormat.CSV:
            assert read_csv(generated) == []
    assert pq.read_table(tmp_path / pilot("project-planning").file_name).num_rows == 0


def test_negative_rows_are_refused() -> None:
    with pytest.raises(ValueError, match="rows"):
        generate_table(PILOTS[0], rows=-1)


def test_every_row_maker_fills_only_declared_columns() -> None:
    for spec in PILOTS:
        table = generate_table(spec, rows=50)
        declared = {name for name, _ in spec.columns}
        assert all(set(row) <= declared for row in table.rows), spec.dataset_id
        assert table.columns == spec.columns
