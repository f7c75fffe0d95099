"""How the text of an export is read as typed values, when detection is not enough.

`ParseOptions()` (every field None) means: detect. A field that is set replaces the
detection for every column of its type in the table; a registration will name these when an
export is spelled in a way detection cannot tell (a column of only '1.500' values in a
comma-delimited file, US dates, an export that writes 'onbekend' for missing).

The defaults are listed here, in one place, so the README and the tests can quote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from governance.errors import BadInputError

DEFAULT_NULL_VALUES: tuple[str, ...] = (
    "",
    "NULL",
    "null",
    "Null",
    "NA",
    "N/A",
    "n/a",
    "-",
    "NaN",
    "nan",
)
"""Cell texts (after trimming blanks) that mean 'missing' in every declared column.

Compared exactly, case and all: 'Na' (a surname) is a value, 'NA' is not. 'NaN'/'nan'
are how a float column with gaps comes out of Parquet or pandas. An empty or blank cell is
always missing, also when `null_values` is given.
"""

DEFAULT_TRUE_VALUES: tuple[str, ...] = ("ja", "j", "true", "yes", "1", "waar")
DEFAULT_FALSE_VALUES: tuple[str, ...] = ("nee", "n", "false", "no", "0", "onwaar")
"""Boolean spellings, compared after trimming and in any case ('Ja', 'JA', 'ja')."""

DecimalMark = Literal[",", "."]


@dataclass(frozen=True)
class ParseOptions:
    """Parsing choices for one table; None means detect (see `governance.quality.typed`).

    `date_format` / `datetime_format`: a strftime-style format for date / datetime columns,
    with the directives %d %m %Y %H %M %S %f and %% (e.g. '%m/%d/%Y' for a US export).
    `decimal`: ',' (dots may group thousands: '1.234,56') or '.' (no grouping: '1234.56');
    also decides whether integer columns accept grouping dots ('1.234').
    `true_values` / `false_values`: replace the boolean spellings (any case).
    `null_values`: replace the missing-value texts (exact match after trimming).
    """

    date_format: str | None = None
    datetime_format: str | None = None
    decimal: DecimalMark | None = None
    true_values: tuple[str, ...] | None = None
    false_values: tuple[str, ...] | None = None
    null_values: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        from governance.quality.parse_dates import format_pattern

        if self.decimal not in (None, ",", "."):
            raise BadInputError(
                f"decimal mark {self.decimal!r} is not supported; use ',' or '.' (or leave it "
                "out to detect it per column)"
            )
        for field_name in ("true_values", "false_values", "null_values"):
            values = getattr(self, field_name)
            if values is None:
                continue
            if isinstance(values, str) or not all(isinstance(v, str) for v in values):
                raise BadInputError(f"{field_name} must be a list of texts")
            object.__setattr__(self, field_name, tuple(values))
        if self.true_values is not None and not self.true_values:
            raise BadInputError("true_values is empty; name at least one spelling of 'true'")
        if self.false_values is not None and not self.false_values:
            raise BadInputError("false_values is empty; name at least one spelling of 'false'")
        both = {v.strip().lower() for v in self.booleans(True)} & {
            v.strip().lower() for v in self.booleans(False)
        }
        if both:
            raise BadInputError(
                f"boolean spelling(s) {', '.join(sorted(both))} are both true and false; "
                "give each spelling one meaning"
            )
        format_pattern(self.date_format, what="date_format")
        format_pattern(self.datetime_format, what="datetime_format")

    def booleans(self, value: bool) -> tuple[str, ...]:
        """The spellings of `value` in effect."""
        if value:
            return DEFAULT_TRUE_VALUES if self.true_values is None else self.true_values
        return DEFAULT_FALSE_VALUES if self.false_values is None else self.false_values

    @property
    def missing(self) -> tuple[str, ...]:
        """The missing-value texts in effect (always including the empty text)."""
        values = DEFAULT_NULL_VALUES if self.null_values is None else self.null_values
        return ("", *(v.strip() for v in values if v.strip()))
