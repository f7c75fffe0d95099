"""The registration as a schema contract, checked with pandera on the typed data.

The registration promises columns with a type, whether they may be empty and whether
their values are unique. `schema_for` turns that promise into a pandera
`DataFrameSchema`; `check_contract` runs it lazily (every failure, not the first) on the
frame `typed.to_frame` made, and reports one `ContractProblem` per column and check with
a count:

- `column_missing`: a declared column the data lacks (count 1);
- `column_unexpected`: a column of the data the registration does not declare (count 1);
- `type`: cells that are not missing but did not convert to the declared type;
- `nullable`: missing cells in a column declared `nullable: false`;
- `unique`: cells that repeat an earlier value of a column declared `unique: true`
  (three equal cells count 2: the same definition as the SQL contract's
  `COUNT(col) - COUNT(DISTINCT col)`; missing cells are never duplicates).

A cell that failed conversion is counted once, as `type`, although it is missing in the
frame: pandera's null count is reduced by it. Column names are matched exactly, as in
the source; a missing column whose name differs from a data column only in case or
blanks says so.

Privacy: pandera's failure cases hold the offending values (a BSN, a name). They are
only counted here, never copied into a problem, a message or an exception; the pandera
exception itself is not chained or kept.

A registration that declares no columns promises nothing about them: its contract is
empty and reports no problem, not even unexpected columns.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrorReason, SchemaErrors

from governance.domain.quality import ContractProblem
from governance.domain.registration import Registration
from governance.quality.contract_problems import (
    cell_problem,
    in_order,
    missing_column,
    unexpected_column,
)
from governance.quality.typed import PANDAS_DTYPES, TypedFrame
from governance.sources import LoadedTable

_PANDERA_CHECKS = {
    SchemaErrorReason.WRONG_DATATYPE: "type",
    SchemaErrorReason.SERIES_CONTAINS_NULLS: "nullable",
    SchemaErrorReason.SERIES_CONTAINS_DUPLICATES: "unique",
}
# Missing and unexpected columns are found from the names themselves (exact, and with a
# hint for near misses); pandera's reports of them are not needed.
_NAME_CHECKS = {
    SchemaErrorReason.COLUMN_NOT_IN_DATAFRAME,
    SchemaErrorReason.COLUMN_NOT_IN_SCHEMA,
}


def schema_for(registration: Registration) -> pa.DataFrameSchema:
    """The pandera schema of the registration's declared columns.

    dtypes are those `typed.to_frame` produces (`typed.PANDAS_DTYPES`); nothing is
    coerced, so a wrong dtype is a fault of the typing step, not hidden by pandera (which
    checks datetimes by kind: its dtype prints 'datetime64[ns]' and accepts the frame's
    microseconds). The schema is strict (an undeclared column fails) unless no column is
    declared.
    """
    columns = {
        column.name: pa.Column(
            PANDAS_DTYPES[column.type],
            nullable=column.nullable,
            unique=column.unique,
            report_duplicates="exclude_first",
            required=True,
            coerce=False,
            description=column.description,
        )
        for column in registration.columns
    }
    return pa.DataFrameSchema(
        columns, strict=bool(columns), coerce=False, name=registration.id, ordered=False
    )


def check_contract(
    loaded: LoadedTable, typed: TypedFrame, registration: Registration
) -> list[ContractProblem]:
    """Every break of the contract in `typed.frame`, one problem per (column, check)."""
    if not registration.columns:
        return []
    declared = {column.name: column for column in registration.columns}
    present = list(typed.frame.columns)
    counts: dict[tuple[str, str], int] = {}

    for name, failed in typed.conversion_failures.items():
        if failed and name in declared:
            counts[(name, "type")] = failed
    for name, check, count in _pandera_failures(schema_for(registration), typed.frame):
        if check == "nullable":
            count -= typed.conversion_failures.get(name, 0)  # counted once, as 'type'
        if count > 0:
            counts[(name, check)] = counts.get((name, check), 0) + count

    problems = [missing_column(name, present) for name in declared if name not in present]
    problems += [unexpected_column(name) for name in present if name not in declared]
    rows = len(typed.frame)
    for (name, check), count in counts.items():
        problems.append(cell_problem(declared[name], check, count, rows, sample=loaded.is_sample))
    return in_order(problems, [*present, *declared])


def _pandera_failures(
    schema: pa.DataFrameSchema, frame: pd.DataFrame
) -> Iterable[tuple[str, str, int]]:
    """(column, check, count of failing cells) per column-level failure; values are dropped."""
    try:
        schema.validate(frame, lazy=True, inplace=True)
        return []
    except SchemaErrors as errors:
        errors_found = errors.schema_errors  # the exception (which quotes values) is not kept
    failures = []
    for error in errors_found:
        if error.reason_code in _NAME_CHECKS:
            continue
        name = getattr(error.schema, "name", None)
        if name is None:
            reason = getattr(error.reason_code, "name", "unknown")
            raise RuntimeError(f"pandera reported an unexpected table-level failure ({reason})")
        reason = error.reason_code
        check = _PANDERA_CHECKS.get(reason) or str(getattr(reason, "name", "contract")).lower()
        cases = error.failure_cases
        count = len(cases) if isinstance(cases, pd.DataFrame | pd.Series) else 1
        failures.append((str(name), check, count))
    return failures
