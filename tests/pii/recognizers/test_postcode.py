"""Postcode: four digits (not starting 0) and two letters; never SA, SD, SS; PC4 is not one."""

from __future__ import annotations

import pytest

from governance.pii.recognizers.postcode import POSTCODE
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("1234 AB", True),
        ("1234AB", True),
        ("1234ab", True),
        ("1234 aB", True),
        ("9999 ZZ", True),
        ("1234 SA", False),  # never issued
        ("1234SD", False),
        ("1234 ss", False),
        ("1234", False),  # PC4: an area, not a postcode
        ("0123 AB", False),
        ("1234  AB", False),
        ("1234-AB", False),
        ("12345 AB", False),
        ("1234 ABC", False),
        ("NL-1234 AB", False),
    ],
)
def test_postcode_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(POSTCODE, value) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kerkstraat 1, 3511 AB Utrecht", ["3511 AB"]),
        ("postcode 3511AB", ["3511AB"]),
        ("in 2023 en 2024", []),  # years and words: text needs capitals
        ("postcode 3511", []),
        ("1234 SS", []),
        ("ref 13511 AB", []),
    ],
)
def test_postcode_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(POSTCODE, text) == found
