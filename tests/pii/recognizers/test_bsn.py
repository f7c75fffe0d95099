"""BSN: the 11-check, the written shapes, the 8-digit integer export, and text search."""

from __future__ import annotations

import pyarrow as pa
import pytest

from governance.pii.recognizers.bsn import BSN, are_valid_bsn, bsn_checksum, is_valid_bsn
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("1234.56.782", True),  # on letters and forms
        ("1234 56 782", True),
        ("123.456.782", True),
        ("012345672", True),  # leading zero kept
        ("12345672", True),  # the same number from an integer column: 8 digits
        ("  123456782 ", True),  # cells are stripped
        ("123456789", False),  # fails the 11-check: a client number
        ("123456783", False),
        ("000000000", False),  # sum 0
        ("00000000", False),
        ("1234567", False),  # 7 digits
        ("1234567820", False),  # 10 digits
        ("1234.56 782", False),  # mixed separators
        ("12.34.56.782", False),  # not a BSN grouping
        ("1234-56-782", False),
        ("12345678a", False),
        ("", False),
        ("١٢٣٤٥٦٧٨٢", False),  # non-ASCII digits
    ],
)
def test_bsn_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(BSN, value) is valid


def test_integer_column_with_lost_leading_zero() -> None:
    column = pa.array([12345672, 123456782, 123456789, None], type=pa.int64())
    assert are_valid_bsn(column).tolist() == [True, True, False, False]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("BSN: 123456782.", ["123456782"]),
        ("burgerservicenummer 1234.56.782 bekend", ["1234.56.782"]),
        ("bsn 1234 56 782", ["1234 56 782"]),
        ("klantnummer 123456789", []),  # fails the check
        ("bedrag 123456782,50 euro", []),  # an amount, not a number on its own
        ("1123456782", []),  # part of a longer number
        ("ref AB123456782", []),
        ("12345672", []),  # eight digits are not looked for in text
    ],
)
def test_bsn_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(BSN, text) == found


def test_checksum_is_the_weighted_sum() -> None:
    assert bsn_checksum("123456782") == 9 + 16 + 21 + 24 + 25 + 24 + 21 + 16 - 2
    assert is_valid_bsn("123456782")
