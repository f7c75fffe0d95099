"""The benchmark's values must be what their labels say: cross-checked with python-stdnum.

A BSN that fails the 11-check or an IBAN with wrong check digits in a labelled column
would punish a scanner for being right, so every generator is checked against an
independent implementation where one exists.
"""

from __future__ import annotations

import ipaddress
import random
import re

import pytest
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.nl import bsn as std_bsn
from stdnum.nl import postcode as std_postcode

from bench.pii import identifiers as ids

SEEDS = range(5)
MANY = 400


@pytest.fixture(params=SEEDS)
def rng(request: pytest.FixtureRequest) -> random.Random:
    return random.Random(request.param)


def test_bsns_pass_the_eleven_check(rng: random.Random) -> None:
    for _ in range(MANY):
        number = ids.bsn(rng)
        assert len(number) == 9 and number[0] != "0"
        assert std_bsn.is_valid(number) and ids.eleven_check(number)


def test_bsns_with_a_leading_zero_stay_valid_without_it(rng: random.Random) -> None:
    for _ in range(MANY):
        number = ids.bsn(rng, leading_zero=True)
        assert number.startswith("0") and number[1] != "0"
        assert std_bsn.is_valid(number.lstrip("0"))


def test_dotted_form() -> None:
    assert ids.dotted_bsn("123456782") == "1234.56.782"


def test_client_numbers_fail_the_eleven_check(rng: random.Random) -> None:
    for _ in range(MANY):
        number = ids.failing_nine_digits(rng)
        assert len(number) == 9 and not std_bsn.is_valid(number)


def test_eleven_check_agrees_with_stdnum(rng: random.Random) -> None:
    for _ in range(MANY * 5):
        number = f"{rng.randrange(10**9):09d}"
        assert ids.eleven_check(number) == std_bsn.is_valid(number), number


@pytest.mark.parametrize("make", [ids.iban_nl, ids.iban_be, ids.iban_de])
def test_ibans_are_valid(make: object, rng: random.Random) -> None:
    for _ in range(MANY):
        compact = make(rng)  # type: ignore[operator]
        assert std_iban.is_valid(compact)
        assert std_iban.is_valid(ids.spaced(compact))
        assert std_iban.is_valid(compact.lower())


def test_cards_pass_luhn_and_masks_are_not_numbers(rng: random.Random) -> None:
    for _ in range(MANY):
        number = ids.card_number(rng)
        assert luhn.is_valid(number) and len(number) in (15, 16)
        assert ids.card_print(number).replace(" ", "") == number
        masked = ids.masked_card(rng)
        assert not masked.isdigit() and any(c in masked for c in "*X")


def test_postcodes_are_issued_forms(rng: random.Random) -> None:
    for _ in range(MANY):
        code = ids.postcode(rng)
        assert code[0] != "0" and code[4:] not in ("SA", "SD", "SS")
        for style in ("space", "compact", "lower", "lowercompact"):
            assert std_postcode.is_valid(ids.postcode_form(code, style))


SIDECODE_RE = {
    layout: re.compile(
        "^" + layout.replace("X", f"[{ids.PLATE_LETTERS}]").replace("9", "[0-9]") + "$"
    )
    for layout in ids.SIDECODES
}


def test_plates_follow_their_sidecode(rng: random.Random) -> None:
    for layout in ids.SIDECODES:
        assert SIDECODE_RE[layout].match(ids.plate(rng, layout))
    for _ in range(MANY):
        written = ids.plate(rng)
        assert any(pattern.match(written) for pattern in SIDECODE_RE.values()), written


@pytest.mark.parametrize("style", ids.PHONE_STYLES)
def test_phone_numbers_have_nine_national_digits(style: str, rng: random.Random) -> None:
    for _ in range(50):
        written = ids.phone_number(rng, style)
        digits = re.sub(r"\(0\)", "", written)
        digits = re.sub(r"\D", "", digits)
        if digits.startswith("0031"):
            digits = digits[4:]
        elif written.startswith("+31"):
            digits = digits[2:]
        else:
            assert digits.startswith("0")
            digits = digits[1:]
        assert len(digits) == 9 and digits[0] != "0", written


def test_unknown_phone_style_is_an_error(rng: random.Random) -> None:
    with pytest.raises(ValueError):
        ids.phone_number(rng, "fax")


def test_ip_addresses_parse(rng: random.Random) -> None:
    for _ in range(MANY):
        assert ipaddress.ip_address(ids.ipv4(rng)).version == 4
        assert ipaddress.ip_address(ids.ipv6(rng)).version == 6
