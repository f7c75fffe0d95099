"""ISO 8601 durations for retention periods (e.g. ``P7Y``, ``P6M``, ``P1Y6M``, ``P90D``).

Retention is stated in calendar units, so only years, months, weeks and days are
accepted; a time part (``PT12H``) makes no sense for keeping records and is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
