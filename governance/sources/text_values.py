"""Spelling typed values as text, the same way for XLSX cells, Parquet columns and SQL rows.

Readers hand the scanner and the quality checks raw text, so a value must be spelled as a
person would read it in the source: integers without '.0', dates as ISO 8601, booleans as
'true'/'false'. Integers are never padded: a BSN column stored as a number that lost its
leading zero stays 8 digits here, and the scanner recognises that form.

Python values (XLSX, SQL) go through `value_text`; Arrow columns (Parquet) through
`column_text`, which casts whole columns in Arrow and is fast on millions of rows. The two
agree on the common types; known differences: Arrow spells float exponents as '1e+20' and
'1.5e-7' (Python repr: '1e+20', '1.5e-07'), keeps the digits of its unit in a non-zero
fraction of a second ('10:00:00.120', Python '10:00:00.120000') and writes time zones as
'Z' or '+0100' (Python '+00:00', '+01:00').
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import pyarrow as pa
import pyarrow.compute as pc


def value_text(value: Any) -> str | None:
    """One Python value as text; None stays None (null).

    int as int text; an integral float without '.0' (3.0 -> '3'), other floats with repr;
    Decimal as written ('12.50'); dates, datetimes and times in ISO 8601; booleans
    'true'/'false'; bytes as hex; lists and dicts (PostgreSQL arrays and JSON) as JSON.
    Strings pass unchanged, including blanks and the literal 'NULL'.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def float_text(value: float) -> str:
    """3.0 -> '3', 2.5 -> '2.5', 1e20 -> '100000000000000000000'; nan and inf as repr."""
    if math.isfinite(value) and value.is_integer():
        return str(int(value))
    return repr(value)


def _without_zero_fraction(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """'10:16:00.000' -> '10:16:00', as Python's isoformat writes whole seconds.

    Parquet has no second unit, so a timestamp written at whole seconds comes back in
    milliseconds; without this every such value would end in '.000'.
    """
    return pc.replace_substring_regex(text, r"\.0+(Z|[+-]\d{4})?$", r"\1")


def column_text(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """A whole Arrow column as `pa.string()`, null kept null."""
    if isinstance(column, pa.Array):
        column = pa.chunked_array([column], type=column.type)
    kind = column.type
    if pa.types.is_string(kind):
        return column
    if pa.types.is_dictionary(kind):
        return column_text(pc.cast(column, kind.value_type))
    if pa.types.is_null(kind):
        return pa.chunked_array([pa.nulls(len(column), pa.string())])
    if pa.types.is_timestamp(kind):
        # Arrow writes '2024-01-05 10:00:00'; ISO 8601 (and value_text) use a 'T'.
        text = pc.cast(column, pa.string())
        return _without_zero_fraction(pc.replace_substring(text, " ", "T", max_replacements=1))
    if pa.types.is_time(kind):
        return _without_zero_fraction(pc.cast(column, pa.string()))
    if (
        pa.types.is_large_string(kind)
        or pa.types.is_string_view(kind)
        or pa.types.is_integer(kind)
        or pa.types.is_floating(kind)
        or pa.types.is_decimal(kind)
        or pa.types.is_boolean(kind)
        or pa.types.is_date(kind)
    ):
        return pc.cast(column, pa.string())
    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
        try:
            return pc.cast(column, pa.string())  # binary that holds UTF-8 text
        except pa.ArrowInvalid:
            pass
    # Rare types (nested, fixed-size binary, durations, intervals): one value at a time.
    return pa.chunked_array(
        [pa.array([value_text(v) for v in column.to_pylist()], type=pa.string())],
        type=pa.string(),
    )
