"""Column decisions on small tables, one case per way a real export writes its values
(found by an independent red-team benchmark); scanned in-process through `scan_file`."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from governance.scanning import scan_file
from governance.synthetic.identifiers import make_bsn

ROWS = 300
RNG = random.Random(11)


def _phone_spaced_hyphen() -> str:
    return f"010 - {RNG.randint(100, 999)} {RNG.randint(10, 99)} {RNG.randint(10, 99)}"


def _birth_compact() -> str:
    day = date(1940, 1, 1) + timedelta(days=RNG.randint(0, 70 * 365))
    return day.strftime("%Y%m%d")


def _plate_undashed() -> str:
    letters = "BDFGHJKLNPRSTVXZ"
    return f"{RNG.choice(letters)}{RNG.choice(letters)}{RNG.randint(1000, 9999)}"


def _version() -> str:
    return f"{RNG.randint(1, 9)}.{RNG.randint(0, 9)}.{RNG.randint(0, 9)}.{RNG.randint(100, 999)}"


def _address_huis() -> str:
    return f"{RNG.choice(['Kerkstraat', 'Dorpsweg', 'Molenlaan'])} {RNG.randint(1, 200)}-huis"


def _tel_prefix() -> str:
    return f"tel: 06-{RNG.randint(10000000, 99999999)}"


def _phone_lost_zero() -> str:
    return f"6{RNG.randint(10000000, 99999999)}"


def _phone_or_unknown() -> str:
    return "onbekend" if RNG.random() < 0.5 else f"06-{RNG.randint(10000000, 99999999)}"


def _hire_date() -> str:
    return (date(1985, 1, 1) + timedelta(days=RNG.randint(0, 39 * 365))).strftime("%d-%m-%Y")


def _rare_note(index: int) -> str:
    if index % 150 == 0:  # 0.7 % of the cells, far beyond any sampling cap's reach
        return f"Contact via 06-{RNG.randint(10000000, 99999999)} opgenomen"
    return RNG.choice(
        [
            "Melding 2024-05-01 afgehandeld, container 12 geleegd",
            "Zaak Z-2024-001234 doorgezet naar team 3",
            "Bedrag van 1.234,56 euro overgemaakt op 12-03-2024",
        ]
    )


CASES = [
    ("Telefoon", _phone_spaced_hyphen, ["PHONE_NUMBER"]),
    ("GEBDAT", _birth_compact, ["DATE_OF_BIRTH"]),
    ("kenteken", _plate_undashed, ["LICENSE_PLATE"]),
    ("kolom_9", _plate_undashed, []),  # without the header a compact plate is a code
    ("versie", _version, []),
    ("Straat", _address_huis, ["STREET_ADDRESS"]),
    ("Telefoon contact", _tel_prefix, ["PHONE_NUMBER"]),
    ("kenmerk", lambda: make_bsn(RNG), ["BSN"]),
    ("Datum in dienst", _hire_date, []),  # dates spread over decades, but not births
    ("Mobiel", _phone_lost_zero, ["PHONE_NUMBER"]),  # an Excel number lost its 0
    ("Tel. nr.", _phone_or_unknown, ["PHONE_NUMBER"]),  # half the cells: "onbekend"
]


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    path = tmp_path_factory.mktemp("cases") / "cases.csv"
    headers = [header for header, _, _ in CASES] + ["notitie"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers)
        for index in range(ROWS * 10):
            writer.writerow([make() for _, make, _ in CASES] + [_rare_note(index)])
    report = scan_file(Path(path))
    return {c.name: [e.value for e in c.entities] for c in report.columns}


@pytest.mark.parametrize(("header", "expected"), [(h, e) for h, _, e in CASES])
def test_column_is_decided(decided: dict[str, list[str]], header: str, expected: list[str]) -> None:
    assert decided[header] == expected


def test_rare_pii_in_long_free_text_is_found(decided: dict[str, list[str]]) -> None:
    assert decided["notitie"] == ["PHONE_NUMBER"]
