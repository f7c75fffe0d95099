"""How typed values are spelled as text (XLSX cells, SQL values, Parquet columns)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

import pyarrow as pa
import pytest

from governance.sources.text_values import column_text, float_text, value_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        ("", ""),
        ("NULL", "NULL"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (12345678, "12345678"),
        (3.0, "3"),
        (-0.0, "0"),
        (2.5, "2.5"),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (Decimal("12.50"), "12.50"),
        (date(2024, 1, 5), "2024-01-05"),
        (datetime(2024, 1, 5, 10, 0), "2024-01-05T10:00:00"),
        (datetime(2024, 1, 5, 10, 0, tzinfo=UTC), "2024-01-05T10:00:00+00:00"),
        (time(9, 5), "09:05:00"),
        (timedelta(days=1, hours=2), "1 day, 2:00:00"),
        (b"\x00\xff", "00ff"),
        (memoryview(b"\x01"), "01"),
        (UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        ([1, "a"], '[1, "a"]'),
        ({"k": "ë"}, '{"k": "ë"}'),
    ],
)
def test_value_text(value: object, text: str | None) -> None:
    assert value_text(value) == text


@pytest.mark.parametrize("value", [0.1, 1 / 3, 1e300, 123456789.125, 5e-324])
def test_non_integral_floats_round_trip_through_their_text(value: float) -> None:
    assert float(float_text(value)) == value


@pytest.mark.parametrize(
    "array",
    [
        pa.array([1, None], pa.int32()),
        pa.array([0.5, 2.0], pa.float32()),
        pa.array([date(2024, 1, 5)], pa.date64()),
        pa.array(["x"], pa.large_string()),
        pa.array([Decimal("1.5")], pa.decimal128(4, 1)),
        pa.array([True], pa.bool_()),
    ],
)
def test_column_text_agrees_with_value_text(array: pa.Array) -> None:
    assert column_text(array).type == pa.string()
    assert column_text(array).to_pylist() == [value_text(v) for v in array.to_pylist()]
