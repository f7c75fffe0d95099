"""`governance scan` end to end on small files: decisions, evidence, hard negatives, privacy."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from faker import Faker

from governance.errors import ExitCode
from governance.synthetic.identifiers import dotted_bsn, make_bsn, make_iban, make_non_bsn
from tests.builders import valid_document, with_change, write_yaml

ROWS = 400
LETTERS = "BCEGHJKLMNPRTVXZ"  # no SA, SD, SS can arise


def _columns(rng: random.Random, fake: Faker) -> dict[str, list[str]]:
    """Column header → values; the expected entities are in EXPECTED below."""

    def day(start: date, span_days: int) -> date:
        return start + timedelta(days=rng.randint(0, span_days))

    def remark(i: int) -> str:
        if i % 25 == 0:
            return f"Graag terugbellen op 06-{rng.randint(10000000, 99999999)} na 14:00"
        return rng.choice(
            ["Aanvraag compleet", "Wacht op advies van de arts", "Geen bijzonderheden"]
        )

    return {
        "Client_BSN": [make_bsn(rng) if i % 10 else dotted_bsn(make_bsn(rng)) for i in range(ROWS)],
        "bsn": [make_non_bsn(rng) for _ in range(ROWS)],  # client numbers under a misleading header
        "kolom_3": [make_iban(rng) for _ in range(ROWS)],
        "pc4": [str(rng.randint(1000, 9999)) for _ in range(ROWS)],
        "Postcode": [
            f"{rng.randint(1000, 9999)} {rng.choice(LETTERS)}{rng.choice(LETTERS)}"
            for _ in range(ROWS)
        ],
        "geboortejaar": [str(rng.randint(1930, 2015)) for _ in range(ROWS)],
        "datum_aanvraag": [day(date(2024, 1, 1), 600).strftime("%d-%m-%Y") for _ in range(ROWS)],
        "veld9": [day(date(1935, 1, 1), 80 * 365).isoformat() for _ in range(ROWS)],
        "bedrag": [f"{rng.randint(1, 9999)},{rng.randint(0, 99):02d}" for _ in range(ROWS)],
        "latitude": [f"{rng.uniform(51.5, 52.5):.6f}" for _ in range(ROWS)],
        "melder_email": [f"{fake.user_name()}@voorbeeld.nl" for _ in range(ROWS)],
        "Opmerking": [remark(i) for i in range(ROWS)],
        "kaart": [f"**** **** **** {rng.randint(1000, 9999)}" for _ in range(ROWS)],
        "Naam": [fake.name() for _ in range(ROWS)],
        "Leverancier": [fake.company() for _ in range(ROWS)],
    }


EXPECTED: dict[str, list[str]] = {
    "Client_BSN": ["BSN"],
    "bsn": [],
    "kolom_3": ["IBAN"],
    "pc4": [],
    "Postcode": ["POSTCODE"],
    "geboortejaar": [],
    "datum_aanvraag": [],
    "veld9": ["DATE_OF_BIRTH"],
    "bedrag": [],
    "latitude": [],
    "melder_email": ["EMAIL_ADDRESS"],
    "Opmerking": ["PHONE_NUMBER"],
    "kaart": [],
    "Naam": ["PERSON"],
    "Leverancier": [],
}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    rng, fake = random.Random(7), Faker("nl_NL")
    fake.seed_instance(7)
    columns = _columns(rng, fake)
    path = tmp_path_factory.mktemp("scan") / "export.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(columns)
        writer.writerows(zip(*columns.values(), strict=True))
    return path, columns


def _scan(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "governance", "scan", *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="module")
def scanned(export: tuple[Path, dict[str, list[str]]]) -> dict[str, Any]:
    run = _scan(str(export[0]), "--format", "json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("column", sorted(EXPECTED))
def test_each_column_is_decided_right(scanned: dict[str, Any], column: str) -> None:
    decided = {c["name"]: c["entities"] for c in scanned["columns"]}
    assert decided[column] == EXPECTED[column], next(
        c for c in scanned["columns"] if c["name"] == column
    )


def test_the_contract_fields(scanned: dict[str, Any], export: tuple[Path, Any]) -> None:
    assert scanned["rows"] == ROWS and scanned["rows_scanned"] == ROWS
    assert [c["name"] for c in scanned["columns"]] == list(EXPECTED)
    bsn = next(c for c in scanned["columns"] if c["name"] == "Client_BSN")
    finding = bsn["findings"][0]
    assert finding["entity"] == "BSN" and finding["match_rate"] > 0.95
    assert any("11-check" in e for e in finding["evidence"])


def test_client_numbers_are_explained(scanned: dict[str, Any]) -> None:
    notes = next(c for c in scanned["columns"] if c["name"] == "bsn")["notes"]
    assert any("BSN" in note and "11-check" in note for note in notes)


def test_no_raw_value_reaches_the_report(scanned: dict[str, Any], export: tuple[Path, Any]) -> None:
    text = json.dumps(scanned)
    values = {v for column in export[1].values() for v in column if len(v) >= 6}
    leaked = [v for v in values if v in text]
    assert leaked == []


def test_sample_scans_the_first_rows(export: tuple[Path, Any]) -> None:
    run = _scan(str(export[0]), "--sample", "50", "--format", "json")
    report = json.loads(run.stdout)
    assert (report["rows_scanned"], report["rows"]) == (50, ROWS)


def test_table_output_names_columns_and_entities(export: tuple[Path, Any]) -> None:
    run = _scan(str(export[0]))
    assert run.returncode == 0 and "Client_BSN" in run.stdout and "BSN" in run.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.csv", b"", "empty"),
        ("rommel.csv", bytes(range(256)) * 20, "rommel.csv"),
        ("data.txt", b"a,b\n1,2\n", ".txt"),
        ("kapot.parquet", b"", "parquet"),
    ],
)
def test_bad_files_exit_2_without_traceback(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    run = _scan(str(path))
    assert run.returncode == ExitCode.BAD_INPUT, run.stderr
    assert "Traceback" not in run.stderr and message in run.stderr


def test_a_header_only_file_gives_an_empty_report(tmp_path: Path) -> None:
    path = tmp_path / "kop.csv"
    path.write_text("bsn;naam\n", encoding="utf-8")
    run = _scan(str(path), "--format", "json")
    report = json.loads(run.stdout)
    assert run.returncode == 0 and report["rows"] == 0
    assert [c["entities"] for c in report["columns"]] == [[], []]


def test_a_ragged_row_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "scheef.csv"
    path.write_text("a;b;c\n1;2;3\n4;5\n", encoding="utf-8")
    run = _scan(str(path))
    assert run.returncode == ExitCode.BAD_INPUT and "line 3" in run.stderr


def test_a_workbook_with_several_sheets_asks_for_one(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["bsn"])
    book.create_sheet("Tweede").append(["naam"])
    book.save(tmp_path / "twee.xlsx")
    run = _scan(str(tmp_path / "twee.xlsx"))
    assert run.returncode == ExitCode.BAD_INPUT and "--sheet" in run.stderr
    picked = _scan(str(tmp_path / "twee.xlsx"), "--sheet", "Tweede", "--format", "json")
    assert picked.returncode == 0 and json.loads(picked.stdout)["columns"][0]["name"] == "naam"


def test_a_file_without_a_header_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "geen-kop.csv"
    path.write_text(
        "Matthijs Dekker;111222333;1234 AB\nAnna de Wit;123456782;4321 BA\n", encoding="utf-8"
    )
    run = _scan(str(path))
    assert run.returncode == ExitCode.BAD_INPUT and "looks like data" in run.stderr
    assert "Dekker" not in run.stderr + run.stdout


def test_headers_that_merely_look_like_initials_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "coordinaten.csv"
    path.write_text("RD X;RD Y\n155000;463000\n", encoding="utf-8")
    run = _scan(str(path), "--format", "json")
    assert run.returncode == 0, run.stderr
    assert [c["name"] for c in json.loads(run.stdout)["columns"]] == ["RD X", "RD Y"]


def test_a_missing_file_is_named_as_such(tmp_path: Path) -> None:
    run = _scan(str(tmp_path / "weg.csv"))
    assert run.returncode == ExitCode.BAD_INPUT and "no such file" in run.stderr


def test_unknown_target_is_bad_input(tmp_path: Path) -> None:
    env = {**os.environ, "GOVERNANCE_DB": f"sqlite:///{tmp_path}/g.db"}
    run = _scan("bestaat-niet", env=env)
    assert run.returncode == ExitCode.BAD_INPUT and "bestaat-niet" in run.stderr


def test_a_registered_dataset_is_compared_stored_and_audited(
    tmp_path: Path, export: tuple[Path, Any]
) -> None:
    env = {**os.environ, "GOVERNANCE_DB": f"sqlite:///{tmp_path}/g.db"}
    document = with_change(valid_document("export"), "source.location", str(export[0]))
    document["columns"] = [
        {"name": "Client_BSN", "type": "string", "pii": "BSN"},
        {"name": "kaart", "type": "string", "pii": "CREDIT_CARD"},
    ]
    path = write_yaml(document, tmp_path / "catalog" / "export.yaml")
    subprocess.run(
        [sys.executable, "-m", "governance", "catalog", "import", str(path)],
        env=env,
        check=True,
        capture_output=True,
    )
    run = _scan("export", "--format", "json", env=env)
    assert run.returncode == ExitCode.CHECKS_FAILED, run.stderr
    report = json.loads(run.stdout)
    undeclared = {d["column"] for d in report["comparison"]["undeclared"]}
    assert {"kolom_3", "Postcode", "Naam", "Opmerking"} <= undeclared
    assert "Client_BSN" not in undeclared
    assert report["comparison"]["declared_not_found"] == [
        {"column": "kaart", "entities": ["CREDIT_CARD"]}
    ]
    audit = subprocess.run(
        [sys.executable, "-m", "governance", "audit", "verify", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert json.loads(audit.stdout)["entries"] == 2  # the import and the scan
