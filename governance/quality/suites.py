"""Expectation suites as YAML: `expectations/<dataset-id>.yaml`, checked on load.

    dataset: wmo-wachtlijst
    expectations:
      - type: expect_column_values_to_be_between
        column: Wachtdagen
        min_value: 0
        mostly: 0.99
        severity: critical          # critical (blocks a share, the default) or warning
        note: Negatieve wachtdagen zijn invoerfouten.

Every key other than `type`, `severity` and `note` is an argument of the Great Expectations
expectation of that type. `today` as `min_value` or `max_value` means the run date (for
"dates not in the future"). A suite is checked when it is loaded, against the expectation
classes of Great Expectations themselves: unknown types (with the closest known one),
unknown and missing arguments, values GX refuses, bad severities, a `dataset` that is not
the file's name. Every problem is reported as `file:line: what; fix`, all at once, in a
`SuiteError` (exit 2). Only the types in `SUPPORTED` are allowed: each is known to run on
pandas and in SQL, and the runner knows which of its results are aggregates and which are
row values (to be masked for personal data).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from governance.catalog_files import (
    RegistrationFileError,
    UnreadableFile,
    line_of,
    parse_documents,
    read_small_text,
)
from governance.domain.quality import Severity
from governance.errors import BadInputError

TODAY = "today"
"""The value of `min_value` / `max_value` that stands for the run date."""

SUITE_KEYS = ("dataset", "expectations")
OWN_KEYS = ("type", "severity", "note")
COLUMN_KEYS = ("column", "column_A", "column_B", "column_list")
TODAY_KEYS = ("min_value", "max_value")

# Fields of every GX expectation that are not arguments of the check itself, and fields a
# suite may not use: conditions are written differently for pandas and SQL, so a suite
# using them would not run on both.
_NOT_ARGUMENTS = frozenset(
    {
        "id",
        "meta",
        "notes",
        "result_format",
        "description",
        "catch_exceptions",
        "rendered_content",
        "severity",
        "windows",
        "batch_id",
        "row_condition",
        "condition_parser",
    }
)


class Shape(StrEnum):
    TABLE = "table"  # no column
    COLUMN = "column"  # `column`
    PAIR = "pair"  # `column_A`, `column_B`
    MULTI = "multi"  # `column_list`


class Observed(StrEnum):
    NONE = "none"  # a row-by-row check: counts, no observed value
    AGGREGATE = "aggregate"  # a count, mean, sum, share: kept as is
    VALUES = "values"  # a value from the rows (min, max, most common): masked if personal


@dataclass(frozen=True)
class Kind:
    shape: Shape
    observed: Observed
    today: bool = False  # `today` allowed as min_value / max_value


_C, _P, _M, _T = Shape.COLUMN, Shape.PAIR, Shape.MULTI, Shape.TABLE
_N, _A, _V = Observed.NONE, Observed.AGGREGATE, Observed.VALUES

SUPPORTED: dict[str, Kind] = {
    # whole table
    "expect_table_row_count_to_be_between": Kind(_T, _A),
    "expect_table_row_count_to_equal": Kind(_T, _A),
    # one column, row by row
    "expect_column_values_to_not_be_null": Kind(_C, _N),
    "expect_column_values_to_be_null": Kind(_C, _N),
    "expect_column_values_to_be_unique": Kind(_C, _N),
    "expect_column_values_to_be_between": Kind(_C, _N, today=True),
    "expect_column_values_to_be_in_set": Kind(_C, _N),
    "expect_column_values_to_not_be_in_set": Kind(_C, _N),
    "expect_column_values_to_match_regex": Kind(_C, _N),
    "expect_column_values_to_not_match_regex": Kind(_C, _N),
    "expect_column_value_lengths_to_be_between": Kind(_C, _N),
    "expect_column_value_lengths_to_equal": Kind(_C, _N),
    # one column, aggregated
    "expect_column_min_to_be_between": Kind(_C, _V, today=True),
    "expect_column_max_to_be_between": Kind(_C, _V, today=True),
    "expect_column_median_to_be_between": Kind(_C, _V),
    "expect_column_mean_to_be_between": Kind(_C, _A),
    "expect_column_sum_to_be_between": Kind(_C, _A),
    "expect_column_stdev_to_be_between": Kind(_C, _A),
    "expect_column_unique_value_count_to_be_between": Kind(_C, _A),
    "expect_column_proportion_of_unique_values_to_be_between": Kind(_C, _A),
    "expect_column_proportion_of_non_null_values_to_be_between": Kind(_C, _A),
    "expect_column_distinct_values_to_be_in_set": Kind(_C, _V),
    "expect_column_distinct_values_to_contain_set": Kind(_C, _V),
    "expect_column_distinct_values_to_equal_set": Kind(_C, _V),
    "expect_column_most_common_value_to_be_in_set": Kind(_C, _V),
    # two columns
    "expect_column_pair_values_a_to_be_greater_than_b": Kind(_P, _N),
    "expect_column_pair_values_to_be_equal": Kind(_P, _N),
    # several columns
    "expect_compound_columns_to_be_unique": Kind(_M, _N),
}

_REGEX_TYPES = (
    "expect_column_values_to_match_regex",
    "expect_column_values_to_not_match_regex",
)

# What a good value looks like, per argument: the second half of an error message.
_HINTS = {
    "column": "the column's name exactly as in the data's header",
    "column_A": "the column's name exactly as in the data's header",
    "column_B": "the column's name exactly as in the data's header",
    "column_list": "a list of column names: [Kolom_a, Kolom_b]",
    "mostly": "the share of rows that must pass, between 0 and 1 (e.g. mostly: 0.99)",
    "min_value": "a number, a date (2024-01-31) or today",
    "max_value": "a number, a date (2024-01-31) or today",
    "value_set": "a list of values: [Aangemeld, In zorg]",
    "value": "a whole number",
    "regex": "a regular expression in quotes, e.g. '^WMO-\\d{4}-\\d{6}$'",
    "or_equal": "true or false",
    "strict_min": "true or false",
    "strict_max": "true or false",
}


class SuiteError(BadInputError):
    """One or more problems in a suite file; `problems` lists each as `file:line: …; fix`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class ExpectationSpec:
    """One expectation as the steward wrote it (`today` still unresolved)."""

    type: str
    arguments: dict[str, Any] = field(hash=False)
    severity: Severity = Severity.CRITICAL
    note: str | None = None
    line: int = 1

    @property
    def kind(self) -> Kind:
        return SUPPORTED[self.type]

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns it refers to, in argument order (`column_A` before `column_B`)."""
        found: list[str] = []
        for key in COLUMN_KEYS:
            value = self.arguments.get(key)
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, list | tuple):
                found.extend(str(v) for v in value)
        return tuple(found)

    def resolved(self, today: date) -> dict[str, Any]:
        """The arguments with `today` replaced by the run date."""
        return {
            key: today if key in TODAY_KEYS and value == TODAY else value
            for key, value in self.arguments.items()
        }


@dataclass(frozen=True)
class Suite:
    dataset_id: str
    path: Path
    expectations: tuple[ExpectationSpec, ...]

    def where(self, spec: ExpectationSpec) -> str:
        return f"{self.path}:{spec.line}"


def suite_path(dataset_id: str, folder: Path = Path("expectations")) -> Path:
    """Where the dataset's suite lives: `<folder>/<id>.yaml` (or `.yml` if only that exists)."""
    path = Path(folder) / f"{dataset_id}.yaml"
    alternative = path.with_suffix(".yml")
    return alternative if not path.exists() and alternative.exists() else path


