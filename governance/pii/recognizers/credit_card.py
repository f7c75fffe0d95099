"""Payment card numbers: 13–19 digits, written compact or in groups separated by one kind of
separator (space or dash), a known issuer prefix with its lengths, and the Luhn check.

Masked forms ("**** **** **** 1234", "XXXX-XXXX-XXXX-1234") hold no card number and never
match: the digits must all be there.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, digit_matrix, regex_mask
from governance.pii.recognizers._text import NOT_INSIDE_IBAN
from governance.pii.recognizers.base import Recognizer, register

# groups: 4-4-4-4(-3) for most cards, 4-6-5 (American Express), 4-6-4 (Diners)
_GROUPED = (
    r"[0-9]{4}(?:{s}[0-9]{4}){2}{s}[0-9]{1,7}"
    r"|[0-9]{4}(?:{s}[0-9]{4}){3}{s}[0-9]{1,3}"
    r"|[0-9]{4}{s}[0-9]{6}{s}[0-9]{4,5}"
)
_SHAPE = "|".join(["[0-9]{13,19}", _GROUPED.replace("{s}", " "), _GROUPED.replace("{s}", "-")])
CELL_REGEX = rf"^(?:{_SHAPE})$"

# Issuer prefixes and lengths, on the compact digits.
_ISSUERS = "|".join(
    [
        "4[0-9]{12}(?:[0-9]{3}){0,2}",  # Visa: 13, 16, 19
        "5[1-5][0-9]{14}",  # Mastercard
        "2(?:22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720)[0-9]{12}",  # Mastercard 2-series
        "3[47][0-9]{13}",  # American Express
        "3(?:0[0-5]|[689][0-9])[0-9]{11,16}",  # Diners Club
        "35[0-9]{14,17}|(?:2131|1800)[0-9]{11}",  # JCB (35xx, and the old 15-digit ranges)
        "6(?:011|4[4-9][0-9]|5[0-9]{2})[0-9]{12,15}",  # Discover
        "62[0-9]{14,17}",  # UnionPay
        "(?:5[06-9]|6[0-9])[0-9]{11,17}",  # Maestro
    ]
)
_ISSUER_CELL = rf"^(?:{_ISSUERS})$"
_SHAPE_RE = re.compile(rf"(?:{_SHAPE})")
_ISSUER_RE = re.compile(rf"(?:{_ISSUERS})")

TEXT_REGEX = (
    rf"(?-i:{NOT_INSIDE_IBAN}(?<![0-9A-Za-z*.,/-])"
    rf"(?:{_SHAPE})(?![0-9A-Za-z*/-]|[.,][0-9]))"
)


def luhn_ok(digits: str) -> bool:
    """The Luhn check (ISO/IEC 7812): double every second digit from the right."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def is_valid_card(value: str) -> bool:
    """True for a card number in a written shape, with a known issuer prefix and length,
    that passes Luhn."""
    if not _SHAPE_RE.fullmatch(value):
        return False
    digits = value.replace(" ", "").replace("-", "")
    return bool(_ISSUER_RE.fullmatch(digits)) and luhn_ok(digits)


_DOUBLED = np.array([0, 2, 4, 6, 8, 1, 3, 5, 7, 9], dtype=np.int16)


def are_valid_card(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_card` over a whole array: Luhn on the digit matrix, right-aligned by
    left-padding with zeros (which leaves the Luhn sum unchanged)."""
    strings = as_string_array(values)
    shaped = regex_mask(strings, CELL_REGEX)
    if not shaped.any():
        return shaped
    digits_only = pc.replace_substring_regex(strings, "[ -]", "")
    ok = shaped & regex_mask(digits_only, _ISSUER_CELL)
    if not ok.any():
        return ok
    digits, fits = digit_matrix(pc.utf8_lpad(digits_only, 19, "0"), 19)
    doubled = _DOUBLED[digits[:, -2::-2]]
    totals = digits[:, -1::-2].sum(axis=1) + doubled.sum(axis=1)
    return ok & fits & (totals % 10 == 0)


CREDIT_CARD = register(
    Recognizer(
        name="credit_card",
        entity=PiiEntity.CREDIT_CARD,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_card,
        are_valid=are_valid_card,
        validator="luhn",
        context=("creditcard", "credit card", "kaartnummer", "betaalkaart", "visa", "mastercard"),
        score=0.8,
    )
)
