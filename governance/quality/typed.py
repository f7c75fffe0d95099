"""The all-text table of a source, typed as the registration declares, for the checks.

Readers hand over text only (`governance.sources`): the reader cannot know that '1.500'
is fifteen hundred in a Suite4 export and one and a half in a web export; the
registration can, and this module applies it. Great Expectations and pandera then see
real types (`Int64`, `Float64`, `boolean`, `datetime64[us]`, `string`), so 'waiting days
>= 0' compares numbers and not texts.

Per declared column, vectorised in Arrow and numpy (no Python loop per cell):

- Missing: a null cell, or one whose trimmed text is a missing-value text
  (`parse_options.DEFAULT_NULL_VALUES`: '', NULL, null, Null, NA, N/A, n/a, -, NaN, nan),
  is missing in every type, string columns included.
- string: kept exactly as written (blanks around a name stay: they are data, and a
  quality rule may want to find them); only missing texts become missing.
- integer, decimal: see `parse_numbers`; boolean: `parse_booleans`; date, datetime:
  `parse_dates`. Blanks around a value are ignored.
- A cell that is not missing and does not convert becomes missing in the frame and is
  counted in `conversion_failures[column]`; the contract reports it as a type error and
  does not count it again as a null.

The decimal mark is decided per decimal column by its values (`parse_numbers`); where a
column's values do not decide (only '1.500', or only whole numbers), the table decides:
the mark most of the table's decimal values show, else ',' for a ';'-delimited CSV (a
Dutch Excel export uses ';' precisely because ',' is its decimal mark), else '.'. The
table's mark also says whether integer columns accept thousands dots ('1.234'). A
`ParseOptions` field that is set replaces the detection.

Columns the registration does not declare stay text (`string`, nulls as read). Declared
columns missing from the data are left out: the contract reports them. Column order is
the source's.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.registration import Registration
from governance.domain.vocabulary import ColumnType, SourceFormat
from governance.quality.parse_booleans import parse_booleans
from governance.quality.parse_dates import parse_dates
from governance.quality.parse_numbers import (
    DecimalEvidence,
    decimal_evidence,
    parse_decimals,
    parse_integers,
)
from governance.quality.parse_options import ParseOptions
from governance.sources import LoadedTable

__all__ = ["PANDAS_DTYPES", "ParseOptions", "TypedFrame", "to_frame"]

PANDAS_DTYPES: dict[ColumnType, str] = {
    ColumnType.STRING: "string",
    ColumnType.INTEGER: "Int64",
    ColumnType.DECIMAL: "Float64",
    ColumnType.BOOLEAN: "boolean",
    ColumnType.DATE: "datetime64[us]",
    ColumnType.DATETIME: "datetime64[us]",
}
"""The pandas dtype of each declared type in the frame (a date is a datetime at midnight)."""

_TO_PANDAS = {
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
    pa.string(): pd.StringDtype(),
}

_WORKERS = 2
"""Arrow and numpy release the GIL, so columns convert in parallel on the cores we have."""


@dataclass(frozen=True)
class TypedFrame:
    """The typed data and what did not convert.

    `conversion_failures`: for every declared column present in the data, the number of
    cells that were not missing but did not convert (0 for string columns).
    `decimal_marks`: the mark used for each decimal column (',' or '.').
    """

    frame: pd.DataFrame
    conversion_failures: dict[str, int]
    decimal_marks: dict[str, str] = field(default_factory=dict)


def to_frame(
    loaded: LoadedTable, registration: Registration, *, options: ParseOptions | None = None
) -> TypedFrame:
    """Type every declared column of `loaded.table` (see the module docstring)."""
    options = options or ParseOptions()
    table = loaded.table
    declared = {c.name: c.type for c in registration.columns}
    typed_names = [n for n in table.column_names if n in declared]
    missing_texts = pa.array(options.missing, pa.string())

    def prepare(name: str) -> pa.ChunkedArray:
        return _without_missing(table.column(name), missing_texts)

    with ThreadPoolExecutor(_WORKERS) as pool:
        cleaned = dict(zip(typed_names, pool.map(prepare, typed_names), strict=True))
        decimal_names = [n for n in typed_names if declared[n] is ColumnType.DECIMAL]
        evidence: dict[str, DecimalEvidence] = {}
        if options.decimal is None:
            found = pool.map(lambda n: decimal_evidence(cleaned[n]), decimal_names)
            evidence = dict(zip(decimal_names, found, strict=True))
        table_mark = options.decimal or _table_mark(loaded, list(evidence.values()))
        marks = {n: (e.mark or table_mark) for n, e in evidence.items()}

        def convert(name: str) -> tuple[pd.Series, int]:
            column_type = declared.get(name)
            if column_type is None:
                return _series(table.column(name)), 0
            if column_type is ColumnType.STRING:
                original = table.column(name)
                blank = pc.is_null(cleaned[name])
                return _series(pc.if_else(blank, None, original)), 0
            return _convert(
                cleaned[name], column_type, options, marks.get(name, table_mark), evidence.get(name)
            )

        results = list(pool.map(convert, table.column_names))
    frame = pd.DataFrame(
        {name: series for name, (series, _) in zip(table.column_names, results, strict=True)},
        copy=False,
    )
    failures = {
        name: count
        for name, (_, count) in zip(table.column_names, results, strict=True)
        if name in declared
    }
    return TypedFrame(frame, failures, {n: marks.get(n, table_mark) for n in decimal_names})


def _without_missing(column: pa.ChunkedArray, missing_texts: pa.Array) -> pa.ChunkedArray:
    """The column trimmed, with missing cells (null or a missing text) as null."""
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.is_in(trimmed, value_set=missing_texts), None, trimmed)


def _table_mark(loaded: LoadedTable, evidence: list[DecimalEvidence]) -> str:
    """The decimal mark for columns whose own values do not decide (module docstring)."""
    comma = sum(e.comma_only for e in evidence)
    dot = sum(e.dot_only for e in evidence)
    if comma != dot:
        return "," if comma > dot else "."
    if loaded.format is SourceFormat.CSV and loaded.delimiter == ";":
        return ","
    return "."


def _convert(
    text: pa.ChunkedArray,
    column_type: ColumnType,
    options: ParseOptions,
    mark: str,
    evidence: DecimalEvidence | None = None,
) -> tuple[pd.Series, int]:
    """One declared, non-string column: its values and its count of failed cells."""
    missing = text.null_count
    if column_type is ColumnType.INTEGER:
        values = parse_integers(text, grouping=mark == ",")
    elif column_type is ColumnType.DECIMAL:
        values = parse_decimals(text, mark, evidence)
    elif column_type is ColumnType.BOOLEAN:
        values = parse_booleans(text, options.booleans(True), options.booleans(False))
    else:
        with_time = column_type is ColumnType.DATETIME
        date_format = options.datetime_format if with_time else options.date_format
        stamps = parse_dates(text, with_time=with_time, date_format=date_format)
        return pd.Series(stamps, copy=False), int(np.isnat(stamps).sum()) - missing
    return _series(values), values.null_count - missing


def _series(column: pa.ChunkedArray) -> pd.Series:
    return column.to_pandas(types_mapper=_TO_PANDAS.get)
