"""BSN (burgerservicenummer): 9 digits that pass the 11-check.

A numeric export loses the leading zero, so 8 digits are read as 9 with a 0 in front. On
letters and forms the number is grouped: 1234.56.782, 1234 56 782, 123.456.782. Any
other 9-digit number (a client number) fails the check about ten times in eleven, which is
what tells a BSN column from a column of client numbers.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, digit_matrix, regex_mask
from governance.pii.recognizers.base import Recognizer, register

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)

# The shapes a BSN is written in; one separator throughout a grouped form.
_SHAPE = (
    r"[0-9]{8,9}"
    r"|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{4} [0-9]{2} [0-9]{3}"
    r"|[0-9]{3}\.[0-9]{3}\.[0-9]{3}|[0-9]{3} [0-9]{3} [0-9]{3}"
)
CELL_REGEX = rf"^(?:{_SHAPE})$"
_SHAPE_RE = re.compile(rf"(?:{_SHAPE})")

# In text: nine digits or a grouped form, not part of a longer number, an amount or a code.
TEXT_REGEX = (
    r"(?-i:(?<![0-9A-Za-z.,/-])"
    r"(?:[0-9]{9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3}\.[0-9]{3}\.[0-9]{3}"
    r"|[0-9]{4} [0-9]{2} [0-9]{3})"
    r"(?![0-9A-Za-z/-]|[.,][0-9]))"
)


def bsn_checksum(digits: str) -> int:
    """The weighted sum of the 11-check: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 (nine digits)."""
    return sum(weight * int(digit) for weight, digit in zip(WEIGHTS, digits, strict=True))


def is_valid_bsn(value: str) -> bool:
    """True for a BSN in one of its written shapes whose 11-check sum is divisible by 11
    and not 0 (which rules out 000000000)."""
    if not _SHAPE_RE.fullmatch(value):
        return False
    digits = value.replace(".", "").replace(" ", "").zfill(9)
    total = bsn_checksum(digits)
    return total != 0 and total % 11 == 0


def are_valid_bsn(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_bsn` over a whole array: strip the separators, left-pad to nine digits,
    and take the weighted sum of the digit matrix in one matrix product."""
    strings = as_string_array(values)
    shaped = regex_mask(strings, CELL_REGEX)
    if not shaped.any():
        return shaped
    compact = pc.replace_substring(pc.replace_substring(strings, ".", ""), " ", "")
    padded = pc.utf8_lpad(compact, 9, "0")
    digits, nine = digit_matrix(padded, 9)
    totals = digits.astype(np.int32) @ np.asarray(WEIGHTS, dtype=np.int32)
    return shaped & nine & (totals != 0) & (totals % 11 == 0)


BSN = register(
    Recognizer(
        name="nl_bsn",
        entity=PiiEntity.BSN,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_bsn,
        are_valid=are_valid_bsn,
        validator="11-check",
        context=("bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "bsn-nummer"),
        score=0.6,
    )
)
