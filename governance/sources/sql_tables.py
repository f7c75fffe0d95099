"""Reading an SQL table (SQLite, PostgreSQL) into an all-text Arrow table with SQLAlchemy.

The query is `SELECT * FROM <table>` built by SQLAlchemy, which quotes the name as the
dialect needs (reserved words, capitals, spaces), with `LIMIT n` for a sample. Rows are
streamed (server-side cursor where the driver has one) in batches, and every value is
spelled with `text_values.value_text`, so a date reads '2024-01-05' from PostgreSQL's date
type and from SQLite's text alike. The raw driver values are used, not SQLAlchemy's type
conversions: an SQLite column declared DATE that holds '05-01-2024' is read as written
instead of failing to parse. NULL is null; an empty string stays an empty string.

Fingerprint: a table has no file bytes, so `fingerprint.TableFingerprint` hashes its
content as text - column names, row count and an order-independent combination of the
rows - over the WHOLE table, also when only a sample is returned (a fingerprint of a
sample would not identify the data a result is about). A sample therefore still streams
the table once; that pass only hashes, it builds no Arrow table.

The URL is shown in messages without its password.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import sqlalchemy as sa

from governance.domain.vocabulary import SourceFormat
from governance.sources.columns import check_column_names
from governance.sources.errors import UnreadableDataError
from governance.sources.fingerprint import TableFingerprint
from governance.sources.loaded import LoadedTable
from governance.sources.text_values import value_text

BATCH_ROWS = 10_000
_LISTED_TABLES = 30


def read_sql_table(url: str, table: str, *, sample: int | None = None) -> LoadedTable:
    """Read `table` (optionally 'schema.table') from the database at `url`."""
    shown = shown_url(url)
    source = f"table '{table}' in {shown}"
    try:
        check_sqlite_file(url, shown)
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ValueError) as error:
        raise UnreadableDataError(
            shown,
            f"is not a usable database URL ({type(error).__name__})",
            "give a SQLAlchemy URL such as sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host:5432/database",
        ) from None
    try:
        with engine.connect() as connection:
            schema, name = _resolve(connection, table, source)
            selected: sa.Select[Any] = sa.select(sa.literal_column("*")).select_from(
                sa.table(name, schema=schema)
            )
            if sample is None:
                arrow, fingerprint = _read(connection, selected, source, want_table=True)
            else:
                arrow, _ = _read(connection, selected.limit(sample), source, want_table=True)
                _, fingerprint = _read(connection, selected, source, want_table=False)
    except sa.exc.OperationalError as error:
        raise UnreadableDataError(
            source,
            f"cannot be read: the database is unreachable or refused ({_first_line(error)})",
            "check the URL, that the server runs, and the credentials",
        ) from None
    except sa.exc.DBAPIError as error:
        raise UnreadableDataError(
            source,
            f"cannot be read ({type(error.orig).__name__})",
            "check that the table exists and that this user may SELECT from it",
        ) from None
    finally:
        engine.dispose()
    return LoadedTable(
        table=arrow,
        path=table,
        format=SourceFormat.SQL,
        rows=fingerprint.rows,
        rows_read=arrow.num_rows,
        fingerprint=fingerprint.hexdigest(),
    )


def _resolve(connection: sa.Connection, table: str, source: str) -> tuple[str | None, str]:
    """(schema, name) of the table: exact name first, then 'schema.name', then any case."""
    inspector = sa.inspect(connection)
    names = inspector.get_table_names() + inspector.get_view_names()
    if table in names:
        return None, table
    schema, dot, name = table.partition(".")
    if dot:
        try:
            in_schema = inspector.get_table_names(schema) + inspector.get_view_names(schema)
        except sa.exc.DBAPIError:
            in_schema = []
        if name in in_schema:
            return schema, name
    folded = [candidate for candidate in names if candidate.lower() == table.lower()]
    if len(folded) == 1:
        return None, folded[0]
    listed = ", ".join(sorted(names)[:_LISTED_TABLES]) or "none"
    if len(names) > _LISTED_TABLES:
        listed += f", … ({len(names)} in all)"
    raise UnreadableDataError(
        source, "does not exist", f"give one of the tables of the database: {listed}"
    )


def _read(
    connection: sa.Connection, query: sa.Select[Any], source: str, *, want_table: bool
) -> tuple[pa.Table, TableFingerprint]:
    result = connection.execution_options(stream_results=True, yield_per=BATCH_ROWS).execute(query)
    names = list(result.keys())
    check_column_names(source, names, where="the table definition")
    schema = pa.schema([pa.field(name, pa.string()) for name in names])
    fingerprint = TableFingerprint(names)
    batches: list[pa.RecordBatch] = []
    for rows in _text_batches(result.partitions()):
        fingerprint.add_rows(rows)
        if want_table:
            columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
            arrays = [pa.array(column, type=pa.string()) for column in columns]
            batches.append(pa.RecordBatch.from_arrays(arrays, schema=schema))
    return pa.Table.from_batches(batches, schema=schema), fingerprint


def _text_batches(partitions: Iterator[Sequence[Any]]) -> Iterator[list[tuple[str | None, ...]]]:
    for partition in partitions:
        yield [tuple(value_text(value) for value in row) for row in partition]


def check_sqlite_file(url: str, shown: str) -> None:
    """SQLite would create a missing database file; a reader must not, so refuse first."""
    parsed = sa.engine.make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return
    if database.startswith("file:") or Path(database).is_file():
        return
    raise UnreadableDataError(
        shown, "names an SQLite database file that does not exist", "check the path"
    )


def shown_url(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return "the database URL"


def _first_line(error: sa.exc.DBAPIError) -> str:
    text = str(error.orig).strip().splitlines()
    return text[0][:200] if text else type(error.orig).__name__
