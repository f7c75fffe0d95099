"""Each format reads back what was written: the pilot data and small tables by hand."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from openpyxl import load_workbook

from governance.domain.vocabulary import SourceFormat
from governance.sources import LoadedTable, fingerprint_file, read_table
from governance.sources.text_values import float_text
from governance.synthetic import PILOTS, GeneratedFile, generate_table, pilot
from tests.sources.conftest import PILOT_ROWS, PILOT_SEED


def expected_text(value: Any, kind: SourceFormat, generated: GeneratedFile) -> str | None:
    """How a generated value must read back from a file of this format."""
    if kind is SourceFormat.CSV:
        dialect = pilot(generated.dataset_id).dialect
        assert dialect is not None and generated.encoding is not None
        text = dialect.spell(value)
        text = text.encode(generated.encoding, errors="replace").decode(generated.encoding)
        return text or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | float):
        return float_text(float(value))
    if isinstance(value, datetime):
        if kind is SourceFormat.XLSX and value == datetime.combine(
            value.date(), datetime.min.time()
        ):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and kind is SourceFormat.XLSX:
        return value or None
    return str(value)


@pytest.mark.parametrize("dataset_id", [p.dataset_id for p in PILOTS])
def test_every_pilot_file_reads_back_cell_for_cell(
    pilot_files: dict[str, GeneratedFile], dataset_id: str
) -> None:
    generated = pilot_files[dataset_id]
    loaded = read_table(generated.path)
    spec = pilot(dataset_id)
    source_table = generate_table(spec, PILOT_SEED, PILOT_ROWS)

    assert loaded.format is spec.format
    assert loaded.path == str(generated.path)
    assert loaded.rows == loaded.rows_read == len(source_table.rows) == PILOT_ROWS
    assert loaded.table.column_names == list(source_table.names)
    assert all(t == pa.string() for t in loaded.table.schema.types)
    assert (loaded.encoding, loaded.delimiter) == (generated.encoding, generated.delimiter)
    expected = [
        {
            n: expected_text(v, spec.format, generated)
            for n, v in zip(source_table.names, r, strict=True)
        }
        for r in source_table.records()
    ]
    assert loaded.table.to_pylist() == expected


@pytest.mark.parametrize("dataset_id", [p.dataset_id for p in PILOTS])
def test_a_sample_is_the_first_rows_and_counts_the_whole_file(
    pilot_files: dict[str, GeneratedFile], dataset_id: str
) -> None:
    path = pilot_files[dataset_id].path
    whole = read_table(path)
    sample = read_table(path, sample=10)
    assert (sample.rows, sample.rows_read) == (PILOT_ROWS, 10)
    assert sample.is_sample and not whole.is_sample
    assert sample.table.to_pylist() == whole.table.slice(0, 10).to_pylist()
    assert sample.table.schema == whole.table.schema
    assert sample.fingerprint == whole.fingerprint
    assert read_table(path, sample=0).rows_read == 0
    bigger = read_table(path, sample=PILOT_ROWS + 50)
    assert (bigger.rows, bigger.rows_read) == (PILOT_ROWS, PILOT_ROWS)


@pytest.mark.parametrize("dataset_id", [p.dataset_id for p in PILOTS])
def test_fingerprint_is_the_sha256_of_the_bytes_and_stable(
    pilot_files: dict[str, GeneratedFile], dataset_id: str, tmp_path: Path
) -> None:
    path = pilot_files[dataset_id].path
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert fingerprint_file(path) == fingerprint_file(str(path)) == digest
    loaded = read_table(path)
    if loaded.format is SourceFormat.XLSX:  # a workbook's fingerprint names the sheet read
        sheet = load_workbook(path, read_only=True).sheetnames[0]
        digest = hashlib.sha256(f"{digest}:{sheet}".encode()).hexdigest()
    assert loaded.fingerprint == read_table(path).fingerprint == digest
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    assert read_table(copy).fingerprint == digest


def test_each_sheet_of_a_workbook_has_its_own_fingerprint(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "a"
    workbook.active.append(["kolom"])
    workbook.active.append(["1"])
    second = workbook.create_sheet("b")
    second.append(["kolom"])
    second.append(["1"])
    path = tmp_path / "twee.xlsx"
    workbook.save(path)
    assert read_table(path, sheet="a").fingerprint != read_table(path, sheet="b").fingerprint


def test_a_changed_byte_changes_the_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\n1,2\n")
    before = read_table(path).fingerprint
    path.write_bytes(b"a,b\n1,3\n")
    assert read_table(path).fingerprint != before


def _by_hand(kind: SourceFormat, path: Path) -> None:
    names = ["Client_BSN", " Naam ", "geboortedatum", "bedrag", "opmerking"]
    rows: list[list[Any]] = [
        ["012345672", "Jansen, P.", date(1950, 3, 1), 12.5, 'zei "ja"\nen ging'],
        ["12345672", None, date(2001, 12, 31), 3.0, "NULL"],
    ]
    if kind is SourceFormat.CSV:
        path.write_text(
            "Client_BSN; Naam ;geboortedatum;bedrag;opmerking\r\n"
            '012345672;"Jansen, P.";1950-03-01;12.5;"zei ""ja""\nen ging"\r\n'
            "12345672;;2001-12-31;3;NULL\r\n",
            encoding="utf-8",
        )
    elif kind is SourceFormat.XLSX:
        from tests.sources.conftest import write_xlsx

        write_xlsx(path, {"Blad1": [names, *rows]})
    else:
        import pyarrow.parquet as pq

        columns = list(zip(*rows, strict=True))
        pq.write_table(
            pa.table(
                {
                    names[0]: pa.array(columns[0], pa.string()),
                    names[1]: pa.array(columns[1], pa.string()),
                    names[2]: pa.array(columns[2], pa.date32()),
                    names[3]: pa.array(columns[3], pa.float64()),
                    names[4]: pa.array(columns[4], pa.string()),
                }
            ),
            path,
        )


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (SourceFormat.CSV, "t.csv"),
        (SourceFormat.XLSX, "t.xlsx"),
        (SourceFormat.PARQUET, "t.parquet"),
    ],
)
def test_a_table_by_hand_reads_the_same_from_every_format(
    tmp_path: Path, kind: SourceFormat, name: str
) -> None:
    path = tmp_path / name
    _by_hand(kind, path)
    loaded = read_table(path)
    assert loaded.format is kind
    assert loaded.table.column_names == [
        "Client_BSN",
        " Naam ",
        "geboortedatum",
        "bedrag",
        "opmerking",
    ]
    assert loaded.table.to_pylist() == [
        {
            "Client_BSN": "012345672",
            " Naam ": "Jansen, P.",
            "geboortedatum": "1950-03-01",
            "bedrag": "12.5",
            "opmerking": 'zei "ja"\nen ging',
        },
        {
            "Client_BSN": "12345672",
            " Naam ": None,
            "geboortedatum": "2001-12-31",
            "bedrag": "3",
            "opmerking": "NULL",
        },
    ]


def test_loaded_table_is_frozen(pilot_files: dict[str, GeneratedFile]) -> None:
    loaded: LoadedTable = read_table(pilot_files["fixi-meldingen"].path)
    with pytest.raises(AttributeError):
        loaded.rows = 3  # type: ignore[misc]
