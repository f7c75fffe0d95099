"""Pseudonyms: stable within a recipient, different across recipients, blind to how a value
is written, nulls kept, and never themselves a BSN."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers.bsn import are_valid_bsn, is_valid_bsn
from governance.sharing import normalise, pseudonymise_column, recipient_key
from tests.sharing.helpers import bsn, synthetic_bsn

KEY = bytes(range(32))
BSN_A = bsn("31415926")
BSN_ZERO = bsn("09876543")  # a leading zero, lost when a source column was numeric
PSEUDONYM = re.compile(r"[0-9a-f]{24}")


def pseudonyms(values: list[str | None], key: bytes = KEY, entity: PiiEntity | None = None):
    return pseudonymise_column(pa.array(values, type=pa.string()), key, entity).to_pylist()


def one(value: str, entity: PiiEntity | None, key: bytes = KEY) -> str:
    (result,) = pseudonyms([value], key, entity)
    assert result is not None
    return result


def test_recipient_keys_differ_per_recipient_and_from_the_key() -> None:
    first = recipient_key(KEY, "dataplatform")
    assert len(first) == 32
    assert first == recipient_key(KEY, "dataplatform")
    assert first != recipient_key(KEY, "cbs")
    assert first != KEY
    assert recipient_key(KEY, "cbs") != recipient_key(bytes(32), "cbs")


def test_same_person_same_pseudonym_within_one_recipient() -> None:
    key = recipient_key(KEY, "dataplatform")
    first = pseudonyms([BSN_A, BSN_ZERO, BSN_A], key, PiiEntity.BSN)
    again = pseudonyms([BSN_ZERO, BSN_A], key, PiiEntity.BSN)
    assert first[0] == first[2] == again[1]
    assert first[1] == again[0]
    assert first[0] != first[1]


def test_same_person_different_pseudonyms_across_recipients() -> None:
    values = [BSN_A, BSN_ZERO]
    for_platform = pseudonyms(values, recipient_key(KEY, "dataplatform"), PiiEntity.BSN)
    for_research = pseudonyms(values, recipient_key(KEY, "onderzoek"), PiiEntity.BSN)
    assert set(for_platform).isdisjoint(for_research)


@pytest.mark.parametrize(
    "variant",
    [
        BSN_ZERO,
        BSN_ZERO.lstrip("0"),  # numeric export: 8 digits
        f"{BSN_ZERO[:4]}.{BSN_ZERO[4:6]}.{BSN_ZERO[6:]}",  # on letters: 1234.56.782
        f"{BSN_ZERO[:4]} {BSN_ZERO[4:6]} {BSN_ZERO[6:]}",
        f"{BSN_ZERO[:3]}.{BSN_ZERO[3:6]}.{BSN_ZERO[6:]}",
        f"{BSN_ZERO[:8]} {BSN_ZERO[8]}",  # '12345678 2'
        f"  {BSN_ZERO}\t",
        f"{BSN_ZERO[:4]}-{BSN_ZERO[4:]}",
    ],
)
def test_formatting_variants_of_a_bsn_share_one_pseudonym(variant: str) -> None:
    assert one(variant, PiiEntity.BSN) == one(BSN_ZERO, PiiEntity.BSN)


@pytest.mark.parametrize(
    ("entity", "variants"),
    [
        (PiiEntity.IBAN, ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300"]),
        (
            PiiEntity.EMAIL_ADDRESS,
            [
                "J.Jansen@Rivierstad.example",
                " j.jansen@rivierstad.example ",
                "J.JANSEN@RIVIERSTAD.EXAMPLE",
            ],
        ),
        (
            PiiEntity.PHONE_NUMBER,
            [
                "0612345678",
                "06-12345678",
                "06 1234 5678",
                "+31 6 12345678",
                "+31 (0)6 1234 5678",
                "0031612345678",
                "31612345678",
            ],
        ),
        (PiiEntity.PERSON, ["Jan de Vries", " jan  DE vries ", "JAN\tDE VRIES"]),
        (None, ["Kerkstraat 1", "kerkstraat  1 "]),
    ],
)
def test_formatting_variants_share_one_pseudonym(
    entity: PiiEntity | None, variants: list[str]
) -> None:
    assert len(set(pseudonyms(variants, entity=entity))) == 1


@pytest.mark.parametrize(
    ("value", "entity", "expected"),
    [
        ("1234.56.782", PiiEntity.BSN, "123456782"),
        ("12345672", PiiEntity.BSN, "012345672"),
        ("onbekend", PiiEntity.BSN, "onbekend"),  # no digits: not all junk on one pseudonym
        (" NL91 abna 0417 1643 00 ", PiiEntity.IBAN, "NL91ABNA0417164300"),
        (" Info@Gemeente.Example ", PiiEntity.EMAIL_ADDRESS, "info@gemeente.example"),
        ("+31 20 123 4567", PiiEntity.PHONE_NUMBER, "0201234567"),
        ("0031 (0)20-1234567", PiiEntity.PHONE_NUMBER, "0201234567"),
        ("020-1234567", PiiEntity.PHONE_NUMBER, "0201234567"),
        ("0313 123456", PiiEntity.PHONE_NUMBER, "0313123456"),  # area code 0313 is not +31
        ("+32 2 123 45 67", PiiEntity.PHONE_NUMBER, "3221234567"),  # Belgium stays as it is
        ("geheim", PiiEntity.PHONE_NUMBER, "geheim"),
        ("  Straße   12 ", PiiEntity.STREET_ADDRESS, "strasse 12"),
        ("AB-12-CD", None, "ab-12-cd"),
    ],
)
def test_normalise(value: str, entity: PiiEntity | None, expected: str) -> None:
    assert normalise(value, entity) == expected


def test_different_values_get_different_pseudonyms() -> None:
    values = [bsn(head) for head in ("20000000", "31415926", "55511122", "60000012")]
    assert len(set(pseudonyms(values, entity=PiiEntity.BSN))) == len(values)


def test_pseudonyms_are_24_hex_characters_and_depend_on_the_key() -> None:
    result = one(BSN_A, PiiEntity.BSN)
    assert PSEUDONYM.fullmatch(result)
    assert one(BSN_A, PiiEntity.BSN, key=bytes(32)) != result


def test_nulls_stay_null() -> None:
    result = pseudonyms([None, BSN_A, None, BSN_A], entity=PiiEntity.BSN)
    assert result[0] is None and result[2] is None
    assert result[1] == result[3] is not None


@pytest.mark.parametrize(
    "values",
    [
        pa.array([], type=pa.string()),
        pa.array([None, None], type=pa.string()),
        pa.array([None, None], type=pa.null()),
        pa.chunked_array([], type=pa.string()),
    ],
)
def test_empty_and_all_null_columns(values: pa.Array | pa.ChunkedArray) -> None:
    result = pseudonymise_column(values, KEY, PiiEntity.BSN)
    assert result.type == pa.string()
    assert result.null_count == len(result) == len(values)


def test_a_chunked_column_gives_the_same_pseudonyms_as_one_array() -> None:
    values = [BSN_A, None, BSN_ZERO, BSN_A]
    chunked = pa.chunked_array([values[:1], values[1:3], values[3:]], type=pa.string())
    result = pseudonymise_column(chunked, KEY, PiiEntity.BSN)
    assert isinstance(result, pa.Array)
    assert result.to_pylist() == pseudonyms(values, entity=PiiEntity.BSN)


def test_a_numeric_column_is_pseudonymised_as_its_text() -> None:
    numeric = pa.array([int(BSN_ZERO), None], type=pa.int64())  # the leading zero is lost
    result = pseudonymise_column(numeric, KEY, PiiEntity.BSN).to_pylist()
    assert result == [one(BSN_ZERO, PiiEntity.BSN), None]


def test_a_million_rows_with_repeats() -> None:
    """Each distinct value is hashed once; the rows get theirs back in their places."""
    distinct = [f"{index:09d}" for index in range(1000)]
    rows = [None if index % 97 == 0 else distinct[index % 1000] for index in range(1_000_000)]
    result = pseudonymise_column(pa.array(rows, type=pa.string()), KEY, PiiEntity.BSN)
    by_value = dict(zip(distinct, pseudonyms(distinct, entity=PiiEntity.BSN), strict=True))
    assert len(result) == len(rows)
    assert result.null_count == sum(value is None for value in rows)
    sample = range(0, 1_000_000, 9973)
    assert [result[index].as_py() for index in sample] == [
        by_value.get(rows[index]) for index in sample
    ]
    assert len(result.unique()) == 1000 + 1  # the distinct pseudonyms and null


valid_bsns = (
    st.integers(min_value=0, max_value=99_999_999)
    .map(lambda number: synthetic_bsn(f"{number:08d}"))
    .filter(lambda number: number is not None)
)


@given(number=valid_bsns, key=st.binary(min_size=32, max_size=64))
def test_no_pseudonym_of_a_bsn_is_a_bsn_or_its_input(number: str, key: bytes) -> None:
    assert is_valid_bsn(number)  # the strategy makes only valid ones
    result = one(number, PiiEntity.BSN, key=key)
    assert not is_valid_bsn(result)
    assert not are_valid_bsn(pa.array([result])).any()  # nor by the scanner's column check
    assert result != number
    assert number not in result
