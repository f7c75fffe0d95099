"""Dutch licence plates (kenteken) in the sidecodes 1–14.

Each sidecode is a sequence of letter and digit groups, written with dashes between the
groups. A few letter groups are never issued (SS, SD and political or offensive
abbreviations).

Shapes refused, and why:
- without dashes, a value is accepted only in sidecodes 4–14 and only with the consonants
  issued since 1978 (B D F G H J K L M N P R S T V W X Z): a compact "AB1234", "12AB34" or
  "KA12BE" is as often a product or file code, and "1234AB" is a postcode. With dashes,
  any letters are accepted: the dashed shape is distinctive, older and foreign-made data
  (and test generators) use vowels, and the column-level rate decides;
- "1-MRT-85", "3-JAN-99" have the shape of sidecode 8 but are dates;
- in free text only the dashed form is looked for.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, regex_mask
from governance.pii.recognizers.base import Recognizer, register

# X = letter, 9 = digit; the group sizes of each sidecode.
SIDECODES: dict[int, str] = {
    1: "XX-99-99",
    2: "99-99-XX",
    3: "99-XX-99",
    4: "XX-99-XX",
    5: "XX-XX-99",
    6: "99-XX-XX",
    7: "99-XXX-9",
    8: "9-XXX-99",
    9: "XX-999-X",
    10: "X-999-XX",
    11: "XXX-99-X",
    12: "X-99-XXX",
    13: "9-XX-999",
    14: "999-XX-9",
}
_OLD_SERIES = (1, 2, 3)  # only recognised written with dashes

_ANY_LETTER = "[A-Za-z]"
_CONSONANT = "[BDFGHJKLMNPRSTVWXZbdfghjklmnprstvwxz]"
NEVER_ISSUED = ("SS", "SD", "GVD", "KKK", "KVT", "LPF", "NSB", "PKK", "PSV", "PVV", "SGP", "TBS")
# "1-MRT-85": a date with an abbreviated month, not a plate
_DATE_LIKE = (
    "JAN", "FEB", "MRT", "MAR", "APR", "MEI", "MAY", "JUN", "JUL", "AUG", "SEP", "OKT", "OCT",
    "NOV", "DEC",
)  # fmt: skip


def _pattern(sidecode: str, letter: str, dashes: bool) -> str:
    groups = []
    for group in sidecode.split("-"):
        unit = letter if group[0] == "X" else "[0-9]"
        groups.append(f"{unit}{{{len(group)}}}")
    return ("-" if dashes else "").join(groups)


def _alternatives(strict: bool) -> list[str]:
    shapes = []
    for number, sidecode in SIDECODES.items():
        shapes.append(_pattern(sidecode, _ANY_LETTER, dashes=True))
        if number not in _OLD_SERIES:
            letter = _CONSONANT if strict else _ANY_LETTER
            shapes.append(_pattern(sidecode, letter, dashes=False))
    return shapes


CELL_REGEX = "^(?:" + "|".join(_alternatives(strict=False)) + ")$"
_STRICT_SHAPE = "(?:" + "|".join(_alternatives(strict=True)) + ")"
_STRICT = f"^{_STRICT_SHAPE}$"
_EXCLUDED = "(?:^|[^A-Z])(?:" + "|".join(NEVER_ISSUED + _DATE_LIKE) + ")(?:[^A-Z]|$)"
_STRICT_RE = re.compile(_STRICT_SHAPE)
_EXCLUDED_RE = re.compile(_EXCLUDED)

_DASHED = "|".join(_pattern(sidecode, _ANY_LETTER, dashes=True) for sidecode in SIDECODES.values())
TEXT_REGEX = rf"(?-i:(?<![0-9A-Za-z-])(?:{_DASHED})(?![0-9A-Za-z]|-[0-9A-Za-z]))"


def is_valid_kenteken(value: str) -> bool:
    """True for a plate in an issued sidecode with issued letters."""
    return bool(_STRICT_RE.fullmatch(value)) and not _EXCLUDED_RE.search(value.upper())


def are_valid_kenteken(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_kenteken` over a whole array (RE2 passes, upper-cased for the exclusions)."""
    strings = as_string_array(values)
    shaped = regex_mask(strings, _STRICT)
    if not shaped.any():
        return shaped
    return shaped & ~regex_mask(pc.utf8_upper(strings), _EXCLUDED)


KENTEKEN = register(
    Recognizer(
        name="nl_kenteken",
        entity=PiiEntity.LICENSE_PLATE,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_kenteken,
        are_valid=are_valid_kenteken,
        validator="sidecode",
        context=("kenteken", "kentekenplaat", "nummerbord", "auto", "voertuig", "geparkeerd"),
        score=0.6,
        # sidecodes 1–3 without dashes (AB1234, 1234AB, 12AB34): only under a plate header
        with_header_regex=r"^(?:[A-Za-z]{2}[0-9]{4}|[0-9]{4}[A-Za-z]{2}|[0-9]{2}[A-Za-z]{2}[0-9]{2})$",
    )
)
