"""Run an expectation suite with Great Expectations: on a typed pandas frame, or in the database.

    outcomes = run_on_frame(suite, typed.frame, personal_columns={"Client_BSN"}, today=date.today())
    outcomes = run_on_sql(suite, "postgresql+psycopg://…/db", "wmo_wachtlijst", set(), today)

GX runs in one ephemeral context per process (`governance.quality._gx`): nothing is written
to disk, analytics and progress bars are off, GX's loggers are at WARNING and its Python
warnings are swallowed during a run. On SQL the expectations are compiled to queries that
run in the database (counts, and at most 20 unexpected values per expectation), so a large
table is never pulled into pandas.

What comes back is one `ExpectationOutcome` per expectation, in suite order, holding only:
counts and percentages; observed values that are aggregates (a row count, a mean) — an
observed value taken from the rows (min, max, most common, distinct values) is treated like a
sample; and up to five unexpected values as text. For columns in `personal_columns` every
such value is replaced by its masked shape (`d{9}` for a BSN), and GX's own value lists
(partial_unexpected_list, _counts, _index_list, details) are never copied. An expectation that
cannot run on this data (a comparison of text with a number, an unreachable table) raises
`SuiteRunError` (exit 2) naming the suite line; its message is scrubbed of quoted values.
"""

from __future__ import annotations

import contextlib
import math
import re
import uuid
import warnings
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from governance.domain.quality import ExpectationOutcome
from governance.errors import BadInputError
from governance.pii.recognizers.mask import mask
from governance.pii.spot import looks_personal
from governance.quality.suites import TODAY_KEYS, ExpectationSpec, Observed, Shape, Suite

if TYPE_CHECKING:
    import pandas as pd

MAX_SAMPLES = 5
MAX_OBSERVED_VALUES = 20
RESULT_FORMAT = "SUMMARY"
_INDEX_KEY = "governance_index"
_TEXT_TYPES = frozenset(  # they read a number as text: 5, not 5.0
    {
        "expect_column_value_lengths_to_be_between",
        "expect_column_value_lengths_to_equal",
        "expect_column_values_to_match_regex",
        "expect_column_values_to_not_match_regex",
    }
)
_NULL_TEXTS = frozenset({"", "<NA>", "NaT", "nan", "NaN", "None", "null"})
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]00:00:00(?:\.0+)?$")
_INTEGRAL = re.compile(r"^(-?\d+)\.0+$")
_SECONDS = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?$")


class SuiteRunError(BadInputError):
    """Expectations that could not run on this data; `problems` names each by file:line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


# --- entry points ---------------------------------------------------------------------------


def run_on_frame(
    suite: Suite, frame: pd.DataFrame, personal_columns: set[str], today: date
) -> list[ExpectationOutcome]:
    """Validate a typed DataFrame (Int64, Float64, boolean, datetime64, string columns)."""
    from governance.quality import _gx

    kinds = {str(name): _frame_kind(frame[name]) for name in frame.columns}
    frame = _fast_dtypes(suite, frame)
    with _gx.lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GX's warnings may quote data; none reach the user
        context = _gx.context()
        name = f"governance-frame-{uuid.uuid4().hex}"
        datasource = context.data_sources.add_pandas(name)
        try:
            asset = datasource.add_dataframe_asset("frame")
            definition = asset.add_batch_definition_whole_dataframe("whole")
            results = _validate(definition, {"dataframe": frame}, suite, today, kinds)
        finally:
            context.data_sources.delete(name)
    return _outcomes(suite, results, personal_columns, today, kinds)


def run_on_sql(
    suite: Suite, url: str, table: str, personal_columns: set[str], today: date
) -> list[ExpectationOutcome]:
    """Validate a table in its database (SQLite, PostgreSQL): GX's SQL execution engine
    turns each expectation into queries; only counts and a few values come back.

    `table` may be `schema.table`; otherwise the connection's default schema is used."""
    from governance.quality import _gx

    schema, _, table_name = table.rpartition(".")
    shown = _safe_url(url)
    with _gx.lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. "a more specific SqliteDatasource may be …"
        context = _gx.context()
        name = f"governance-sql-{uuid.uuid4().hex}"
        try:
            datasource = context.data_sources.add_sql(
                name, connection_string=url, kwargs={"hide_parameters": True}
            )
        except Exception as error:
            raise BadInputError(
                f"{shown}: cannot connect to the database for the suite "
                f"({type(error).__name__}); check the URL and that the server runs"
            ) from None
        engine = None
        try:
            engine = datasource.get_engine()
            kinds = _sql_kinds(engine, table_name, schema or None)
            if kinds is None:
                raise BadInputError(
                    f"{shown}: no table '{table}' for the suite {suite.path}; name an "
                    "existing table (and schema.table if it is not in the default schema)"
                )
            where = {"schema_name": schema} if schema else {}
            asset = datasource.add_table_asset("table", table_name=table_name, **where)
            definition = asset.add_batch_definition_whole_table("whole")
            results = _validate(definition, None, suite, today, kinds)
        finally:
            context.data_sources.delete(name)
            if engine is not None:
                engine.dispose()
    return _outcomes(suite, results, personal_columns, today, kinds)


