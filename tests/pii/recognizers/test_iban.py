"""IBAN: mod-97, country lengths, the Dutch BBAN structure, spacing and case."""

from __future__ import annotations

import pytest

from governance.pii.recognizers.iban import IBAN, IBAN_LENGTHS
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("NL91ABNA0417164300", True),
        ("NL91 ABNA 0417 1643 00", True),
        ("nl91abna0417164300", True),
        ("nl91 abna 0417 1643 00", True),
        ("BE68539007547034", True),
        ("BE68 5390 0754 7034", True),
        ("DE89370400440532013000", True),
        ("DE89 3704 0044 0532 0130 00", True),
        ("FR1420041010050500013M02606", True),
        ("ES9121000418450200051332", True),
        ("IT60X0542811101000000123456", True),
        ("LU280019400644750000", True),
        ("AT611904300234573201", True),
        ("GB82WEST12345698765432", True),
        ("NL91ABNA0417164301", False),  # wrong check
        ("NL19ABNA0417164300", False),
        ("NL91ABNA041716430", False),  # one digit short
        ("NL91ABNA04171643000", False),  # one digit long
        ("NL911BNA0417164300", False),  # NL bank code is four letters
        ("BE6853900754703", False),  # Belgian length is 16
        ("XX91ABNA0417164300", False),  # not a country with IBANs here
        ("NL91  ABNA 0417 1643 00", False),  # double space
        ("NL91-ABNA-0417-1643-00", False),
        ("NLXXABNA0417164300", False),
        ("", False),
    ],
)
def test_iban_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(IBAN, value) is valid


def test_required_countries_have_their_lengths() -> None:
    required = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "LU": 20, "AT": 20}
    assert {country: IBAN_LENGTHS[country] for country in required} == required


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Graag overmaken op NL91ABNA0417164300 o.v.v. factuur", ["NL91ABNA0417164300"]),
        ("rekening NL91 ABNA 0417 1643 00 ten name van", ["NL91 ABNA 0417 1643 00"]),
        ("iban nl91abna0417164300.", ["nl91abna0417164300"]),
        ("NL91ABNA0417164301", []),
        ("XNL91ABNA0417164300", []),
    ],
)
def test_iban_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(IBAN, text) == found