def load_suite(path: Path) -> Suite:
    """Read and check one suite file; raise `SuiteError` listing every problem."""
    path = Path(path)
    text = _read(path)
    try:
        documents = parse_documents(text, path, what="suite")
    except RegistrationFileError as error:
        raise SuiteError(error.problems) from None
    if len(documents) != 1:
        where = f"{path}:{documents[1][1][()]}" if documents else f"{path}:1"
        raise SuiteError(
            [
                f"{where}: a suite file holds one YAML document (dataset:, expectations:); "
                "remove the '---' separators and the extra documents"
            ]
        )
    data, lines = documents[0]
    if not isinstance(data, dict):
        raise SuiteError(
            [
                f"{path}:{lines[()]}: a suite is one mapping with 'dataset:' and 'expectations:', "
                f"not {type(data).__name__}"
            ]
        )
    problems: list[str] = []
    dataset = _check_header(path, data, lines, problems)
    specs: list[ExpectationSpec] = []
    items = data.get("expectations")
    if isinstance(items, list):
        for index, item in enumerate(items):
            spec = _check_expectation(path, index, item, lines, problems)
            if spec is not None:
                specs.append(spec)
    if problems:
        raise SuiteError(problems)
    return Suite(dataset, path, tuple(specs))


def check_columns(suite: Suite, columns: Sequence[str]) -> list[str]:
    """Every column the suite refers to that the data lacks (each once, in suite order)."""
    present = set(columns)
    missing: list[str] = []
    for spec in suite.expectations:
        for column in spec.columns:
            if column not in present and column not in missing:
                missing.append(column)
    return missing