# --- running --------------------------------------------------------------------------------


def _validate(
    definition: Any,
    parameters: dict[str, Any] | None,
    suite: Suite,
    today: date,
    kinds: dict[str, str],
) -> list[Any]:
    """The GX results of the suite on the batch definition, in suite order.

    GX's own v1 Validator is used directly (what `Batch.validate` builds), so the batch is
    loaded once: a pandas batch is fingerprinted by hashing the whole frame on every load."""
    from governance.quality._gx import gx

    gx_module = gx()
    from great_expectations.expectations.registry import get_expectation_impl
    from great_expectations.validator.v1_validator import Validator

    gx_suite = gx_module.ExpectationSuite(name=f"{suite.dataset_id}-{uuid.uuid4().hex}")
    for index, spec in enumerate(suite.expectations):
        arguments = _bounds_for_column(spec, spec.resolved(today), kinds)
        expectation = get_expectation_impl(spec.type)(**arguments)
        expectation.meta = {_INDEX_KEY: index}
        gx_suite.add_expectation(expectation)
    validator = Validator(definition, result_format=RESULT_FORMAT, batch_parameters=parameters)
    validation = validator.validate_expectation_suite(gx_suite)
    ordered: list[Any] = [None] * len(suite.expectations)
    for result in validation.results:
        ordered[int(result.expectation_config.meta[_INDEX_KEY])] = result
    problems = []
    for spec, result in zip(suite.expectations, ordered, strict=True):
        message = _exception_message(result.exception_info if result is not None else None)
        if result is None or message is not None:
            reason = _scrub(message or "no result", set(kinds) | set(spec.columns))
            problems.append(
                f"{suite.where(spec)}: {spec.type} on {', '.join(spec.columns) or 'the table'} "
                f"could not run on this data ({reason}); check that the column's type fits "
                "the expectation (numbers for between, dates for date bounds, text for regex)"
            )
    if problems:
        raise SuiteRunError(problems)
    return ordered


def _bounds_for_column(
    spec: ExpectationSpec, arguments: dict[str, Any], kinds: dict[str, str]
) -> dict[str, Any]:
    """A date bound (`today` or a YAML date) fitted to the column it is compared with:
    on a timestamp column min_value is the start and max_value the end of that day."""
    column = arguments.get("column")
    kind = kinds.get(column, "other") if isinstance(column, str) else "other"
    fitted = dict(arguments)
    for key in TODAY_KEYS:
        value = fitted.get(key)
        if not isinstance(value, date) or isinstance(value, datetime):
            continue
        if kind.startswith("datetime"):
            moment = datetime.combine(value, time.max if key == "max_value" else time.min)
            zone = kind.partition(":")[2]
            if zone:
                import pandas as pd

                moment = pd.Timestamp(moment).tz_localize(zone)
            fitted[key] = moment
    return fitted


def _fast_dtypes(suite: Suite, frame: pd.DataFrame) -> pd.DataFrame:
    """The suite's columns, in the dtypes GX handles well (a new frame; the caller's frame
    is left alone). GX compares numpy int/float and datetime64[ns] columns vectorised, but
    pandas' nullable Int64/Float64 and datetime64[us] value by value in Python (a hundred
    times slower); and it stumbles over pandas' NA in a column pair where one value is
    missing ("boolean value of NA is ambiguous"). So: nullable numbers become float64 (NaN
    for missing; samples of integer columns are written without ".0"), timestamps get
    nanosecond resolution where they fit, nullable text and booleans get NaN for missing
    in the columns of a pair."""
    import numpy as np
    import pandas as pd

    used = {c for spec in suite.expectations for c in spec.columns}
    paired = {c for s in suite.expectations if s.kind.shape is Shape.PAIR for c in s.columns}
    # Only the columns the suite names: GX filters whole rows, so every other column would
    # be copied along (no supported expectation looks at the set of columns).
    keep = [c for c in frame.columns if c in used] or list(frame.columns[:1])
    frame = frame[keep]
    as_text = {c for s in suite.expectations if s.type in _TEXT_TYPES for c in s.columns}
    changed: dict[str, Any] = {}
    for name in used & {str(c) for c in frame.columns}:
        series = frame[name]
        dtype = series.dtype
        if (
            isinstance(dtype, pd.api.extensions.ExtensionDtype)
            and dtype.kind in "iuf"
            and name not in as_text
        ):
            changed[name] = series.astype("float64")
        elif pd.api.types.is_datetime64_any_dtype(dtype) and not _is_ns(dtype):
            with contextlib.suppress(OverflowError, ValueError):  # outside 1677-2262: slow path
                changed[name] = series.astype(_ns(dtype))
        elif name in paired and isinstance(dtype, pd.StringDtype) and dtype.na_value is pd.NA:
            changed[name] = series.astype(pd.StringDtype(na_value=np.nan))
        elif name in paired and isinstance(dtype, pd.BooleanDtype):
            changed[name] = series.astype(object).where(series.notna(), np.nan)
    return frame.assign(**changed) if changed else frame


