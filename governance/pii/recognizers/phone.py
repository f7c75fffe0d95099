"""Dutch phone numbers: ten digits nationally (0 + area code or 6 + subscriber), or +31 /
0031 with the leading 0 dropped.

Written with '-', ' ' or '.' between digits, the area code in brackets ("(010) 1234567"),
or the national 0 in brackets after the country code ("+31 (0)6 12345678"). Service
numbers (0800, 090x) and machine numbers (097) are not personal and have other lengths; a
9- or 11-digit number, a date or an amount is never a phone number. An 11-digit number
starting with 31 (the country code without '+') is refused: it is as often a code.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, regex_mask
from governance.pii.recognizers._text import NOT_INSIDE_IBAN
from governance.pii.recognizers.base import Recognizer, register

_SEP = r"(?: - |[ .-])"  # "010 - 123 45 67" is how many exports write it
_INTERNATIONAL = rf"(?:\+|00)31{_SEP}?(?:\(0\){_SEP}?)?[1-9](?:{_SEP}?[0-9]){{8}}"
_NATIONAL = rf"0[1-9](?:{_SEP}?[0-9]){{8}}"
# "(010) 1234567", "(0314) 123456": the brackets hold the whole area code
_BRACKETED = (
    rf"\(0[1-9][0-9]\){_SEP}?[0-9](?:{_SEP}?[0-9]){{6}}"
    rf"|\(0[1-9][0-9]{{2}}\){_SEP}?[0-9](?:{_SEP}?[0-9]){{5}}"
)
_SHAPE = rf"{_INTERNATIONAL}|{_NATIONAL}|{_BRACKETED}"
CELL_REGEX = rf"^(?:{_SHAPE})$"

# Service (0800, 0900, 0906, 0909) and machine-to-machine (097) numbers: not a person's.
_NOT_PERSONAL = rf"^(?:(?:\+|00)31{_SEP}?(?:\(0\){_SEP}?)?|\(?0)(?:8{_SEP}?0|9{_SEP}?0|9{_SEP}?7)"

_SHAPE_RE = re.compile(rf"(?:{_SHAPE})")
_NOT_PERSONAL_RE = re.compile(_NOT_PERSONAL)

TEXT_REGEX = (
    rf"(?-i:{NOT_INSIDE_IBAN}(?<![0-9A-Za-z+/,.-])"
    rf"(?:{_SHAPE})(?![0-9A-Za-z/-]|[.,][0-9]))"
)


def is_valid_phone(value: str) -> bool:
    """True for a Dutch phone number of a person (geographic, mobile, or nationwide
    non-geographic) in one of its written shapes."""
    return bool(_SHAPE_RE.fullmatch(value)) and not _NOT_PERSONAL_RE.match(value)


def are_valid_phone(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_phone` over a whole array: the same two patterns, in RE2."""
    strings = as_string_array(values)
    shaped = regex_mask(strings, CELL_REGEX)
    if not shaped.any():
        return shaped
    return shaped & ~regex_mask(strings, _NOT_PERSONAL)


PHONE = register(
    Recognizer(
        name="nl_phone",
        entity=PiiEntity.PHONE_NUMBER,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_phone,
        are_valid=are_valid_phone,
        validator="format",
        # a number column lost the leading 0 ("612345678"): a phone only under its header
        with_header_regex=r"^[1-9][0-9]{8}$",
        context=(
            "telefoon",
            "telefoonnummer",
            "tel",
            "mobiel",
            "gsm",
            "bellen",
            "gebeld",
            "nummer",
        ),
        score=0.7,
    )
)