def column_problems(suite: Suite, columns: Sequence[str]) -> list[str]:
    """`check_columns` as messages: `file:line`, the column, the closest one in the data."""
    present = list(columns)
    problems = []
    for spec in suite.expectations:
        for column in spec.columns:
            if column in present:
                continue
            hint = _closest(column, present)
            fix = f"did you mean '{hint}'?" if hint else "name a column of the data"
            problems.append(
                f"{suite.where(spec)}: {spec.type} refers to column '{column}', which the data "
                f"does not have; {fix} (columns: {', '.join(present)})"
            )
    return problems


def known_types() -> list[str]:
    return sorted(SUPPORTED)


# --- reading and the header ---------------------------------------------------------------


def _read(path: Path) -> str:
    try:
        return read_small_text(path, "suite file")
    except UnreadableFile as problem:
        hint = "; write one (see expectations/*.yaml for examples)" if not path.exists() else ""
        raise SuiteError([f"{problem}{hint}"]) from None


def _check_header(
    path: Path, data: dict[str, Any], lines: dict[Any, int], problems: list[str]
) -> str:
    for key in data:
        if key not in SUITE_KEYS:
            problems.append(
                f"{path}:{line_of(lines, (key,))}: unknown key '{key}' in a suite; the keys "
                f"are: {', '.join(SUITE_KEYS)}"
            )
    dataset = data.get("dataset")
    expected = path.stem
    if dataset is None:
        problems.append(f"{path}:{lines[()]}: 'dataset' is required; add `dataset: {expected}`")
    elif not isinstance(dataset, str) or dataset != expected:
        problems.append(
            f"{path}:{line_of(lines, ('dataset',))}: dataset '{dataset}' does not match the "
            f"file name '{path.name}'; a suite for '{dataset}' goes in {dataset}.yaml, or set "
            f"`dataset: {expected}`"
        )
    items = data.get("expectations")
    if items is None:
        problems.append(
            f"{path}:{lines[()]}: 'expectations' is required; add a list of expectations"
        )
    elif not isinstance(items, list) or not items:
        problems.append(
            f"{path}:{line_of(lines, ('expectations',))}: 'expectations' must be a non-empty "
            "list, each item starting with `- type: expect_…`"
        )
    return dataset if isinstance(dataset, str) else expected


# --- one expectation ------------------------------------------------------------------------


def _check_expectation(
    path: Path, index: int, item: Any, lines: dict[Any, int], problems: list[str]
) -> ExpectationSpec | None:
    base = ("expectations", index)
    line = line_of(lines, base)

    def at(key: str | None = None) -> str:
        return f"{path}:{line_of(lines, (*base, key)) if key else line}"

    if not isinstance(item, dict):
        problems.append(
            f"{at()}: an expectation is a mapping starting with `type:`, not {type(item).__name__}"
        )
        return None
    kind = item.get("type")
    if kind is None:
        problems.append(
            f"{at()}: 'type' is required; e.g. `type: expect_column_values_to_not_be_null`"
        )
        return None
    if not isinstance(kind, str) or kind not in SUPPORTED:
        hint = _closest(str(kind), list(SUPPORTED))
        suggestion = f"did you mean '{hint}'? " if hint else ""
        problems.append(
            f"{at('type')}: unknown expectation type '{kind}'; {suggestion}the known types "
            f"are: {', '.join(known_types())}"
        )
        return None
    severity = _severity(item.get("severity", Severity.CRITICAL.value), at("severity"), problems)
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        problems.append(f"{at('note')}: 'note' must be text; put it in quotes")
        note = None
    arguments = {key: value for key, value in item.items() if key not in OWN_KEYS}
    before = len(problems)
    _check_arguments(kind, arguments, at, problems)
    if len(problems) > before:
        return None
    return ExpectationSpec(kind, arguments, severity, note, line)


def _severity(value: Any, where: str, problems: list[str]) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        problems.append(
            f"{where}: severity '{value}' is not known; use critical (a failure blocks a "
            "share) or warning (a failure is reported)"
        )
        return Severity.CRITICAL


def argument_names(kind: str) -> tuple[list[str], list[str]]:
    """The arguments a supported expectation type takes: (required, optional), from the
    Great Expectations class's own fields (imports GX)."""
    fields = _expectation_class(kind).__fields__
    names = [name for name in fields if name not in _NOT_ARGUMENTS]
    required = [name for name in names if fields[name].required]
    return required, [name for name in names if name not in required]


