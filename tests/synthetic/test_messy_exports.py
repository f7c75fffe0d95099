"""The flaws a quality check and a PII scan must find are in the files, even small ones."""

from __future__ import annotations

import re
from datetime import datetime

import openpyxl
import pyarrow.parquet as pq
import pytest

from governance.synthetic import GeneratedFile
from governance.synthetic.identifiers import is_valid_bsn, is_valid_iban
from tests.synthetic.conftest import read_csv

BSN_COLUMNS = {
    "wmo-wachtlijst": "Client_BSN",
    "jeugd-wachtlijst": "BSN_jeugdige",
    "reisdocumenten-aanvragen": "bsn",
}
WAITING_LISTS = {
    "wmo-wachtlijst": ("Aanvraagdatum", "Besluitdatum"),
    "jeugd-wachtlijst": ("Aanmelddatum", "Toewijzingsdatum"),
}
PHONE = re.compile(r"(?:\+31|0031|\(?0)[\d\s()-]{8,}")


def _dutch_date(text: str) -> datetime:
    return datetime.strptime(text, "%d-%m-%Y")


@pytest.mark.parametrize(("dataset_id", "column"), BSN_COLUMNS.items())
def test_bsns_are_valid_but_exported_in_several_shapes(
    small_files: dict[str, GeneratedFile], dataset_id: str, column: str
) -> None:
    values = [row[column] for row in read_csv(small_files[dataset_id])]
    assert all(is_valid_bsn(value) for value in values)
    assert any(len(value) == 8 and value.isdigit() for value in values), "lost leading zero"
    assert any(re.fullmatch(r"\d{4}\.\d{2}\.\d{3}", value) for value in values), "dotted"
    assert any(len(value) == 9 and value.isdigit() for value in values)


@pytest.mark.parametrize("dataset_id", [*BSN_COLUMNS, "fixi-meldingen"])
def test_literal_null_and_no_repeated_rows(
    small_files: dict[str, GeneratedFile], dataset_id: str
) -> None:
    """'NULL' text is planted; exact repeats are not (the ids are declared unique, so the
    schema contract would refuse the whole file; tests plant repeats where they need them)."""
    rows = read_csv(small_files[dataset_id])
    assert any("NULL" in row.values() for row in rows)
    records = [tuple(row.values()) for row in rows]
    assert len(set(records)) == len(records)


@pytest.mark.parametrize("dataset_id", [*BSN_COLUMNS, "fixi-meldingen"])
def test_postcodes_come_in_mixed_forms(
    small_files: dict[str, GeneratedFile], dataset_id: str
) -> None:
    column = "Postcode" if dataset_id in WAITING_LISTS else "postcode"
    values = [row[column] for row in read_csv(small_files[dataset_id])]
    assert any(re.fullmatch(r"\d{4} [A-Z]{2}", v) for v in values)
    assert any(re.fullmatch(r"\d{4}[A-Za-z]{2}", v) for v in values)
    assert any(v != v.upper() for v in values)


@pytest.mark.parametrize("dataset_id", WAITING_LISTS)
def test_waiting_lists_hold_the_date_errors_a_check_must_find(
    small_files: dict[str, GeneratedFile], dataset_id: str
) -> None:
    rows = read_csv(small_files[dataset_id])
    waits = [int(r["Wachtdagen"]) for r in rows if r["Wachtdagen"] not in ("", "NULL")]
    assert any(wait < 0 for wait in waits), "no negative waiting days"
    assert sum(wait >= 0 for wait in waits) > 0.95 * len(waits)
    requested, decided = WAITING_LISTS[dataset_id]
    assert any(
        _dutch_date(r[decided]) < _dutch_date(r[requested])
        for r in rows
        if r[decided] not in ("", "NULL")
    ), "no decision before request"


@pytest.mark.parametrize(
    ("dataset_id", "remarks", "name"),
    [
        ("wmo-wachtlijst", "Opmerking", "Clientnaam"),
        ("jeugd-wachtlijst", "Opmerking", "Naam_jeugdige"),
        ("fixi-meldingen", "omschrijving", "melder_naam"),
    ],
)
def test_free_text_hides_contact_details_and_names_carry_blanks(
    small_files: dict[str, GeneratedFile], dataset_id: str, remarks: str, name: str
) -> None:
    rows = read_csv(small_files[dataset_id])
    texts = [row[remarks] for row in rows]
    assert any("@" in text or PHONE.search(text) for text in texts)
    assert any(row[name] != row[name].strip() for row in rows)


def test_fixi_has_handling_before_creation(small_files: dict[str, GeneratedFile]) -> None:
    rows = read_csv(small_files["fixi-meldingen"])
    handled = [r for r in rows if r["afgehandeld_op"] not in ("", "NULL")]
    assert any(
        datetime.fromisoformat(r["afgehandeld_op"]) < datetime.fromisoformat(r["aangemaakt_op"])
        for r in handled
    )


def test_inhuur_has_valid_ibans_text_in_a_number_column_and_inverted_periods(
    small_files: dict[str, GeneratedFile],
) -> None:
    workbook = openpyxl.load_workbook(small_files["inhuur-personeel"].path, read_only=True)
    header, *rows = workbook["Inhuur"].iter_rows(values_only=True)
    workbook.close()
    column = {name: index for index, name in enumerate(header)}
    ibans = [row[column["IBAN_leverancier"]] for row in rows]
    assert all(is_valid_iban(iban) for iban in ibans)
    assert any(" " in iban for iban in ibans) and any(iban != iban.upper() for iban in ibans)
    assert "NULL" in {row[column["Gefactureerde_uren"]] for row in rows}
    assert any(row[column["Einddatum"]] < row[column["Startdatum"]] for row in rows)


def test_project_planning_has_gaps_and_an_end_before_its_start(
    small_files: dict[str, GeneratedFile],
) -> None:
    projects = pq.read_table(small_files["project-planning"].path).to_pylist()
    assert any(p["projectleider"] is None for p in projects)
    assert any(
        p["werkelijke_einddatum"] is not None and p["werkelijke_einddatum"] < p["startdatum"]
        for p in projects
    )
    keys = [p["project_id"] for p in projects]
    assert len(set(keys)) == len(keys)
