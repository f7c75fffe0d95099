"""Numbers read from date texts, checked against the calendar and combined into timestamps.

Both ways of reading dates (`date_layouts` by position, `parse_dates` by pattern) end
here, so a value means the same whichever way it was read: month 1-12, a day that exists
in that month (29-02 only in leap years), hour 0-23, minute and second 0-59, year 1-9999.
All in numpy over whole columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

UNIT: Final[Literal["us"]] = "us"
DTYPE: Final = f"datetime64[{UNIT}]"
NAT = np.datetime64("NaT", UNIT)
FIRST_DAY = np.datetime64("0001-01-01", UNIT)

US_PER_HOUR = 3_600_000_000
US_PER_MINUTE = 60_000_000
US_PER_SECOND = 1_000_000
US_PER_DAY = 86_400_000_000


@dataclass
class DateParts:
    """Per row: whether its text had a known shape, and the numbers in it (0 if absent).

    `offset` is the UTC offset written after the time, in microseconds.
    """

    matched: np.ndarray
    year: np.ndarray
    month: np.ndarray
    day: np.ndarray
    hour: np.ndarray
    minute: np.ndarray
    second: np.ndarray
    micros: np.ndarray
    offset: np.ndarray | int = 0


def to_stamps(parts: DateParts, *, with_time: bool) -> np.ndarray:
    """`datetime64[us]` per row; NaT where the shape or the calendar is wrong.

    Without time (a date column) any time but midnight is wrong and an offset is ignored;
    with time the offset is subtracted, giving UTC.
    """
    year, month, day = parts.year, parts.month, parts.day
    valid = parts.matched & (year >= 1) & (year <= 9999) & (month >= 1) & (month <= 12)
    months = (np.clip(year, 1, 9999) - 1970) * 12 + (np.clip(month, 1, 12) - 1)
    first = months.astype("datetime64[M]").astype("datetime64[D]")
    following = (months + 1).astype("datetime64[M]").astype("datetime64[D]")
    valid &= (day >= 1) & (day <= (following - first).astype(np.int64))
    clock = (
        parts.hour * US_PER_HOUR
        + parts.minute * US_PER_MINUTE
        + parts.second * US_PER_SECOND
        + parts.micros
    )
    if with_time:
        valid &= (parts.hour <= 23) & (parts.minute <= 59) & (parts.second <= 59)
        clock = clock - parts.offset
    else:
        valid &= clock == 0
    elapsed = ((day - 1) * US_PER_DAY + clock).astype(f"timedelta64[{UNIT}]")
    stamps: np.ndarray = first.astype(DTYPE) + elapsed
    stamps[~valid] = NAT
    return stamps
