"""Kenteken: every sidecode, with and without dashes; dates, postcodes and codes refused."""

from __future__ import annotations

import pytest

from governance.pii.recognizers.kenteken import KENTEKEN, SIDECODES
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text

# one issued example per sidecode
EXAMPLES = {
    1: "AB-12-34",
    2: "12-34-AB",
    3: "12-AB-34",
    4: "GB-12-BD",
    5: "GB-BD-12",
    6: "12-BD-GB",
    7: "12-BDF-3",
    8: "1-KBD-12",
    9: "BD-123-F",
    10: "F-123-BD",
    11: "BDF-12-G",
    12: "G-12-BDF",
    13: "1-BD-123",
    14: "123-BD-4",
}


def test_every_sidecode_has_an_example() -> None:
    assert set(EXAMPLES) == set(SIDECODES)
    for number, plate in EXAMPLES.items():
        shape = "".join("X" if c.isalpha() else "9" if c.isdigit() else c for c in plate)
        assert shape == SIDECODES[number]


@pytest.mark.parametrize("plate", EXAMPLES.values())
def test_each_sidecode_with_dashes_and_lower_case(plate: str) -> None:
    assert cell_is_valid(KENTEKEN, plate)
    assert cell_is_valid(KENTEKEN, plate.lower())


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("GB12BD", True),  # compact, consonants, sidecode 4
        ("12BDF3", True),  # sidecode 7
        ("BDF12G", True),  # sidecode 11
        ("XP-VB-12", True),
        ("KA-12-BE", True),  # dashed: vowels accepted
        ("AB1234", False),  # compact old sidecode: as often a code
        ("12AB34", False),
        ("1234AB", False),  # a postcode
        ("KA12BE", False),  # compact with vowels: a code, not a plate
        ("12-03-85", False),  # a date
        ("1-MRT-85", False),  # a date with a month, not sidecode 8
        ("3-JAN-99", False),
        ("SS-12-BD", False),  # never issued
        ("12-SD-34", False),
        ("BD-12-PVV", False),  # not a sidecode, and never issued
        ("GVD-12-B", False),
        ("AB-12-345", False),  # no such sidecode
        ("A-1-B", False),
        ("GB--12-BD", False),
        ("GB 12 BD", False),
    ],
)
def test_kenteken_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(KENTEKEN, value) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("auto met kenteken 12-BDF-3 stond fout", ["12-BDF-3"]),
        ("Kenteken: gb-12-bd.", ["gb-12-bd"]),
        ("code GB12BD in het systeem", []),  # text needs the dashes
        ("op 1-MRT-85 geboren", []),
        ("artikel AB-12-34-56", []),
    ],
)
def test_kenteken_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(KENTEKEN, text) == found
