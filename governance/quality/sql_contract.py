"""The schema contract of a registration, checked inside an SQL database (SQLite, PostgreSQL).

The same checks as `contract.check_contract`, without pulling the table into pandas: a
million-row table costs one aggregate query, and the rows never leave the database.

- Columns: the inspector's column list against the declared names (exact, as the
  database reports them; PostgreSQL folds unquoted names to lower case, and a near miss
  in case or blanks is named in the message).
- Type: the database's column type is compared with the declared type, by family
  (`sql_family`); a type that cannot hold the declared values is one `type` problem
  for the column. SQLite stores each value with its own type whatever the column says,
  so there the values of whole-number, number and yes/no columns are also counted by
  storage class (`typeof`): text in an INTEGER column is counted as in a file.
- Missing: `COUNT(*) - COUNT(col)`; in text columns (and in any SQLite column) a
  missing-value text (NULL, NA, '', … after trimming: `parse_options.DEFAULT_NULL_VALUES`)
  counts as missing too, as it does when the same data is checked as a file.
- Unique: `COUNT(col) - COUNT(DISTINCT col)` over the present values: three equal
  values count 2, missing values never count.

All counts come from one SELECT. Problems hold names and counts only, never a value.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from governance.domain.quality import ContractProblem
from governance.domain.registration import Registration
from governance.domain.vocabulary import ColumnType
from governance.quality.contract_problems import (
    cell_problem,
    in_order,
    missing_column,
    stored_type_problem,
    unexpected_column,
)
from governance.quality.parse_options import ParseOptions
from governance.sources.errors import UnreadableDataError
from governance.sources.sql_tables import check_sqlite_file, shown_url

_ACCEPTED: dict[ColumnType, frozenset[ColumnType]] = {
    ColumnType.STRING: frozenset({ColumnType.STRING}),
    ColumnType.INTEGER: frozenset({ColumnType.INTEGER}),
    # Whole numbers are exact decimals; the reverse loses the fraction.
    ColumnType.DECIMAL: frozenset({ColumnType.DECIMAL, ColumnType.INTEGER}),
    ColumnType.BOOLEAN: frozenset({ColumnType.BOOLEAN}),
    ColumnType.DATE: frozenset({ColumnType.DATE}),
    ColumnType.DATETIME: frozenset({ColumnType.DATETIME}),
}

_SQLITE_STORAGE: dict[ColumnType, tuple[str, ...]] = {
    ColumnType.INTEGER: ("integer",),
    ColumnType.DECIMAL: ("integer", "real"),
    ColumnType.BOOLEAN: ("integer",),
}
"""SQLite storage classes that hold each declared type (booleans are stored as 0/1)."""


def sql_family(sql_type: sa.types.TypeEngine[Any]) -> ColumnType | None:
    """The declared type an SQL column type holds; None when it holds none of them
    (binary, JSON, arrays, intervals, times of day, or no type at all in SQLite)."""
    if isinstance(sql_type, sa.Boolean):
        return ColumnType.BOOLEAN
    if isinstance(sql_type, sa.Integer):
        return ColumnType.INTEGER
    if isinstance(sql_type, sa.Numeric):
        # NUMERIC(10, 0) holds whole numbers only; FLOAT and NUMERIC(10, 2) fractions too.
        if not isinstance(sql_type, sa.Float) and sql_type.scale == 0:
            return ColumnType.INTEGER
        return ColumnType.DECIMAL
    if isinstance(sql_type, sa.DateTime):
        return ColumnType.DATETIME
    if isinstance(sql_type, sa.Date):
        return ColumnType.DATE
    if isinstance(sql_type, sa.String | sa.Uuid):
        return ColumnType.STRING
    return None


def check_sql_contract(
    url: str, table: str, registration: Registration, *, options: ParseOptions | None = None
) -> list[ContractProblem]:
    """Every break of the contract in `table` ('name' or 'schema.name') at `url`.

    `options.null_values` replaces the missing-value texts of text columns. A database
    that cannot be reached, or a table that does not exist, raises `UnreadableDataError`
    (exit 2) naming the table and the URL without its password.
    """
    if not registration.columns:
        return []
    options = options or ParseOptions()
    shown = shown_url(url)
    source = f"table '{table}' in {shown}"
    try:
        check_sqlite_file(url, shown)
        engine = sa.create_engine(url, hide_parameters=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ValueError):
        raise UnreadableDataError(
            shown,
            "is not a usable database URL",
            "give a SQLAlchemy URL such as sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host:5432/database",
        ) from None
    try:
        with engine.connect() as connection:
            return _check(connection, table, source, registration, options)
    except sa.exc.OperationalError as error:
        raise UnreadableDataError(
            source,
            f"cannot be checked: the database is unreachable or refused "
            f"({type(error.orig).__name__})",
            "check the URL, that the server runs, and the credentials",
        ) from None
    except sa.exc.DBAPIError as error:
        raise UnreadableDataError(
            source,
            f"cannot be checked ({type(error.orig).__name__})",
            "check that this user may SELECT from the table",
        ) from None
    finally:
        engine.dispose()


def _check(
    connection: sa.Connection,
    table: str,
    source: str,
    registration: Registration,
    options: ParseOptions,
) -> list[ContractProblem]:
    inspector = sa.inspect(connection)
    schema, name = _resolve(inspector, table, source)
    stored = {c["name"]: c["type"] for c in inspector.get_columns(name, schema=schema)}
    present = list(stored)
    declared = {column.name: column for column in registration.columns}

    problems = [missing_column(n, present) for n in declared if n not in stored]
    problems += [unexpected_column(n) for n in present if n not in declared]
    checked = [column for column in registration.columns if column.name in stored]
    dialect = connection.dialect.name
    target = sa.table(name, *(sa.column(c.name) for c in checked), schema=schema)
    measures: dict[tuple[str, str], sa.ColumnElement[Any]] = {}
    for column in checked:
        sql_type = stored[column.name]
        cell = target.c[column.name]
        # Text can hold a missing-value text; so can any SQLite column (values keep their
        # own type there). Other types of other databases cannot.
        holds_text = isinstance(sql_type, sa.String) or dialect == "sqlite"
        value = _present(cell, options.missing) if holds_text else cell
        if sql_family(sql_type) not in _ACCEPTED[column.type]:
            problems.append(stored_type_problem(column, _type_name(sql_type, connection.dialect)))
        elif dialect == "sqlite" and column.type in _SQLITE_STORAGE:
            wrong = sa.and_(
                value.is_not(None), sa.func.typeof(value).not_in(_SQLITE_STORAGE[column.type])
            )
            measures[(column.name, "type")] = sa.func.count(sa.case((wrong, 1)))
        if not column.nullable:
            measures[(column.name, "nullable")] = sa.func.count() - sa.func.count(value)
        if column.unique:
            measures[(column.name, "unique")] = sa.func.count(value) - sa.func.count(
                sa.distinct(value)
            )
    labels = [f"m{index}" for index in range(len(measures))]
    query = sa.select(
        sa.func.count().label("rows"),
        *(measure.label(label) for measure, label in zip(measures.values(), labels, strict=True)),
    ).select_from(target)
    result = connection.execute(query).one()._mapping
    rows = int(result["rows"])
    for (column_name, check), label in zip(measures, labels, strict=True):
        count = int(result[label] or 0)
        if count > 0:
            problems.append(cell_problem(declared[column_name], check, count, rows))
    return in_order(problems, [*present, *declared])


def _present(cell: sa.ColumnElement[Any], missing: tuple[str, ...]) -> sa.ColumnElement[Any]:
    """The value, or NULL where it is NULL or a missing-value text after trimming."""
    trimmed = sa.func.trim(sa.cast(cell, sa.Text))  # a cast, so enums trim too
    return sa.case((sa.or_(cell.is_(None), trimmed.in_(missing)), sa.null()), else_=cell)


def _resolve(inspector: sa.Inspector, table: str, source: str) -> tuple[str | None, str]:
    """(schema, name): the exact name in the default schema, else 'schema.name'."""
    names = inspector.get_table_names() + inspector.get_view_names()
    if table in names:
        return None, table
    schema, dot, name = table.partition(".")
    if dot:
        try:
            if name in inspector.get_table_names(schema) + inspector.get_view_names(schema):
                return schema, name
        except sa.exc.DBAPIError:
            pass
    listed = ", ".join(sorted(names)[:30]) or "none"
    raise UnreadableDataError(
        source, "does not exist", f"give one of the tables of the database: {listed}"
    )


def _type_name(sql_type: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> str:
    try:
        return str(sql_type.compile(dialect=dialect))
    except sa.exc.CompileError:
        return type(sql_type).__name__.upper()
