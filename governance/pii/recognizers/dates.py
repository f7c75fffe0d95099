"""Reading a column of dates as they appear in Dutch exports, for the DATE_OF_BIRTH decision.

The classifier needs to know which cells are calendar dates before it can ask whether they
look like birth dates; this module only answers the first question. Accepted: ISO
``yyyy-mm-dd`` (also ``yyyy/mm/dd``; a time part may follow), day first ``dd-mm-jjjj``,
``dd/mm/yyyy``, ``dd.mm.yyyy`` (one or two digits for day and month), and a month name
``3 maart 1985`` / ``3 mrt. 1985`` / ``03-MRT-1985`` (Dutch, and English as some systems
write it). On request, ``jjjjmmdd`` as eight digits (the BRP writes dates so), which is off
by default because eight digits are as often a number.

Refused: a bare year (1985), an age (42), two-digit years (03-03-85: which century?), and
dates that do not exist (31-02-1985).

Speed: a column has far fewer distinct values than rows (a birth date column of a million
rows has some 30,000), so the column is dictionary-encoded and only the distinct values
are parsed, each format by one RE2 pass over the values not yet read.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.pii.recognizers._arrow import as_string_array

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "maart": 3, "mrt": 3, "mar": 3, "march": 3, "mrz": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_TIME = (
    r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?"
    r"(?: ?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?))?)?"
)
# (pattern with named groups y, m or mon, d), in order of how common they are
_FORMATS: tuple[str, ...] = (
    rf"^(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{1,2}})-(?P<d>[0-9]{{1,2}}){_TIME}$",
    rf"^(?P<d>[0-9]{{1,2}})-(?P<m>[0-9]{{1,2}})-(?P<y>[0-9]{{4}}){_TIME}$",
    rf"^(?P<d>[0-9]{{1,2}})/(?P<m>[0-9]{{1,2}})/(?P<y>[0-9]{{4}}){_TIME}$",
    rf"^(?P<d>[0-9]{{1,2}})\.(?P<m>[0-9]{{1,2}})\.(?P<y>[0-9]{{4}}){_TIME}$",
    rf"^(?P<y>[0-9]{{4}})/(?P<m>[0-9]{{1,2}})/(?P<d>[0-9]{{1,2}}){_TIME}$",
    rf"^(?P<d>[0-9]{{1,2}})[ -](?P<mon>[A-Za-z]{{3,9}})\.?[ -](?P<y>[0-9]{{4}}){_TIME}$",
)
_COMPACT = r"^(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})$"

_MONTH_NAMES = pa.array(list(MONTHS))
_MONTH_NUMBERS = np.asarray([*MONTHS.values(), 0], dtype=np.int64)  # 0: unknown name

NAT = np.datetime64("NaT", "D")


def parse_dates(column: pa.Array | pa.ChunkedArray, *, compact: bool = False) -> np.ndarray:
    """The calendar date of every value, as numpy datetime64[D]; NaT where a value is null,
    empty, not in a date format, or not a date that exists.

    Date and timestamp columns are taken as they are. With ``compact=True`` eight digits
    ``jjjjmmdd`` are read as well.
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks else pa.array([], pa.string())
    if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
        days = column.cast(pa.date32()) if pa.types.is_timestamp(column.type) else column
        return np.asarray(days.cast(pa.date32()).to_numpy(zero_copy_only=False), "datetime64[D]")
    strings = as_string_array(column)
    if len(strings) == 0:
        return np.zeros(0, dtype="datetime64[D]")
    encoded = pc.utf8_trim_whitespace(strings).dictionary_encode()
    parsed = _parse_distinct(encoded.dictionary, compact=compact)
    indices = encoded.indices
    result = parsed[np.asarray(indices.fill_null(0), dtype=np.int64)] if len(parsed) else None
    if result is None:
        return np.full(len(strings), NAT)
    if indices.null_count:
        result[~np.asarray(indices.is_valid())] = NAT
    return result


def _parse_distinct(values: pa.Array, *, compact: bool) -> np.ndarray:
    n = len(values)
    year = np.zeros(n, dtype=np.int64)
    month = np.zeros(n, dtype=np.int64)
    day = np.zeros(n, dtype=np.int64)
    pending = np.ones(n, dtype=bool)
    formats = (*_FORMATS, _COMPACT) if compact else _FORMATS
    for pattern in formats:
        rows = np.flatnonzero(pending)
        if rows.size == 0:
            break
        subset = values if rows.size == n else values.take(pa.array(rows))
        matched = np.asarray(pc.match_substring_regex(subset, pattern).fill_null(False))
        if not matched.any():
            continue
        hit_rows = rows[matched]
        parts = pc.extract_regex(subset.filter(pa.array(matched)), pattern)
        year[hit_rows] = _ints(parts.field("y"))
        day[hit_rows] = _ints(parts.field("d"))
        if "(?P<mon>" in pattern:
            names = pc.utf8_lower(parts.field("mon"))
            known = pc.index_in(names, value_set=_MONTH_NAMES).fill_null(len(MONTHS))
            month[hit_rows] = _MONTH_NUMBERS[np.asarray(known, dtype=np.int64)]
        else:
            month[hit_rows] = _ints(parts.field("m"))
        pending[hit_rows] = False
    return _calendar_dates(year, month, day, ~pending)


def _ints(strings: pa.Array) -> np.ndarray:
    return np.asarray(pc.cast(strings, pa.int64()), dtype=np.int64)


def _calendar_dates(
    year: np.ndarray, month: np.ndarray, day: np.ndarray, read: np.ndarray
) -> np.ndarray:
    """Dates from parts; NaT where the parts do not name a day of the calendar."""
    ok = read & (year >= 1000) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)
    months = np.where(ok, (year - 1970) * 12 + (month - 1), 0).astype("datetime64[M]")
    dates = months.astype("datetime64[D]") + np.where(ok, day - 1, 0).astype("timedelta64[D]")
    ok &= dates.astype("datetime64[M]") == months  # 31-02 rolls over into March
    return np.where(ok, dates, NAT)
