"""The wording of contract problems, shared by the file contract and the SQL contract.

One place, so a steward reads the same sentence whichever way the data was checked. A
message names the column, the count and the fix; never a value of the data.
"""

from __future__ import annotations

from governance.domain.quality import ContractProblem
from governance.domain.registration import Column
from governance.domain.vocabulary import ColumnType

CHECKS = ("column_missing", "column_unexpected", "type", "nullable", "unique")
"""The checks of the contract, in the order the problems of one column are reported."""

TYPE_WORDS = {
    ColumnType.STRING: "text",
    ColumnType.INTEGER: "a whole number",
    ColumnType.DECIMAL: "a number",
    ColumnType.BOOLEAN: "a yes/no value",
    ColumnType.DATE: "a date",
    ColumnType.DATETIME: "a date and time",
}


def missing_column(name: str, present: list[str]) -> ContractProblem:
    near = [other for other in present if _loose(other) == _loose(name) and other != name]
    if near:
        hint = f"; the data has '{near[0]}', which differs only in case or blanks: rename one"
    else:
        hint = "; add it to the export or remove it from the registration"
    return ContractProblem(
        name,
        "column_missing",
        1,
        f"column '{name}' is declared in the registration but missing from the data{hint}",
    )


def unexpected_column(name: str) -> ContractProblem:
    return ContractProblem(
        name,
        "column_unexpected",
        1,
        f"column '{name}' is in the data but not declared in the registration; declare it "
        "(with its type) or leave it out of the export",
    )


def cell_problem(
    column: Column, check: str, count: int, rows: int, *, sample: bool = False
) -> ContractProblem:
    """A problem with `count` cells of `column`, out of `rows` checked."""
    of = f"{count:,} of the {rows:,} values read" if sample else f"{count:,} of {rows:,} values"
    name = f"'{column.name}'"
    if check == "type":
        message = (
            f"{of} in column {name} are not {TYPE_WORDS[column.type]} (declared type "
            f"'{column.type.value}')"
        )
    elif check == "nullable":
        message = f"{of} in column {name} are empty, but the registration declares it not nullable"
    elif check == "unique":
        message = (
            f"{of} in column {name} repeat a value of an earlier row, but the registration "
            "declares the column unique"
        )
    else:
        message = f"{of} in column {name} fail the contract check '{check}'"
    return ContractProblem(column.name, check, count, message)


def stored_type_problem(column: Column, stored: str) -> ContractProblem:
    """An SQL column whose type cannot hold the declared type (one whole-column problem)."""
    return ContractProblem(
        column.name,
        "type",
        1,
        f"column '{column.name}' is stored as {stored} in the database, which does not hold "
        f"{TYPE_WORDS[column.type]} (declared type '{column.type.value}'); change the column "
        "type in the database or the declared type in the registration",
    )


def in_order(problems: list[ContractProblem], columns: list[str]) -> list[ContractProblem]:
    """Problems by column (in the order given, others last), then by check."""
    order = {name: index for index, name in reversed(list(enumerate(columns)))}

    def key(problem: ContractProblem) -> tuple[int, int]:
        check = CHECKS.index(problem.check) if problem.check in CHECKS else len(CHECKS)
        return order.get(problem.column, len(order)), check

    return sorted(problems, key=key)


def _loose(name: str) -> str:
    return "".join(name.split()).casefold()
