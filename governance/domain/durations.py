"""ISO 8601 durations for retention periods (e.g. ``P7Y``, ``P6M``, ``P1Y6M``, ``P90D``).

Retention is stated in calendar units, so only years, months, weeks and days are
accepted; a time part (``PT12H``) makes no sense for keeping records and is refused.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_DURATION = re.compile(
    r"^P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?$"
)


@dataclass(frozen=True)
class RetentionPeriod:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    def __str__(self) -> str:
        parts = [
            f"{value}{unit}"
            for value, unit in (
                (self.years, "Y"),
                (self.months, "M"),
                (self.weeks, "W"),
                (self.days, "D"),
            )
            if value
        ]
        return "P" + ("".join(parts) or "0D")


def parse_retention_period(text: str) -> RetentionPeriod:
    """Parse an ISO 8601 calendar duration; raise ValueError with the accepted shape."""
    match = _DURATION.match(text.strip().upper()) if text else None
    if match is None or text.strip().upper() == "P":
        raise ValueError(
            f"{text!r} is not an ISO 8601 retention period; write e.g. 'P7Y' (7 years), "
            "'P6M' (6 months), 'P1Y6M' or 'P90D'"
        )
    return RetentionPeriod(**{unit: int(value or 0) for unit, value in match.groupdict().items()})


def add_period(start: date, period: RetentionPeriod) -> date:
    """`start` plus the period, months first and clipped to the month's end (31 Jan + P1M =
    28/29 Feb), then weeks and days: how a lawyer counts a term."""
    months = start.month - 1 + period.years * 12 + period.months
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(weeks=period.weeks, days=period.days)
