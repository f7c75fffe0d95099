"""Typing the all-text table: every declared type, Dutch spellings, missing texts, options,
the pilot exports, and properties for dates, decimals and integers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.catalog_files import load
from governance.domain.vocabulary import ColumnType, SourceFormat
from governance.errors import BadInputError
from governance.quality.date_layouts import fixed_parts
from governance.quality.date_parts import to_stamps
from governance.quality.parse_dates import DETECT_PATTERN, parse_dates, pattern_parts
from governance.quality.parse_options import DEFAULT_NULL_VALUES, ParseOptions
from governance.quality.typed import PANDAS_DTYPES, TypedFrame, to_frame
from governance.sources import LoadedTable, read_table
from governance.synthetic import generate_pilot_data
from tests.quality.tables import declared, loaded

ROOT = Path(__file__).resolve().parents[2]


def convert(
    kind: str,
    cells: list[str | None],
    *,
    delimiter: str | None = ";",
    options: ParseOptions | None = None,
) -> TypedFrame:
    return to_frame(loaded({"c": cells}, delimiter=delimiter), declared(c=kind), options=options)


def one(kind: str, cell: str, **kwargs: object) -> tuple[object, int]:
    """The converted value (None when missing) and the failure count of one cell."""
    typed = convert(kind, [cell], **kwargs)  # type: ignore[arg-type]
    value = typed.frame["c"].iloc[0]
    return (None if pd.isna(value) else value), typed.conversion_failures["c"]


# --- integers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12", 12),
        ("-12", -12),
        ("+7", 7),
        ("007", 7),
        (" 42 ", 42),
        ("0", 0),
        ("-0", 0),
        ("1.234", 1234),  # thousands dot in a decimal-comma (';') export
        ("1.234.567", 1234567),
        ("9223372036854775807", 2**63 - 1),
        ("0000000000000000000000000001", 1),
    ],
)
def test_integer_spellings(cell: str, expected: int) -> None:
    assert one("integer", cell) == (expected, 0)


@pytest.mark.parametrize(
    "cell",
    [
        "12,5",
        "12.5",
        "1.23",
        "12.0",
        "1,234",
        "0x1F",
        "12a",
        "twaalf",
        "1 234",
        "€ 12",
        "1e3",
        "9223372036854775808",
        "--1",
        "+-1",
        "1.2345",
    ],
)
def test_integer_refusals(cell: str) -> None:
    assert one("integer", cell) == (None, 1)


def test_thousands_dots_only_in_a_decimal_comma_table() -> None:
    assert one("integer", "1.234", delimiter=",") == (None, 1)
    assert one("integer", "1.234", delimiter=",", options=ParseOptions(decimal=",")) == (1234, 0)
    assert one("integer", "1.234", options=ParseOptions(decimal=".")) == (None, 1)


# --- decimals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected", "mark"),
    [
        (["1234,56", "-0,5", "12"], [1234.56, -0.5, 12.0], ","),
        (["1.234,56", "2.000.000,5", "7"], [1234.56, 2000000.5, 7.0], ","),
        (["1234.56", "-0.5", ".5"], [1234.56, -0.5, 0.5], "."),
        (["51.920625", "5.604045", "1e-05"], [51.920625, 5.604045, 1e-05], "."),
        (["+1,5", "+2"], [1.5, 2.0], ","),
    ],
)
def test_decimal_mark_is_decided_per_column(
    cells: list[str], expected: list[float], mark: str
) -> None:
    typed = convert("decimal", cells, delimiter=",")
    assert typed.frame["c"].tolist() == expected
    assert typed.conversion_failures == {"c": 0}
    assert typed.decimal_marks == {"c": mark}


def test_minority_spelling_of_a_column_fails() -> None:
    typed = convert("decimal", ["1,5", "2,25", "3.75", "4,0"])
    assert typed.decimal_marks == {"c": ","}
    assert typed.conversion_failures == {"c": 1}
    assert typed.frame["c"].isna().tolist() == [False, False, True, False]


@pytest.mark.parametrize(
    ("delimiter", "source_format", "expected"),
    [
        (";", SourceFormat.CSV, 1500.0),  # a Dutch Excel export: ',' is the decimal mark
        (",", SourceFormat.CSV, 1.5),
        (None, SourceFormat.XLSX, 1.5),
        (None, SourceFormat.PARQUET, 1.5),
    ],
)
def test_undecided_column_follows_the_file(
    delimiter: str | None, source_format: SourceFormat, expected: float
) -> None:
    table = loaded({"c": ["1.500", "2.000"]}, delimiter=delimiter, source_format=source_format)
    typed = to_frame(table, declared(c="decimal"))
    assert typed.frame["c"].iloc[0] == expected


def test_undecided_column_follows_the_other_decimal_columns() -> None:
    table = loaded({"bedrag": ["1.500", "2.000"], "uren": ["1,5", "32"]}, delimiter=",")
    typed = to_frame(table, declared(bedrag="decimal", uren="decimal"))
    assert typed.decimal_marks == {"bedrag": ",", "uren": ","}
    assert typed.frame["bedrag"].tolist() == [1500.0, 2000.0]


def test_decimal_option_replaces_detection() -> None:
    typed = convert("decimal", ["1.500", "1,5"], options=ParseOptions(decimal="."))
    assert typed.frame["c"].iloc[0] == 1.5
    assert typed.conversion_failures == {"c": 1}


@pytest.mark.parametrize(
    "cell", ["1,234.56", "12,5.3", "1.2.3", "abc", "€12", "12%", "inf", "1e400"]
)
def test_decimal_refusals(cell: str) -> None:
    assert one("decimal", cell)[1] == 1


# --- booleans ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Ja", True), ("JA", True), ("j", True), ("J", True), ("true", True), ("TRUE", True),
        ("Yes", True), ("1", True), ("waar", True), ("Waar", True), (" ja ", True),
        ("Nee", False), ("n", False), ("N", False), ("false", False), ("No", False),
        ("0", False), ("onwaar", False), ("ONWAAR", False),
    ],
)  # fmt: skip
def test_boolean_spellings(cell: str, expected: bool) -> None:
    assert one("boolean", cell) == (expected, 0)


@pytest.mark.parametrize("cell", ["misschien", "2", "ja/nee", "y", "t", "jaa"])
def test_boolean_refusals(cell: str) -> None:
    assert one("boolean", cell) == (None, 1)


def test_boolean_spellings_can_be_replaced() -> None:
    options = ParseOptions(true_values=("Akkoord",), false_values=("Afgewezen",))
    assert one("boolean", "akkoord", options=options) == (True, 0)
    assert one("boolean", "Ja", options=options) == (None, 1)


# --- dates and datetimes ----------------------------------------------------------------

JAN_5 = datetime(2024, 1, 5)


@pytest.mark.parametrize(
    "cell",
    ["2024-01-05", "05-01-2024", "5-1-2024", "05/01/2024", "5/1/2024", "05.01.2024", "5.1.2024",
     "2024-1-5", "2024-01-05T00:00:00", "2024-01-05 00:00", "05-01-2024 00:00:00",
     "2024-01-05T00:00:00.000", "2024-01-05T00:00:00+01:00"],
)  # fmt: skip
def test_date_spellings(cell: str) -> None:
    assert one("date", cell) == (pd.Timestamp(JAN_5), 0)


@pytest.mark.parametrize(
    "cell",
    ["2024-01-05T10:16", "30-02-2024", "29-02-2023", "31-04-2024", "2024-13-01", "00-01-2024",
     "05-01-24", "05/01-2024", "01/31/2024", "20240105", "5 januari 2024", "0000-01-01",
     "45296", "2024-01-05T", "05-01-2024 25:00"],
)  # fmt: skip
def test_date_refusals(cell: str) -> None:
    assert one("date", cell) == (None, 1)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-01-05T10:16:00", datetime(2024, 1, 5, 10, 16)),
        ("2024-01-05 10:16", datetime(2024, 1, 5, 10, 16)),
        ("2024-01-05T10", datetime(2024, 1, 5, 10)),
        ("2024-01-05T10:16:07.5", datetime(2024, 1, 5, 10, 16, 7, 500000)),
        ("2024-01-05T10:16:07,123456789", datetime(2024, 1, 5, 10, 16, 7, 123456)),
        ("2024-01-05T10:16:00Z", datetime(2024, 1, 5, 10, 16)),
        ("2024-01-05T10:16:00+01:00", datetime(2024, 1, 5, 9, 16)),
        ("2024-01-05T10:16:00-0230", datetime(2024, 1, 5, 12, 46)),
        ("05-01-2024 10:16", datetime(2024, 1, 5, 10, 16)),
        ("5-1-2024 9:05", datetime(2024, 1, 5, 9, 5)),
        ("05.01.2024 23:59:59", datetime(2024, 1, 5, 23, 59, 59)),
        ("2024-01-05", JAN_5),  # the XLSX reader writes a midnight datetime as a date
        ("31-12-9999", datetime(9999, 12, 31)),  # open end: fits datetime64[us]
    ],
)
def test_datetime_spellings(cell: str, expected: datetime) -> None:
    assert one("datetime", cell) == (pd.Timestamp(expected), 0)


@pytest.mark.parametrize(
    "cell",
    ["2024-01-05T24:00", "2024-01-05T10:60", "2024-01-05T10:16:61", "2024-01-05T10:16:00+1",
     "2024-01-05 10:16 uur", "10:16", "vandaag"],
)  # fmt: skip
def test_datetime_refusals(cell: str) -> None:
    assert one("datetime", cell) == (None, 1)


def test_date_format_option_reads_us_dates() -> None:
    options = ParseOptions(date_format="%m/%d/%Y")
    assert one("date", "01/31/2024", options=options) == (pd.Timestamp(2024, 1, 31), 0)
    assert one("date", "31/01/2024", options=options) == (None, 1)
    datetime_options = ParseOptions(datetime_format="%d-%m-%Y om %H.%M")
    assert one("datetime", "05-01-2024 om 10.16", options=datetime_options) == (
        pd.Timestamp(2024, 1, 5, 10, 16),
        0,
    )


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"date_format": "%d-%m-%y"}, "two-digit years"),
        ({"date_format": "%d-%m"}, "lacks %Y"),
        ({"datetime_format": "%Y-%m-%d %I:%M %p"}, "%I is not supported"),
        ({"date_format": "%Y-%m-%d-%d"}, "appears twice"),
        ({"decimal": ";"}, "decimal mark"),
        ({"true_values": ("ja",), "false_values": ("JA",)}, "both true and false"),
        ({"true_values": ()}, "true_values is empty"),
    ],
)
def test_bad_options_are_bad_input(fields: dict[str, object], fragment: str) -> None:
    with pytest.raises(BadInputError, match=fragment):
        ParseOptions(**fields)  # type: ignore[arg-type]


# --- missing values, strings, undeclared columns ----------------------------------------


@pytest.mark.parametrize("kind", [t.value for t in ColumnType])
@pytest.mark.parametrize("cell", [*DEFAULT_NULL_VALUES, None, "   ", " NULL "])
def test_missing_texts_are_missing_in_every_type(kind: str, cell: str | None) -> None:
    assert one(kind, cell) == (None, 0)  # type: ignore[arg-type]


def test_strings_are_kept_as_written() -> None:
    typed = convert("string", ["  Jansen ", "Na", "null-waarde", "NULL", "0612345678"])
    assert typed.frame["c"].tolist()[:3] == ["  Jansen ", "Na", "null-waarde"]
    assert pd.isna(typed.frame["c"].iloc[3])
    assert typed.frame["c"].iloc[4] == "0612345678"  # a leading zero is text, not a number
    assert typed.conversion_failures == {"c": 0}


def test_null_values_option_replaces_the_missing_texts() -> None:
    options = ParseOptions(null_values=("onbekend",))
    typed = convert("string", ["onbekend", "NA", "", None], options=options)
    assert typed.frame["c"].isna().tolist() == [True, False, True, True]


def test_undeclared_columns_stay_text_and_declared_ones_missing_are_left_out() -> None:
    table = loaded({"extra": ["NULL", " 1 "], "n": ["1", "2"]})
    typed = to_frame(table, declared(n="integer", weg="date"))
    assert list(typed.frame.columns) == ["extra", "n"]
    assert typed.frame["extra"].tolist() == ["NULL", " 1 "]
    assert typed.conversion_failures == {"n": 0}


def test_dtypes_are_pandas_nullable_types() -> None:
    cells = {"s": ["a"], "i": ["1"], "d": ["1,5"], "b": ["Ja"], "t": ["05-01-2024"], "u": ["x"]}
    kinds = {"s": "string", "i": "integer", "d": "decimal", "b": "boolean", "t": "date"}
    typed = to_frame(loaded(cells), declared(**kinds, u="datetime"))
    dtypes = {name: str(dtype) for name, dtype in typed.frame.dtypes.items()}
    assert dtypes == {
        "s": "string", "i": "Int64", "d": "Float64", "b": "boolean",
        "t": "datetime64[us]", "u": "datetime64[us]",
    }  # fmt: skip
    assert set(PANDAS_DTYPES.values()) == set(dtypes.values())


def test_failures_are_counted_and_become_missing() -> None:
    typed = convert("integer", ["1", "twee", None, "NULL", "4", "5,5"])
    assert typed.frame["c"].tolist() == [1, pd.NA, pd.NA, pd.NA, 4, pd.NA]
    assert typed.conversion_failures == {"c": 2}


def test_an_empty_table_converts() -> None:
    cells: dict[str, list[str | None]] = {k: [] for k in "sidbt"}
    kinds = {"s": "string", "i": "integer", "d": "decimal", "b": "boolean", "t": "datetime"}
    typed = to_frame(loaded(cells), declared(**kinds))
    assert len(typed.frame) == 0
    assert typed.conversion_failures == dict.fromkeys("sidbt", 0)


def test_many_chunks_and_a_sliced_table_convert() -> None:
    chunks = pa.chunked_array([["05-01-2024", "x"], ["6-1-2024"], [], [None, "2024-01-07"]])
    sliced = pa.table({"t": chunks}).slice(1)
    table = LoadedTable(sliced, "t.csv", SourceFormat.CSV, 4, 4, "0", "cp1252", ";")
    typed = to_frame(table, declared(t="date"))
    expected = [pd.NaT, pd.Timestamp(2024, 1, 6), pd.NaT, pd.Timestamp(2024, 1, 7)]
    assert typed.frame["t"].tolist() == expected
    assert typed.conversion_failures == {"t": 1}


# --- the pilot exports ------------------------------------------------------------------


@pytest.fixture(scope="module")
def pilots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pilots")
    return {f.dataset_id: f.path for f in generate_pilot_data(out, rows=400)}


@pytest.mark.parametrize(
    "catalog_file", sorted((ROOT / "catalog").glob("*.yaml")), ids=lambda path: path.stem
)
def test_pilot_exports_convert_without_failures(
    pilots: dict[str, Path], catalog_file: Path
) -> None:
    registration = load(catalog_file)[0].registration
    typed = to_frame(read_table(pilots[registration.id]), registration)
    assert typed.conversion_failures == dict.fromkeys(typed.conversion_failures, 0)
    assert set(typed.conversion_failures) == {c.name for c in registration.columns}
    for column in registration.columns:
        assert str(typed.frame[column.name].dtype) == PANDAS_DTYPES[column.type]


# --- properties -------------------------------------------------------------------------


def spelled(day: date, order: str, separator: str, padded: bool) -> str:
    """The date as an export writes it: ISO, or day first with this separator."""
    if order == "iso":
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    return f"{d}{separator}{m}{separator}{day.year:04d}"


@settings(max_examples=100, deadline=None)
@given(
    days=st.lists(st.dates(date(1, 1, 1), date(9999, 12, 31)), min_size=1, max_size=20),
    order=st.sampled_from(["iso", "day-first"]),
    separator=st.sampled_from(["-", "/", "."]),
    padded=st.booleans(),
    with_time=st.booleans(),
)
def test_any_date_in_a_supported_spelling_reads_back(
    days: list[date], order: str, separator: str, padded: bool, with_time: bool
) -> None:
    texts = [spelled(day, order, separator, padded) for day in days]
    typed = convert("datetime" if with_time else "date", texts)  # type: ignore[arg-type]
    assert typed.conversion_failures == {"c": 0}
    assert [t.date() for t in typed.frame["c"]] == days


@settings(max_examples=100, deadline=None)
@given(
    moments=st.lists(
        st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30)), min_size=1, max_size=20
    ),
    separator=st.sampled_from(["T", " "]),
    day_first=st.booleans(),
    fraction=st.booleans(),
)
def test_any_datetime_in_a_supported_spelling_reads_back(
    moments: list[datetime], separator: str, day_first: bool, fraction: bool
) -> None:
    if not fraction:
        moments = [m.replace(microsecond=0) for m in moments]
    day = "{d:%d}-{d:%m}-{y}" if day_first else "{y}-{d:%m}-{d:%d}"
    clock = "{d:%H}:{d:%M}:{d:%S}.{d:%f}" if fraction else "{d:%H}:{d:%M}:{d:%S}"
    texts = [(day + separator + clock).format(d=m, y=f"{m.year:04d}") for m in moments]
    typed = convert("datetime", texts)  # type: ignore[arg-type]
    assert typed.conversion_failures == {"c": 0}
    assert [t.to_pydatetime() for t in typed.frame["c"]] == moments


@settings(max_examples=100, deadline=None)
@given(
    values=st.lists(
        st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False),
        min_size=1,
        max_size=20,
    ),
    comma=st.booleans(),
    grouped=st.booleans(),
    delimiter=st.sampled_from([";", ","]),
)
def test_any_decimal_in_a_supported_spelling_reads_back(
    values: list[Decimal], comma: bool, grouped: bool, delimiter: str
) -> None:
    """Four decimals make every value decide the mark itself: detection, no options."""
    if comma:
        texts = [f"{v:,.4f}" if grouped else f"{v:.4f}" for v in values]
        texts = [t.replace(",", "_").replace(".", ",").replace("_", ".") for t in texts]
    else:
        texts = [f"{v:.4f}" for v in values]
    typed = convert("decimal", texts, delimiter=delimiter)  # type: ignore[arg-type]
    assert typed.conversion_failures == {"c": 0}
    assert typed.frame["c"].tolist() == [float(v) for v in values]


@settings(max_examples=100, deadline=None)
@given(
    values=st.lists(st.integers(-(2**63) + 1, 2**63 - 1), min_size=1, max_size=20),
    grouped=st.booleans(),
    plus=st.booleans(),
)
def test_any_integer_in_a_supported_spelling_reads_back(
    values: list[int], grouped: bool, plus: bool
) -> None:
    texts = [f"{v:,}".replace(",", ".") if grouped else str(v) for v in values]
    if plus:
        texts = [t if t.startswith("-") else f"+{t}" for t in texts]
    typed = convert("integer", texts)  # type: ignore[arg-type]
    assert typed.conversion_failures == {"c": 0}
    assert typed.frame["c"].tolist() == values


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    """Date-like texts near the supported shapes: valid, out of range, or slightly off."""
    year = draw(st.sampled_from(["2024", "0000", "9999", "0001", "24", "12345"]))
    month = draw(st.sampled_from(["1", "01", "12", "13", "00", "2", "002"]))
    day = draw(st.sampled_from(["1", "05", "29", "30", "31", "32", "0", "123"]))
    first, second = draw(st.sampled_from([("-", "-"), ("/", "/"), (".", "."), ("-", "/")]))
    if draw(st.booleans()):
        text = f"{year}{first}{month}{second}{day}"
    else:
        text = f"{day}{first}{month}{second}{year}"
    clock = draw(
        st.sampled_from(
            ["", "", "T10", " 10", "T10:16", " 23:59:59", "T00:00:00", "T24:00", "T10:60",
             "T10:16:00.5", " 10:16:00,123456789", "T10:16:00.1234567890", "T1:05",
             "T10:16:00Z", "T10:16:00+01:00", "T10:16:", "T10:6", "t10:16", "T10:16:00."]
        )
    )  # fmt: skip
    junk = draw(st.sampled_from(["", "", "", "x", "é", "0"]))
    return draw(st.sampled_from([f"{text}{clock}{junk}", f"{junk}{text}{clock}"]))


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(date_texts(), min_size=1, max_size=40))
def test_the_fast_date_path_agrees_with_the_pattern(texts: list[str]) -> None:
    column = pa.chunked_array([pa.array(texts, pa.string())])
    fixed = fixed_parts(column)
    general = pattern_parts(column, DETECT_PATTERN)
    assert not (fixed.matched & ~general.matched).any()  # the pattern reads all it reads
    for with_time in (False, True):
        by_position = to_stamps(fixed, with_time=with_time)
        by_pattern = to_stamps(general, with_time=with_time)
        both = fixed.matched
        assert np.array_equal(by_position[both], by_pattern[both], equal_nan=True)
        whole = parse_dates(column, with_time=with_time)
        assert np.array_equal(whole, by_pattern, equal_nan=True)


def test_fast_and_general_paths_meet_in_one_column() -> None:
    texts = ["05-01-2024", "2024-01-05T10:00:00+01:00", None, "6-1-2024", "31-02-2024"]
    column = pa.chunked_array([pa.array(texts, pa.string())])
    stamps = parse_dates(column, with_time=True)
    expected = ["2024-01-05T00:00", "2024-01-05T09:00", "NaT", "2024-01-06T00:00", "NaT"]
    assert stamps.tolist() == np.array(expected, dtype="datetime64[us]").tolist()
    assert parse_dates(column[:0], with_time=False).size == 0
