"""Dutch phone numbers: national and international forms, separators; not 9 or 11 digits,
dates, amounts or BSNs."""

from __future__ import annotations

import pytest

from governance.pii.recognizers.phone import PHONE
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("0612345678", True),
        ("06-12345678", True),
        ("06 12345678", True),
        ("06 1234 5678", True),
        ("06 12 34 56 78", True),
        ("06.12.34.56.78", True),
        ("010-1234567", True),
        ("020 123 4567", True),
        ("0314-123456", True),
        ("(010) 1234567", True),
        ("(0314) 123456", True),
        ("+31612345678", True),
        ("+31 6 12345678", True),
        ("+31 (0)6 12345678", True),
        ("+31(0)6-12345678", True),
        ("0031 6 12345678", True),
        ("0031612345678", True),
        ("+31 10 123 4567", True),
        ("+31 314 123456", True),
        ("088 123 4567", True),  # nationwide number
        ("061234567", False),  # 9 digits
        ("06123456789", False),  # 11 digits
        ("123456782", False),  # a BSN, 9 digits
        ("012345672", False),  # a BSN with its leading zero: 9 digits
        ("01-02-1985", False),  # a date
        ("0,50", False),  # an amount
        ("1234567890", False),  # 10 digits without the national 0
        ("31612345678", False),  # country code without + or 00: refused
        ("+32 2 123 45 67", False),  # Belgian
        ("0800-1234", False),  # service number
        ("0800 1234567", False),
        ("0900-1234567", False),
        ("0900 123 456", False),  # 10 digits, but a paid service number
        ("0970 1234 5678", False),  # machine-to-machine
        ("06--12345678", False),
        ("(06) 12345678", False),  # brackets hold a real area code only
        ("+31 (0) 06 12345678", False),
        ("tel: 06-12345678", False),  # a cell with a label is not a phone cell
    ],
)
def test_phone_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(PHONE, value) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bel mij op 06-12345678 of mail", ["06-12345678"]),
        ("tel. +31 (0)6 12345678.", ["+31 (0)6 12345678"]),
        ("kantoor (010) 1234567, mobiel 0612345678", ["(010) 1234567", "0612345678"]),
        ("bsn 123456782 en klantnr 0612345678901", []),
        ("op 01-02-1985 geboren", []),
        ("bedrag 0612345678,00", []),
        ("iban NL91 ABNA 0417 1643 00", []),  # the digits of a spaced IBAN
        ("naar 0612345678 bellen", ["0612345678"]),
    ],
)
def test_phone_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(PHONE, text) == found