def _is_ns(dtype: Any) -> bool:
    import numpy as np

    unit = getattr(dtype, "unit", None)
    return (unit if unit is not None else np.datetime_data(dtype)[0]) == "ns"


def _ns(dtype: Any) -> Any:
    import pandas as pd

    zone = getattr(dtype, "tz", None)
    return pd.DatetimeTZDtype("ns", zone) if zone is not None else "datetime64[ns]"


def _frame_kind(series: pd.Series) -> str:
    """'datetime', 'datetime:<zone>', 'date' (Python date objects), 'integer' or 'other'."""
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        return f"datetime:{dtype.tz}"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_object_dtype(dtype):
        first = series.dropna().head(1)
        if len(first):
            value = first.iloc[0]
            if isinstance(value, datetime):
                return "datetime"
            if isinstance(value, date):
                return "date"
    return "other"


def _sql_kinds(engine: Any, table: str, schema: str | None) -> dict[str, str] | None:
    import sqlalchemy as sa

    inspector = sa.inspect(engine)
    if not inspector.has_table(table, schema=schema):
        return None
    kinds = {}
    for column in inspector.get_columns(table, schema=schema):
        column_type = column["type"]
        if isinstance(column_type, sa.DateTime):
            kinds[str(column["name"])] = "datetime"
        elif isinstance(column_type, sa.Date):
            kinds[str(column["name"])] = "date"
        elif isinstance(column_type, sa.Integer):
            kinds[str(column["name"])] = "integer"
        else:
            kinds[str(column["name"])] = "other"
    return kinds


def _safe_url(url: str) -> str:
    import sqlalchemy as sa

    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the database URL"


def _exception_message(info: Any) -> str | None:
    """GX's exception_info comes flat ({raised_exception, exception_message}) or keyed by
    metric ({MetricConfigurationID: {...}}); the first raised message, or None."""
    if not info:
        return None
    if isinstance(info, dict) and "raised_exception" in info:
        return str(info.get("exception_message")) if info.get("raised_exception") else None
    if isinstance(info, dict):
        for value in info.values():
            if isinstance(value, dict) and value.get("raised_exception"):
                return str(value.get("exception_message"))
    return None


def _scrub(message: str, columns: set[str]) -> str:
    """The first line of GX's message with every quoted value that is not a column name,
    and every long run of digits, replaced by its masked shape."""
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"

    def quoted(match: re.Match[str]) -> str:
        inner = match.group(2)
        return (
            match.group(0) if inner in columns else f"{match.group(1)}{mask(inner)}{match.group(1)}"
        )

    text = re.sub(r"(['\"])(.*?)\1", quoted, first)
    text = re.sub(r"\d{4,}", lambda m: mask(m.group(0)), text)
    return text[:300]


# --- results to outcomes --------------------------------------------------------------------


def _outcomes(
    suite: Suite,
    results: list[Any],
    personal_columns: set[str],
    today: date,
    kinds: dict[str, str],
) -> list[ExpectationOutcome]:
    outcomes = []
    for spec, result in zip(suite.expectations, results, strict=True):
        shown = _Shown(personal_columns, kinds)
        body = dict(result.result or {})
        count = body.get("unexpected_count")
        outcomes.append(
            ExpectationOutcome(
                type=spec.type,
                columns=spec.columns,
                severity=spec.severity,
                success=bool(result.success),
                observed=_observed(spec, body.get("observed_value"), shown),
                unexpected_count=int(count) if count is not None else None,
                unexpected_percent=_percent(body.get("unexpected_percent")),
                samples=_samples(spec, body.get("partial_unexpected_list") or [], shown),
                note=spec.note,
                arguments=_arguments(spec, today, personal_columns),
            )
        )
    return outcomes


