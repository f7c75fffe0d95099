"""Dates: every accepted format, impossible dates, years and ages refused, speed."""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa
import pytest

from governance.pii.recognizers.dates import parse_dates


def _one(value: str | None, **options: bool) -> np.datetime64:
    return parse_dates(pa.array([value], pa.string()), **options)[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1985-03-03", "1985-03-03"),
        ("1985-3-3", "1985-03-03"),
        ("1985-03-03T10:15:00", "1985-03-03"),
        ("1985-03-03 10:15", "1985-03-03"),
        ("1985-03-03T10:15:00.123+01:00", "1985-03-03"),
        ("1985-03-03T10:15:00Z", "1985-03-03"),
        ("1985/03/03", "1985-03-03"),
        ("03-03-1985", "1985-03-03"),
        ("3-3-1985", "1985-03-03"),
        ("03/03/1985", "1985-03-03"),
        ("3/12/1985", "1985-12-03"),  # day first, the Dutch order
        ("03.03.1985", "1985-03-03"),
        ("03-03-1985 14:00", "1985-03-03"),
        ("3 maart 1985", "1985-03-03"),
        ("3 Maart 1985", "1985-03-03"),
        ("3 mrt 1985", "1985-03-03"),
        ("3 mrt. 1985", "1985-03-03"),
        ("03-MRT-1985", "1985-03-03"),
        ("12 okt 2001", "2001-10-12"),
        ("1 mei 1970", "1970-05-01"),
        ("29-02-2000", "2000-02-29"),  # a leap day
        ("  03-03-1985 ", "1985-03-03"),
    ],
)
def test_dates_in_each_format(value: str, expected: str) -> None:
    assert _one(value) == np.datetime64(expected, "D")


@pytest.mark.parametrize(
    "value",
    [
        "31-02-1985",  # no 31 February
        "29-02-2001",  # not a leap year
        "31-04-1985",
        "1985-13-01",
        "00-01-1985",
        "1985",  # a year
        "42",  # an age
        "03-03-85",  # two-digit year
        "3 maartje 1985",
        "3 foo 1985",
        "19850303",  # eight digits: only on request
        "1985-03-03x",
        "03-03/1985",  # mixed separators
        "",
        None,
    ],
)
def test_not_dates(value: str | None) -> None:
    assert np.isnat(_one(value))


def test_compact_dates_on_request() -> None:
    assert _one("19850303", compact=True) == np.datetime64("1985-03-03")
    assert np.isnat(_one("19850231", compact=True))


def test_date_and_timestamp_columns_pass_through() -> None:
    days = pa.array([datetime.date(1985, 3, 3), None], pa.date32())
    stamps = pa.array([datetime.datetime(1985, 3, 3, 23, 59), None], pa.timestamp("s"))
    for column in (days, stamps):
        result = parse_dates(column)
        assert result[0] == np.datetime64("1985-03-03") and np.isnat(result[1])


def test_chunked_column_keeps_its_order() -> None:
    column = pa.chunked_array([["01-01-2000", "x"], [None, "2000-01-02"]])
    result = parse_dates(column)
    assert result.dtype == np.dtype("datetime64[D]")
    assert [str(day) for day in result] == ["2000-01-01", "NaT", "NaT", "2000-01-02"]


def test_a_million_values_all_parse() -> None:
    """Every one of a million values is read (its speed is measured in bench/, not here)."""
    rng = np.random.default_rng(7)
    days = np.datetime64("1930-01-01") + rng.integers(0, 30_000, 20_000).astype("timedelta64[D]")
    text = [str(day) for day in days] + [f"{d[8:10]}-{d[5:7]}-{d[:4]}" for d in map(str, days)]
    column = pa.array(text * 25)  # 1,000,000 values, 40,000 distinct
    result = parse_dates(column)
    assert not np.isnat(result).any()
