"""IBAN: country code, two check digits and a BBAN of the country's length; ISO 7064 mod-97.

Dutch municipal data holds mostly NL accounts, but citizens and suppliers bank across the
SEPA area, so every SEPA country's length is known here. A Dutch BBAN is also checked for
its structure (four letters of the bank, ten digits). Written compact or in groups of four,
any case.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, fixed_width_codes, regex_mask
from governance.pii.recognizers.base import Recognizer, register

# Total IBAN length per country of the SEPA area (the registry of ISO 13616).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23,
    "GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
    "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
    "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
}  # fmt: skip

_MAX_BBAN = max(IBAN_LENGTHS.values()) - 4
_ALNUM = "[A-Za-z0-9]"
# compact, or the first four then groups of four separated by one space, last group 1–4
_SHAPE = (
    rf"[A-Za-z]{{2}}[0-9]{{2}}(?:{_ALNUM}{{11,30}}|(?: {_ALNUM}{{4}}){{2,7}}(?: {_ALNUM}{{1,3}})?)"
)
CELL_REGEX = rf"^(?:{_SHAPE})$"
_SHAPE_RE = re.compile(_SHAPE)
_NL_BBAN = re.compile(r"[A-Z]{4}[0-9]{10}")
TEXT_REGEX = rf"(?-i:(?<![A-Za-z0-9])(?:{_SHAPE})(?![A-Za-z0-9]))"


def compact_iban(value: str) -> str:
    """The IBAN without spaces, upper case."""
    return value.replace(" ", "").upper()


def iban_remainder(compact: str) -> int:
    """The ISO 7064 mod-97 remainder of a compact IBAN (1 for a valid one): the first four
    characters moved to the end, letters read as 10–35."""
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97


def is_valid_iban(value: str) -> bool:
    """True for an IBAN in a written shape, of a SEPA country, of that country's length,
    with a Dutch BBAN's structure where NL, whose mod-97 remainder is 1."""
    if not _SHAPE_RE.fullmatch(value):
        return False
    compact = compact_iban(value)
    if IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    if compact[:2] == "NL" and not _NL_BBAN.fullmatch(compact[4:]):
        return False
    return iban_remainder(compact) == 1


def are_valid_iban(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_iban` over a whole array.

    The BBAN is left-padded with zeros to one width (leading zeros leave a remainder
    unchanged), then the remainder is carried across the columns of the character matrix:
    a digit shifts it by 10, a letter (10–35) by 100. The country and check digits follow.
    """
    strings = as_string_array(values)
    shaped = regex_mask(strings, CELL_REGEX)
    if not shaped.any():
        return shaped
    compact = pc.utf8_upper(pc.replace_substring(strings, " ", ""))
    country = pc.utf8_slice_codeunits(compact, 0, 2)
    expected = pc.fill_null(
        pc.index_in(country, value_set=pa.array(list(IBAN_LENGTHS))), -1
    ).to_numpy(zero_copy_only=False)
    lengths = np.asarray(pc.fill_null(pc.utf8_length(compact), 0), dtype=np.int64)
    table = np.asarray([*IBAN_LENGTHS.values(), -1], dtype=np.int64)
    ok = shaped & (table[expected] == lengths)
    is_nl = np.asarray(pc.fill_null(pc.equal(country, "NL"), False), dtype=bool)
    nl_bban = regex_mask(compact, r"^NL[0-9]{2}[A-Z]{4}[0-9]{10}$")
    ok &= ~is_nl | nl_bban
    if not ok.any():
        return ok
    bban = pc.utf8_lpad(pc.utf8_slice_codeunits(compact, 4), _MAX_BBAN, "0")
    head = pc.utf8_slice_codeunits(compact, 0, 4)
    remainder = _carry_mod97(np.zeros(len(strings), dtype=np.int32), bban, _MAX_BBAN)
    remainder = _carry_mod97(remainder, head, 4)
    return ok & (remainder == 1)


# Per byte: its value in the remainder (digits 0–9, letters 10–35) and the factor by which
# it shifts the remainder (10 for one decimal digit, 100 for the two of a letter).
_VALUE = np.zeros(256, dtype=np.int32)
_SHIFT = np.ones(256, dtype=np.int32)
_VALUE[ord("0") : ord("9") + 1] = np.arange(10)
_SHIFT[ord("0") : ord("9") + 1] = 10
_VALUE[ord("A") : ord("Z") + 1] = np.arange(10, 36)
_SHIFT[ord("A") : ord("Z") + 1] = 100


def _carry_mod97(remainder: np.ndarray, strings: pa.Array, width: int) -> np.ndarray:
    codes, fits = fixed_width_codes(strings, width)
    by_column = np.ascontiguousarray(codes.T)  # one contiguous row per character position
    remainder = remainder.astype(np.int32)
    for column in by_column:
        remainder = (remainder * _SHIFT[column] + _VALUE[column]) % 97
    return np.where(fits, remainder, -1)


IBAN = register(
    Recognizer(
        name="iban",
        entity=PiiEntity.IBAN,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_iban,
        are_valid=are_valid_iban,
        validator="mod-97",
        context=("iban", "rekeningnummer", "rekening", "bankrekening", "rekeningnr", "bank"),
        score=0.9,
    )
)
