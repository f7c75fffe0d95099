"""Dutch postcode: four digits (the first not 0) and two letters, with or without one space,
any case. The letter pairs SA, SD and SS are never issued.

Four digits alone (PC4, the postcode area) are not a postcode here: they identify an area
of thousands of addresses and are published statistics, and a column of them cannot be
told from years or amounts.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, regex_mask
from governance.pii.recognizers.base import Recognizer, register

_SHAPE = r"[1-9][0-9]{3} ?[A-Za-z]{2}"
CELL_REGEX = rf"^(?:{_SHAPE})$"
_NEVER_ISSUED = r"(?:[Ss][AaDdSs])$"
_SHAPE_RE = re.compile(_SHAPE)
_NEVER_ISSUED_RE = re.compile(_NEVER_ISSUED)

# In text the letters must be capitals: "in 2023 en" is a year and a word, not a postcode.
TEXT_REGEX = r"(?-i:(?<![0-9A-Za-z,.-])[1-9][0-9]{3} ?[A-Z]{2}(?![0-9A-Za-z-]))"


def is_valid_postcode(value: str) -> bool:
    """True for a postcode shape whose letters are not SA, SD or SS."""
    return bool(_SHAPE_RE.fullmatch(value)) and not _NEVER_ISSUED_RE.search(value)


def are_valid_postcode(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_postcode` over a whole array (two RE2 passes)."""
    strings = as_string_array(values)
    shaped = regex_mask(strings, CELL_REGEX)
    if not shaped.any():
        return shaped
    return shaped & ~regex_mask(strings, _NEVER_ISSUED)


POSTCODE = register(
    Recognizer(
        name="nl_postcode",
        entity=PiiEntity.POSTCODE,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_postcode,
        are_valid=are_valid_postcode,
        validator="format",
        context=("postcode", "adres", "woonplaats", "woont", "wonende"),
        score=0.6,
    )
)
