"""Properties: nothing crashes on arbitrary text; the vectorised validators agree with the
scalar ones; the validators agree with python-stdnum where it has one."""

from __future__ import annotations

import datetime
import re
import string

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum import luhn as stdnum_luhn
from stdnum.exceptions import ValidationError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from governance.pii.recognizers import RECOGNIZERS, Recognizer
from governance.pii.recognizers.bsn import bsn_checksum, is_valid_bsn
from governance.pii.recognizers.credit_card import is_valid_card, luhn_ok
from governance.pii.recognizers.dates import parse_dates
from governance.pii.recognizers.iban import is_valid_iban
from governance.pii.recognizers.mask import mask, top_shapes
from governance.pii.recognizers.names import looks_like_name, name_evidence, names_in_text
from governance.pii.recognizers.postcode import is_valid_postcode

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DIGITS = "0123456789"

# --- nothing crashes ---------------------------------------------------------------------


@FAST
@given(st.text(max_size=60))
@example("")
@example("\n")
@example("1234.56.782\n")
def test_no_recognizer_crashes_on_arbitrary_text(text: str) -> None:
    for recognizer in RECOGNIZERS:
        assert isinstance(recognizer.is_valid(text), bool)
        assert isinstance(recognizer.find(text), list)
        assert recognizer.are_valid is not None
        assert recognizer.are_valid(pa.array([text])).shape == (1,)
    assert isinstance(mask(text), str)
    assert isinstance(looks_like_name(text), bool)
    assert all(0 <= start < end <= len(text) for start, end in names_in_text(text))
    assert parse_dates(pa.array([text])).dtype == np.dtype("datetime64[D]")


@FAST
@given(st.lists(st.one_of(st.none(), st.text(max_size=25)), max_size=30))
def test_column_helpers_do_not_crash(values: list[str | None]) -> None:
    column = pa.array(values, pa.string())
    evidence = name_evidence(column)
    assert 0 <= evidence.matches <= evidence.non_null <= len(values)
    assert sum(count for _, count in top_shapes(column)) <= len(values)
    assert len(parse_dates(column)) == len(values)


# --- are_valid agrees with is_valid ------------------------------------------------------


def _shape_of(recognizer: Recognizer) -> str:
    """The cell pattern without its anchors, for Hypothesis to draw matching strings."""
    return recognizer.cell_regex[1:-1]


@pytest.mark.parametrize("recognizer", RECOGNIZERS, ids=lambda r: r.name)
def test_are_valid_agrees_with_is_valid(recognizer: Recognizer) -> None:
    shaped = st.from_regex(re.compile(_shape_of(recognizer)), fullmatch=True)
    values = st.lists(st.one_of(shaped, st.text(max_size=30), st.none()), max_size=25)

    @FAST
    @given(values)
    def check(batch: list[str | None]) -> None:
        assert recognizer.are_valid is not None
        vector = recognizer.are_valid(pa.array(batch, pa.string())).tolist()
        scalar = [value is not None and recognizer.is_valid(value) for value in batch]
        assert vector == scalar

    check()


# --- agreement with python-stdnum ----------------------------------------------------------


def _stdnum_ok(validate: object, value: str, **options: bool) -> bool:
    try:
        validate(value, **options)  # type: ignore[operator]
    except ValidationError:
        return False
    return True


@FAST
@given(st.text(DIGITS, min_size=8, max_size=9), st.sampled_from(["", ".", " "]))
@example("111222333", "")
@example("000000012", "")  # weighted sum 0: stdnum accepts, the framework's rule does not
def test_bsn_agrees_with_stdnum(digits: str, separator: str) -> None:
    written = digits
    if separator and len(digits) == 9:
        written = separator.join([digits[:4], digits[4:6], digits[6:]])
    ours = is_valid_bsn(written)
    theirs = stdnum_bsn.is_valid(written)
    # like with like: the framework also refuses a weighted sum of 0 (stdnum: a number of 0)
    assert ours == (theirs and bsn_checksum(digits.zfill(9)) != 0)


def _with_check_digits(country: str, bban: str) -> str:
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


_BBANS = {
    "NL": st.tuples(
        st.text(string.ascii_uppercase, min_size=4, max_size=4),
        st.text(DIGITS, min_size=10, max_size=10),
    ).map("".join),
    "BE": st.text(DIGITS, min_size=12, max_size=12),
    "DE": st.text(DIGITS, min_size=18, max_size=18),
    "AT": st.text(DIGITS, min_size=16, max_size=16),
    "ES": st.text(DIGITS, min_size=20, max_size=20),
}


@FAST
@given(
    st.sampled_from(sorted(_BBANS)).flatmap(lambda c: st.tuples(st.just(c), _BBANS[c])),
    st.one_of(st.none(), st.text(DIGITS, min_size=2, max_size=2)),
    st.booleans(),
    st.booleans(),
)
def test_iban_agrees_with_stdnum(
    country_bban: tuple[str, str], check: str | None, spaced: bool, lower: bool
) -> None:
    country, bban = country_bban
    iban = _with_check_digits(country, bban)
    if check is not None:  # a random check: mostly wrong
        iban = iban[:2] + check + iban[4:]
    if spaced:
        iban = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    if lower:
        iban = iban.lower()
    theirs = _stdnum_ok(stdnum_iban.validate, iban, check_country=False)
    assert is_valid_iban(iban) == theirs


@FAST
@given(
    st.sampled_from(["4", "51", "55", "2221", "2720", "34", "37", "6011", "65"]),
    st.integers(min_value=13, max_value=19),
    st.data(),
)
def test_luhn_agrees_with_stdnum(prefix: str, length: int, data: st.DataObject) -> None:
    rest = data.draw(st.text(DIGITS, min_size=length - len(prefix), max_size=length - len(prefix)))
    number = prefix + rest
    assert luhn_ok(number) == stdnum_luhn.is_valid(number)
    if prefix == "4" and length == 16:
        assert is_valid_card(number) == stdnum_luhn.is_valid(number)


@FAST
@given(
    st.text(DIGITS, min_size=4, max_size=4),
    st.text(string.ascii_letters, min_size=2, max_size=2),
    st.sampled_from(["", " "]),
)
@example("1234", "SA", " ")
@example("1234", "sd", "")
@example("0123", "AB", " ")
def test_postcode_agrees_with_stdnum(digits: str, letters: str, space: str) -> None:
    value = f"{digits}{space}{letters}"
    assert is_valid_postcode(value) == stdnum_postcode.is_valid(value)


# --- helpers' own properties ----------------------------------------------------------------


def _same_class_substitute(text: str) -> str:
    """Every digit, capital and small letter replaced by another of its class."""
    out = []
    for char in text:
        if char.isdigit() or char.isnumeric():
            out.append("7")
        elif char.isalpha():
            out.append("Q" if char.isupper() else "q")
        else:
            out.append(char)
    return "".join(out)


@FAST
@given(st.text(max_size=80))
def test_mask_depends_only_on_character_classes(text: str) -> None:
    shape = mask(text)
    assert shape == mask(_same_class_substitute(text))
    # only the class letters survive; digits only as run lengths
    assert all(not char.isalnum() or char in "dLl" for char in re.sub(r"\{\d+\}", "", shape))


@FAST
@given(
    st.dates(min_value=datetime.date(1000, 1, 1)),
    st.sampled_from(["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S"]),
)
def test_formatted_dates_parse_back(day: datetime.date, fmt: str) -> None:
    text = day.strftime(fmt)
    assert parse_dates(pa.array([text]))[0] == np.datetime64(day, "D")