@functools.cache
def _expectation_class(kind: str) -> Any:
    from governance.quality._gx import gx

    gx()
    from great_expectations.expectations.registry import get_expectation_impl

    return get_expectation_impl(kind)


def _check_arguments(kind: str, arguments: dict[str, Any], at: Any, problems: list[str]) -> None:
    required, optional = argument_names(kind)
    allowed = required + optional
    where_type = at("type")
    before = len(problems)
    for name, value in arguments.items():
        if name not in allowed:
            hint = _closest(name, allowed)
            suggestion = f"did you mean '{hint}'? " if hint else ""
            problems.append(
                f"{at(name)}: '{name}' is not an argument of {kind}; {suggestion}its arguments "
                f"are: {', '.join(allowed)} (and severity, note)"
            )
        elif isinstance(value, dict):
            problems.append(
                f"{at(name)}: '{name}' is a mapping; suite parameters are not supported here, "
                f"write {_HINTS.get(name, 'the value itself')}"
            )
    for name in required:
        if name not in arguments:
            hint = _HINTS.get(name, "its value")
            problems.append(f"{where_type}: {kind} needs '{name}'; add `{name}:` with {hint}")
    if len(problems) == before:
        _check_values(kind, arguments, at, problems)


def _check_values(kind: str, arguments: dict[str, Any], at: Any, problems: list[str]) -> None:
    """The values, as GX's own class checks them (with `today` standing in as a date)."""
    before = len(problems)
    for name in TODAY_KEYS:
        if arguments.get(name) == TODAY and not SUPPORTED[kind].today:
            problems.append(
                f"{at(name)}: 'today' is only for dates, in "
                f"{', '.join(k for k, v in SUPPORTED.items() if v.today)}; give a number here"
            )
    if "column_list" in arguments:
        value = arguments["column_list"]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            problems.append(f"{at('column_list')}: 'column_list' must be {_HINTS['column_list']}")
    if kind in _REGEX_TYPES:
        regex = arguments.get("regex")
        if regex is None:
            problems.append(
                f"{at('type')}: {kind} needs 'regex'; add `regex:` with {_HINTS['regex']}"
            )
        elif not isinstance(regex, str):
            problems.append(f"{at('regex')}: 'regex' must be {_HINTS['regex']}")
        else:
            try:
                re.compile(regex)
            except re.error as error:
                problems.append(
                    f"{at('regex')}: the regular expression does not compile ({error}); fix "
                    "it, and quote it with single quotes so YAML leaves backslashes alone"
                )
    if len(problems) > before or any(isinstance(v, dict) for v in arguments.values()):
        return
    placeholder = {
        key: date(2000, 1, 1) if key in TODAY_KEYS and value == TODAY else value
        for key, value in arguments.items()
    }
    try:
        _expectation_class(kind)(**placeholder)
    except Exception as error:
        errors = getattr(error, "errors", None)
        if not callable(errors):
            problems.append(f"{at('type')}: {kind} refuses these arguments: {error}")
            return
        problems.extend(_explain(kind, errors(), at))


def _explain(kind: str, errors: list[dict[str, Any]], at: Any) -> list[str]:
    """GX's pydantic errors as one message per argument (a union field gives one error per
    alternative; dict alternatives are suite parameters, which a suite does not use)."""
    by_field: dict[str, list[str]] = {}
    for error in errors:
        loc = error.get("loc") or ("__root__",)
        name = str(loc[0])
        if error.get("type") == "type_error.dict":
            continue
        message = str(error.get("msg", "invalid"))
        by_field.setdefault(name, [])
        if message not in by_field[name]:
            by_field[name].append(message)
    if len(by_field) > 1:
        by_field.pop("__root__", None)  # a whole-model check that failed for a field's sake
    problems = []
    for name, messages in by_field.items():
        if name == "__root__":
            problems.append(f"{at('type')}: {kind}: {_root_hint('; '.join(messages))}")
            continue
        hint = _HINTS.get(name, "a value of the right type")
        problems.append(
            f"{at(name)}: '{name}' is not valid for {kind} ({' or '.join(messages)}); give {hint}"
        )
    return problems


def _root_hint(message: str) -> str:
    if "cannot both be None" in message:
        return "give min_value, max_value or both (e.g. `min_value: 0`)"
    return f"{message}; correct the arguments"


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    pool = list(candidates)
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    prefixed = [c for c in pool if c.lower().startswith(word.lower())] if len(word) >= 3 else []
    return prefixed[0] if len(prefixed) == 1 else None
