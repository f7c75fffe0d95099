"""Integers and decimals from the text of an export, over whole columns at once.

A value must match a strict pattern before Arrow casts it, because Arrow's own number
parsing is lenient in ways an export check must not be ('0x1F' is 31 to it, 'inf' a
float). Patterns, after trimming blanks:

- integer: optional sign and digits (`-12`, `+7`, `007`); with the decimal comma also
  thousands dots in whole groups of three (`1.234`, `1.234.567`). A decimal (`12,5`,
  `12.5`) is not an integer. Beyond the int64 range: a failure.
- decimal, comma mark: `1234,56`, `1.234,56`, `-0,5`, `12` (dots only as thousands groups).
- decimal, dot mark: `1234.56`, `.5`, `-1.5e-07` (no grouping: `1,234.56` is refused,
  because in a Dutch export `1,234` is one point two three four). Beyond the float64
  range ('1e400'): a failure.

Which mark a decimal column uses is decided per column by the evidence of its values
(`decimal_evidence`): values that parse only with a comma against values that parse only
with a dot. Values that parse both ways ('1.500', '12') leave the choice to the table
(see `governance.quality.typed`). Currency signs, spaces as thousands separators and
percentages are not numbers here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

INTEGER = r"^[+-]?\d+$"
GROUPED_INTEGER = r"^[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+)$"
COMMA_DECIMAL = r"^[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?$"
DOT_DECIMAL = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"

_INT64_MAX = "9223372036854775807"


@dataclass(frozen=True)
class DecimalEvidence:
    """Which values of a column parse with a decimal comma and which with a dot."""

    comma: pa.ChunkedArray  # bool per row (null where missing)
    dot: pa.ChunkedArray
    comma_only: int  # values that parse with a comma and not with a dot
    dot_only: int

    @property
    def mark(self) -> str | None:
        """',' or '.' when the values decide, None when they do not."""
        if self.comma_only > self.dot_only:
            return ","
        if self.dot_only > self.comma_only:
            return "."
        return None


def decimal_evidence(text: pa.ChunkedArray) -> DecimalEvidence:
    comma = pc.match_substring_regex(text, COMMA_DECIMAL)
    dot = pc.match_substring_regex(text, DOT_DECIMAL)
    return DecimalEvidence(
        comma, dot, _count(pc.and_not(comma, dot)), _count(pc.and_not(dot, comma))
    )


def parse_decimals(
    text: pa.ChunkedArray, mark: str, evidence: DecimalEvidence | None = None
) -> pa.ChunkedArray:
    """`text` (trimmed, missing cells null) as float64; null where missing or invalid.

    `evidence` (from `decimal_evidence` on the same text) saves matching the values again.
    """
    if evidence is None:
        evidence = decimal_evidence(text)
    plain = pc.if_else(evidence.comma if mark == "," else evidence.dot, text, None)
    if mark == ",":
        plain = _replaced(_replaced(plain, ".", ""), ",", ".")
    numbers = pc.cast(_without_plus(plain), pa.float64())
    if pc.any(pc.is_inf(numbers)).as_py():  # '1e400' is no float64
        numbers = pc.if_else(pc.is_inf(numbers), None, numbers)
    return numbers


def parse_integers(text: pa.ChunkedArray, *, grouping: bool) -> pa.ChunkedArray:
    """`text` (trimmed, missing cells null) as int64; null where missing or invalid.

    `grouping` allows thousands dots ('1.234'), for tables written with a decimal comma.
    """
    valid = pc.match_substring_regex(text, GROUPED_INTEGER if grouping else INTEGER)
    digits = pc.if_else(valid, text, None)
    if grouping:
        digits = _replaced(digits, ".", "")
    digits = _without_plus(digits)
    length = pc.utf8_length(digits)
    if (pc.max(length).as_py() or 0) > 18:
        # int64 holds 18 digits always and 19 up to 9223372036854775807; text of equal
        # length compares as the number does. Leading zeros do not count.
        magnitude = pc.replace_substring_regex(digits, r"^-?0*(\d)", r"\1")
        length = pc.utf8_length(magnitude)
        fits = pc.or_(
            pc.less_equal(length, 18),
            pc.and_(pc.equal(length, 19), pc.less_equal(magnitude, _INT64_MAX)),
        )
        digits = pc.if_else(fits, digits, None)
    return pc.cast(digits, pa.int64())


def _replaced(text: pa.ChunkedArray, old: str, new: str) -> pa.ChunkedArray:
    """`old` replaced by `new`, skipping the copy when no value holds `old`."""
    if pc.any(pc.match_substring(text, old)).as_py():
        return pc.replace_substring(text, old, new)
    return text


def _without_plus(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """Arrow's number parsers refuse a leading '+' (integers) or may not (floats): drop it."""
    if pc.any(pc.starts_with(text, "+")).as_py():
        return pc.replace_substring_regex(text, r"^\+", "")
    return text


def _count(mask: pa.ChunkedArray) -> int:
    return int(pc.sum(pc.cast(pc.fill_null(mask, False), pa.int64())).as_py() or 0)
