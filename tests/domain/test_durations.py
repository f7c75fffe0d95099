from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.domain.durations import RetentionPeriod, parse_retention_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P7Y", RetentionPeriod(years=7)),
        ("p6m", RetentionPeriod(months=6)),
        ("P1Y6M", RetentionPeriod(years=1, months=6)),
        ("P2W", RetentionPeriod(weeks=2)),
        ("P90D", RetentionPeriod(days=90)),
        (" P20Y ", RetentionPeriod(years=20)),
    ],
)
def test_valid_periods_parse(text: str, expected: RetentionPeriod) -> None:
    assert parse_retention_period(text) == expected


@pytest.mark.parametrize(
    "text", ["", "P", "7Y", "P7", "PT1H", "P1D2Y", "P-1Y", "P1.5Y", "zeven jaar"]
)
def test_invalid_periods_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValueError, match="P7Y"):
        parse_retention_period(text)


periods = st.builds(
    RetentionPeriod,
    years=st.integers(0, 200),
    months=st.integers(0, 200),
    weeks=st.integers(0, 200),
    days=st.integers(0, 2000),
)


@given(periods)
def test_printing_then_parsing_gives_the_same_period(period: RetentionPeriod) -> None:
    parsed = parse_retention_period(str(period))
    assert str(parsed) == str(period)
    if any((period.years, period.months, period.weeks, period.days)):
        assert parsed == period


@given(
    st.one_of(
        st.text(max_size=12),
        st.from_regex(r"\s*[pP](\d{1,3}[yYmMwWdD]){1,4}\s*", fullmatch=True),
    )
)
def test_whatever_parses_prints_back_to_the_same_period(text: str) -> None:
    try:
        period = parse_retention_period(text)
    except ValueError:
        return  # refused with a message: the other tests check its wording
    assert parse_retention_period(str(period)) == period
