"""BSN 11-check and IBAN mod-97: known cases, and properties of what the generator makes."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.synthetic.identifiers import (
    bsn_checksum,
    dotted_bsn,
    is_valid_bsn,
    is_valid_iban,
    make_bsn,
    make_iban,
    make_non_bsn,
    spaced_iban,
)

seeds = st.integers(min_value=0, max_value=2**64 - 1)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("1234.56.782", True),  # written with dots
        ("1234 56 782", True),
        ("012345672", True),  # leading zero
        ("12345672", True),  # the same number exported as an integer, 8 digits
        ("123456789", False),  # fails the 11-check
        ("123456783", False),
        ("000000000", False),  # sum 0 is not a BSN
        ("1234567", False),  # too short
        ("1234567820", False),  # too long
        ("12345678a", False),
        ("", False),
        ("١٢٣٤٥٦٧٨٢", False),  # non-ASCII digits
    ],
)
def test_bsn_eleven_check_table(value: str, valid: bool) -> None:
    assert is_valid_bsn(value) is valid


@given(seeds, st.booleans())
def test_generated_bsn_passes_the_eleven_check(seed: int, leading_zero: bool) -> None:
    bsn = make_bsn(random.Random(seed), leading_zero=leading_zero)
    assert len(bsn) == 9 and bsn.isdigit()
    assert bsn.startswith("0") is leading_zero
    assert is_valid_bsn(bsn)
    assert is_valid_bsn(dotted_bsn(bsn))
    assert is_valid_bsn(str(int(bsn)))  # what a numeric column exports


@given(seeds, st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_a_single_wrong_digit_fails_the_eleven_check(seed: int, position: int, shift: int) -> None:
    bsn = make_bsn(random.Random(seed))
    wrong = (int(bsn[position]) + shift) % 10
    mutated = bsn[:position] + str(wrong) + bsn[position + 1 :]
    assert not is_valid_bsn(mutated)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_bsn_check_agrees_with_the_formula(digits: str) -> None:
    total = sum(w * int(d) for w, d in zip((9, 8, 7, 6, 5, 4, 3, 2, -1), digits, strict=True))
    assert bsn_checksum(digits) == total
    assert is_valid_bsn(digits) is (total != 0 and total % 11 == 0)


@given(seeds)
def test_client_numbers_fail_the_eleven_check(seed: int) -> None:
    number = make_non_bsn(random.Random(seed))
    assert len(number) == 9 and not is_valid_bsn(number)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("NL91ABNA0417164300", True),
        ("NL91 ABNA 0417 1643 00", True),
        ("nl91abna0417164300", True),
        ("NL91ABNA0417164301", False),
        ("NL19ABNA0417164300", False),
        ("NL91ABNA041716430", False),
        ("NLXXABNA0417164300", False),
        ("", False),
    ],
)
def test_iban_mod97_table(value: str, valid: bool) -> None:
    assert is_valid_iban(value) is valid


@given(seeds)
def test_generated_iban_passes_mod97(seed: int) -> None:
    iban = make_iban(random.Random(seed))
    assert len(iban) == 18 and iban.startswith("NL")
    assert iban[4:8].isalpha() and iban[8:].isdigit()
    assert is_valid_iban(iban)
    assert is_valid_iban(spaced_iban(iban))
    assert is_valid_iban(iban.lower())


@given(seeds, st.integers(min_value=8, max_value=17), st.integers(min_value=1, max_value=9))
def test_a_single_wrong_account_digit_fails_mod97(seed: int, position: int, shift: int) -> None:
    iban = make_iban(random.Random(seed))
    wrong = (int(iban[position]) + shift) % 10
    assert not is_valid_iban(iban[:position] + str(wrong) + iban[position + 1 :])