class _Shown:
    """How one value of a column is shown: its masked shape for a personal column — or for
    any value that itself looks personal (a name or a phone number in a column nobody
    declared or scanned) — else short text (an integer column's 5.0 as 5: GX ran on
    float64, see `_fast_dtypes`)."""

    def __init__(self, personal_columns: set[str], kinds: dict[str, str]) -> None:
        self.personal = personal_columns
        self.kinds = kinds

    def __call__(self, value: Any, column: str | None) -> str | None:
        text = _text(value)
        if text is None:
            return None
        if column is not None and self.kinds.get(column) == "integer":
            text = _INTEGRAL.sub(r"\1", text)
        hide = column is None or column in self.personal or looks_personal(text)
        return mask(text) if hide else text


def _percent(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else round(number, 4)


def _aggregate(spec: ExpectationSpec, value: Any, shown: _Shown) -> Any:
    """Counts and proportions are shown as they are; a mean, sum or spread of a personal
    column is masked too, since over one row it is that row's value."""
    personal = any(column in shown.personal for column in spec.columns)
    if personal and not any(word in spec.type for word in ("count", "proportion")):
        return mask(str(_plain(value)))
    return _plain(value)


def _observed(spec: ExpectationSpec, value: Any, shown: _Shown) -> Any:
    kind = spec.kind.observed
    if kind is Observed.NONE or value is None:
        return None
    if kind is Observed.AGGREGATE:
        return _aggregate(spec, value, shown)
    column = spec.columns[0] if spec.columns else None
    if not isinstance(value, list | tuple | set):
        return shown(value, column)
    texts: list[str] = []
    for item in value:
        text = shown(item, column)
        if text is not None and text not in texts:
            texts.append(text)
        if len(texts) >= MAX_OBSERVED_VALUES:
            break
    return texts


def _samples(spec: ExpectationSpec, values: Iterable[Any], shown: _Shown) -> tuple[str, ...]:
    """Up to five distinct unexpected values as text; masked shapes for personal columns.
    A pair or compound sample is written `a | b`, in the order of the columns."""
    samples: list[str] = []
    for value in values:
        sample = _sample(spec, value, shown)
        if sample is not None and sample not in samples:
            samples.append(sample)
        if len(samples) >= MAX_SAMPLES:
            break
    return tuple(samples)


def _sample(spec: ExpectationSpec, value: Any, shown: _Shown) -> str | None:
    if spec.kind.shape not in (Shape.PAIR, Shape.MULTI):
        return shown(value, spec.columns[0] if spec.columns else None)
    if isinstance(value, dict):
        parts = [value.get(column) for column in spec.columns]
    elif isinstance(value, list | tuple):
        parts = list(value)
    else:
        parts = [value]
    columns: list[str | None] = [*spec.columns]
    texts = [
        shown(part, columns[index] if index < len(columns) else None)
        for index, part in enumerate(parts)
    ]
    if all(text is None for text in texts):
        return None
    return " | ".join("null" if text is None else text for text in texts)


def _arguments(spec: ExpectationSpec, today: date, personal_columns: set[str]) -> dict[str, Any]:
    """The arguments as run (`today` as the ISO date), JSON-ready; a value set on a personal
    column is masked too (a list of BSNs in a suite is still a list of BSNs)."""
    arguments = {key: _plain(value) for key, value in spec.resolved(today).items()}
    if any(column in personal_columns for column in spec.columns) and "value_set" in arguments:
        values = arguments["value_set"]
        if isinstance(values, list):
            arguments["value_set"] = [mask(str(v)) for v in values]
    return arguments


def _text(value: Any) -> str | None:
    """A value as short text, or None for a null; dates as ISO dates."""
    import pandas as pd

    if value is None or (not isinstance(value, list | tuple | dict | set) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        if value.time() == time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text in _NULL_TEXTS:
        return None
    midnight = _MIDNIGHT.match(text)
    if midnight:
        return midnight.group(1)
    seconds = _SECONDS.match(text)
    if seconds:
        return f"{seconds.group(1)} {seconds.group(2)}"
    return text


def _plain(value: Any) -> Any:
    """A JSON-ready copy: numbers, text, bools, None, lists, with dates as ISO text."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return _text(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        try:
            return _plain(item())
        except (TypeError, ValueError):
            pass
    return _text(value)
