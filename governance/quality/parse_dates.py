"""Dates and datetimes from the text of an export, over whole columns at once.

Detection accepts:

- ISO 8601: `2024-01-05`, `2024-01-05T10:16`, `2024-01-05 10:16:00`, `…T10:16:00.120`,
  an hour alone (`2024-01-05T10`), and a `Z` or `+01:00` / `+0100` after the time;
- Dutch day-first: `05-01-2024`, `5-1-2024`, `05/01/2024`, `05.01.2024`, each optionally
  followed by a time (`05-01-2024 10:16`).

Day-first is not guessed but assumed: Dutch exports never write month-first, and a
guess per value would read '01-02-2024' one way and '13-02-2024' another. A US export
needs `ParseOptions(date_format='%m/%d/%Y')`. Two-digit years are refused: '05-01-24'
could be 1924 or 2024.

A column wholly in zero-padded ISO goes through Arrow's cast (fastest); otherwise the
usual spellings are read by character position (`date_layouts`, fast) and the rest
(offsets, one-digit hours, junk) by one regular expression with named groups; both end
in `date_parts.to_stamps`, which checks
the calendar (30-02-2024 is no date; Arrow's strptime would roll it over into March). A
date column takes a datetime only at midnight ('2024-01-05T00:00:00', as Excel and
databases write dates); any other time is a failure, because reading it as a date would
drop information. A datetime column takes a bare date as midnight (the XLSX reader
writes midnight datetimes as dates). A time with a UTC offset is converted to UTC; a
time without one is taken as written. In a date column the offset is ignored.

Values are `datetime64[us]`: pandas 3 parses text to microseconds itself, and unlike
nanoseconds (years 1677-2262) it holds the open-end date 31-12-9999 that many municipal
systems write. Fraction digits beyond the microsecond are dropped.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.errors import BadInputError
from governance.quality.date_layouts import fixed_parts
from governance.quality.date_parts import (
    DTYPE,
    FIRST_DAY,
    NAT,
    UNIT,
    US_PER_HOUR,
    US_PER_MINUTE,
    DateParts,
    to_stamps,
)

_TIME = (
    r"(?:[T ](?P<H>\d{1,2})(?::(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<F>\d{1,9}))?)?)?"
    r"(?:(?P<Z>Z)|(?P<zs>[+-])(?P<zh>\d{2}):?(?P<zm>\d{2}))?)?"
)
DETECT_PATTERN = (
    r"^(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})-(?P<m2>\d{1,2})-(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})/(?P<m3>\d{1,2})/(?P<y3>\d{4})"
    r"|(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4}))" + _TIME + "$"
)
"""Every detected spelling in one pattern; the four date orders have their own groups
(RE2 allows no repeated names and no back-references) and are joined afterwards. It
matches everything `date_layouts` reads, with the same meaning."""

_DIRECTIVES = {
    "d": r"(?P<d>\d{1,2})",
    "m": r"(?P<m>\d{1,2})",
    "Y": r"(?P<y>\d{4})",
    "H": r"(?P<H>\d{1,2})",
    "M": r"(?P<M>\d{2})",
    "S": r"(?P<S>\d{2})",
    "f": r"(?P<F>\d{1,9})",
}
_REGEX_SPECIAL = set(".^$*+?{}[]\\|()")
_SAMPLE = 100


def format_pattern(date_format: str | None, *, what: str = "date_format") -> str | None:
    """The RE2 pattern for a strftime-style format, or None for None.

    Only directives whose meaning is unambiguous are supported; a bad format is a mistake
    in the registration (BadInputError) and the message lists what is allowed.
    """
    if date_format is None:
        return None
    allowed = " ".join(f"%{d}" for d in _DIRECTIVES) + " %%"
    parts: list[str] = []
    seen: set[str] = set()
    chars = iter(date_format)
    for char in chars:
        if char != "%":
            parts.append("\\" + char if char in _REGEX_SPECIAL else char)
            continue
        directive = next(chars, "")
        if directive == "%":
            parts.append("%")
            continue
        if directive not in _DIRECTIVES:
            hint = " (two-digit years are ambiguous: use %Y)" if directive == "y" else ""
            raise BadInputError(
                f"{what} '{date_format}': %{directive} is not supported; use {allowed}{hint}"
            )
        if directive in seen:
            raise BadInputError(f"{what} '{date_format}': %{directive} appears twice")
        seen.add(directive)
        parts.append(_DIRECTIVES[directive])
    missing = [f"%{d}" for d in "Ymd" if d not in seen]
    if missing:
        raise BadInputError(f"{what} '{date_format}' lacks {', '.join(missing)}")
    return "^" + "".join(parts) + "$"


def parse_dates(
    text: pa.ChunkedArray, *, with_time: bool, date_format: str | None = None
) -> np.ndarray:
    """`text` (trimmed, missing cells null) as `datetime64[us]`; NaT where missing or invalid.

    `with_time=False` reads a date column (midnight only), True a datetime column.
    `date_format` replaces detection with one strftime-style format.
    """
    stamps = np.full(len(text), NAT, dtype=DTYPE)
    rows = np.flatnonzero(pc.is_valid(text).to_numpy(zero_copy_only=False))
    present = pc.drop_null(text)
    if date_format is not None:
        pattern = format_pattern(date_format)
        assert pattern is not None
        stamps[rows] = to_stamps(pattern_parts(present, pattern), with_time=with_time)
        return stamps
    fast = _cast_iso(present, with_time=with_time)
    if fast is not None:
        stamps[rows] = fast
        return stamps
    fixed = fixed_parts(present)
    stamps[rows] = to_stamps(fixed, with_time=with_time)
    if not fixed.matched.all():
        other = ~fixed.matched
        parts = pattern_parts(pc.filter(present, pa.array(other)), DETECT_PATTERN)
        stamps[rows[other]] = to_stamps(parts, with_time=with_time)
    return stamps


def _cast_iso(text: pa.ChunkedArray, *, with_time: bool) -> np.ndarray | None:
    """The whole column through Arrow's ISO 8601 cast, or None when one value is not ISO.

    The quickest path (a clean ISO column in a few hundredths of a second). Arrow reads
    exactly the zero-padded ISO shapes of `date_layouts`, checks the calendar, and refuses
    offsets for a naive timestamp, so its values equal the other paths'; year 0 and (for a
    date column) times other than midnight are refused here as there.
    """
    try:
        # A refused cast of a column of non-ISO values costs Arrow half a second per
        # million rows; one of its first values costs nothing, so try those first.
        pc.cast(text.slice(0, _SAMPLE), pa.timestamp(UNIT))
        values = np.array(pc.cast(text, pa.timestamp(UNIT)).to_numpy(zero_copy_only=False))
    except pa.ArrowInvalid:
        return None
    values[values < FIRST_DAY] = NAT
    if not with_time:
        values[values != values.astype("datetime64[D]")] = NAT
    return values


def pattern_parts(text: pa.ChunkedArray | pa.Array, pattern: str) -> DateParts:
    """The general path: the named groups of `pattern` as numbers (0 where absent)."""
    found = pc.extract_regex(text, pattern)
    names = [found.type.field(i).name for i in range(found.type.num_fields)]
    size = len(text)

    def field(*candidates: str) -> pa.ChunkedArray | pa.Array | None:
        present = [pc.struct_field(found, [names.index(n)]) for n in candidates if n in names]
        if not present:
            return None
        if len(present) == 1:
            return present[0]
        return pc.binary_join_element_wise(*present, "")  # unmatched alternatives are ''

    def numbers(digits: pa.ChunkedArray | pa.Array | None) -> np.ndarray:
        """Digit strings as int64, 0 where empty or null (the pattern allows digits only)."""
        if digits is None:
            return np.zeros(size, dtype=np.int64)
        padded = pc.binary_join_element_wise("0", digits, "")  # '' -> '0'
        values: np.ndarray = pc.cast(padded, pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
        return values

    fraction = field("F")
    micros = numbers(
        None
        if fraction is None  # right-pad to six digits and cut: '12' -> 120000 µs
        else pc.utf8_slice_codeunits(pc.binary_join_element_wise(fraction, "000000", ""), 0, 6)
    )
    offset: np.ndarray | int = 0
    if "zs" in names:
        sign = pc.fill_null(pc.equal(field("zs"), "-"), False).to_numpy(zero_copy_only=False)
        magnitude = numbers(field("zh")) * US_PER_HOUR + numbers(field("zm")) * US_PER_MINUTE
        offset = np.where(sign, -magnitude, magnitude)
    return DateParts(
        matched=pc.is_valid(found).to_numpy(zero_copy_only=False),
        year=numbers(field("y", "y1", "y2", "y3", "y4")),
        month=numbers(field("m", "m1", "m2", "m3", "m4")),
        day=numbers(field("d", "d1", "d2", "d3", "d4")),
        hour=numbers(field("H")),
        minute=numbers(field("M")),
        second=numbers(field("S")),
        micros=micros,
        offset=offset,
    )
