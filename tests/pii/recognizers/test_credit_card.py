"""Payment cards: Luhn, issuer prefixes and lengths, grouping; masked forms refused."""

from __future__ import annotations

import pytest

from governance.pii.recognizers.credit_card import CREDIT_CARD, luhn_ok
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("4111111111111111", True),  # Visa
        ("4111 1111 1111 1111", True),
        ("4111-1111-1111-1111", True),
        ("4222222222222", True),  # Visa, 13 digits
        ("5555555555554444", True),  # Mastercard
        ("2223003122003222", True),  # Mastercard 2-series
        ("378282246310005", True),  # American Express
        ("3782 822463 10005", True),
        ("6011111111111117", True),  # Discover
        ("3530111333300000", True),  # JCB
        ("30569309025904", True),  # Diners Club
        ("4111111111111112", False),  # fails Luhn
        ("1234567812345670", False),  # passes Luhn, no issuer starts with 1
        ("378282246310005" + "0", False),  # American Express is 15 digits
        ("**** **** **** 1111", False),  # masked
        ("XXXX-XXXX-XXXX-1111", False),
        ("4111 11** **** 1111", False),
        ("411111******1111", False),
        ("4111 1111-1111 1111", False),  # mixed separators
        ("4111  1111 1111 1111", False),
        ("411111111111", False),  # 12 digits
        ("41111111111111111111", False),  # 20 digits
    ],
)
def test_card_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(CREDIT_CARD, value) is valid


def test_luhn() -> None:
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("betaald met 4111 1111 1111 1111 gisteren", ["4111 1111 1111 1111"]),
        ("kaart **** **** **** 1111", []),
        ("kaart 4111-1111-1111-1112", []),
        ("iban XX89 4111 1111 1111 1111 00", []),  # inside a spaced IBAN
    ],
)
def test_card_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(CREDIT_CARD, text) == found
