"""The schema contract inside SQLite and PostgreSQL: the same problems as for a file, from
aggregate queries only, with names and counts and never a value."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from governance.domain.quality import ContractProblem
from governance.domain.vocabulary import ColumnType
from governance.quality.contract import check_contract
from governance.quality.parse_options import ParseOptions
from governance.quality.sql_contract import check_sql_contract, sql_family
from governance.quality.typed import to_frame
from governance.sources import UnreadableDataError, read_table
from tests.quality.tables import registration

BSN, NAME = "111222333", "Jansen-Vermeulen"

COLUMNS = [
    {"name": "dossier", "type": "string", "nullable": False, "unique": True},
    {"name": "bsn", "type": "string", "nullable": False, "unique": True, "pii": "BSN"},
    {"name": "naam", "type": "string", "pii": "PERSON"},
    {"name": "leeftijd", "type": "integer", "nullable": False},
    {"name": "budget", "type": "decimal", "nullable": False},
    {"name": "spoed", "type": "boolean", "nullable": False},
    {"name": "aanmelddatum", "type": "date", "nullable": False},
    {"name": "gewijzigd_op", "type": "datetime"},
    {"name": "weg", "type": "string"},
]

SQL_COLUMNS: list[tuple[str, sa.types.TypeEngine[Any]]] = [
    ("dossier", sa.String(20)),
    ("bsn", sa.String(9)),
    ("naam", sa.Text()),
    ("leeftijd", sa.Integer()),
    ("budget", sa.Numeric(12, 2)),
    ("spoed", sa.Boolean()),
    ("aanmelddatum", sa.Date()),
    ("gewijzigd_op", sa.DateTime()),
    ("extra", sa.Text()),
]
ROWS: list[tuple[Any, ...]] = [
    ("JGD-1", BSN, NAME, 12, Decimal("4300.00"), True, date(2024, 1, 5), datetime(2024, 1, 5), "a"),
    ("JGD-1", BSN, NAME, None, Decimal("1.50"), False, date(2024, 1, 6), None, None),
    ("JGD-1", "NULL", None, 7, None, True, None, None, None),
    ("JGD-2", " ", "NA", 9, Decimal("0"), None, date(2024, 1, 8), None, "b"),
    (None, "123456782", "de Vries", 16, Decimal("12"), False, date(2024, 1, 9), None, NAME),
]  # fmt: skip

EXPECTED = [
    ("dossier", "nullable", 1),
    ("dossier", "unique", 2),
    ("bsn", "nullable", 2),
    ("bsn", "unique", 1),
    ("leeftijd", "nullable", 1),
    ("budget", "nullable", 1),
    ("spoed", "nullable", 1),
    ("aanmelddatum", "nullable", 1),
    ("extra", "column_unexpected", 1),
    ("weg", "column_missing", 1),
]


def summary(problems: list[ContractProblem]) -> list[tuple[str, str, int]]:
    return [(p.column, p.check, p.count) for p in problems]


def create(
    url: str, name: str, columns: list[tuple[str, Any]], rows: list[tuple[Any, ...]]
) -> None:
    engine = sa.create_engine(url)
    try:
        table = sa.Table(name, sa.MetaData(), *(sa.Column(n, t) for n, t in columns))
        with engine.begin() as connection:
            table.create(connection)
            if rows:
                names = [n for n, _ in columns]
                connection.execute(table.insert(), [dict(zip(names, r, strict=True)) for r in rows])
    finally:
        engine.dispose()


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement sent while the test runs."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(" ".join(statement.split()))

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", record)
    yield seen
    sa.event.remove(sa.engine.Engine, "before_cursor_execute", record)


def test_contract_in_the_database(
    store_url: str, statements: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    create(store_url, "jeugd", SQL_COLUMNS, ROWS)
    for reader in ("read_sql", "read_sql_query", "read_sql_table"):
        monkeypatch.setattr(pd, reader, lambda *a, **k: pytest.fail("the table was pulled"))
    statements.clear()
    problems = check_sql_contract(store_url, "jeugd", registration(COLUMNS))
    assert summary(problems) == EXPECTED
    reads = [s for s in statements if "jeugd" in s and s.upper().startswith("SELECT")]
    assert len(reads) == 1 and "count(" in reads[0].lower()  # one aggregate, no rows
    text = " ".join(repr(p) for p in problems)
    assert BSN not in text and NAME not in text


def test_the_same_data_as_a_file_gives_the_same_problems(store_url: str, tmp_path: Path) -> None:
    """What the database counts, the file contract counts too (types aside)."""
    create(store_url, "jeugd", SQL_COLUMNS, ROWS)
    path = tmp_path / "jeugd.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([n for n, _ in SQL_COLUMNS])
        writer.writerows([["" if v is None else _spelled(v) for v in row] for row in ROWS])
    loaded = read_table(path)
    declared = registration(COLUMNS)
    from_file = check_contract(loaded, to_frame(loaded, declared), declared)
    assert summary(from_file) == EXPECTED


def _spelled(value: Any) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


@pytest.mark.parametrize(
    ("declared", "stored", "words"),
    [
        ("integer", sa.Text(), ("TEXT",)),
        ("string", sa.BigInteger(), ("BIGINT",)),  # a BSN stored as a number loses its zero
        ("date", sa.DateTime(), ("TIMESTAMP WITHOUT TIME ZONE", "DATETIME")),
        ("datetime", sa.Date(), ("DATE",)),
        ("integer", sa.Float(), ("FLOAT", "DOUBLE PRECISION")),
        ("boolean", sa.Integer(), ("INTEGER",)),
        ("decimal", sa.String(10), ("VARCHAR(10)",)),
    ],
)
def test_a_column_type_that_cannot_hold_the_declared_type(
    store_url: str, declared: str, stored: sa.types.TypeEngine[Any], words: tuple[str, ...]
) -> None:
    create(store_url, "t", [("c", stored)], [])
    problems = check_sql_contract(store_url, "t", registration([{"name": "c", "type": declared}]))
    assert summary(problems) == [("c", "type", 1)]
    assert any(f"stored as {word} in the database" in problems[0].message for word in words)
    assert f"(declared type '{declared}')" in problems[0].message


@pytest.mark.parametrize(
    ("declared", "stored"),
    [
        ("integer", sa.SmallInteger()),
        ("integer", sa.Numeric(10, 0)),
        ("decimal", sa.Integer()),
        ("decimal", sa.Float()),
        ("decimal", sa.Numeric(12, 2)),
        ("string", sa.String(9)),
        ("string", sa.Text()),
        ("boolean", sa.Boolean()),
        ("date", sa.Date()),
        ("datetime", sa.DateTime()),
    ],
)
def test_column_types_that_hold_the_declared_type(
    store_url: str, declared: str, stored: sa.types.TypeEngine[Any]
) -> None:
    create(store_url, "t", [("c", stored)], [])
    assert check_sql_contract(store_url, "t", registration([{"name": "c", "type": declared}])) == []


@pytest.mark.parametrize(
    ("sql_type", "family"),
    [
        (sa.Integer(), ColumnType.INTEGER),
        (postgresql.BIGINT(), ColumnType.INTEGER),
        (sa.Numeric(10, 0), ColumnType.INTEGER),
        (sa.Numeric(10, 2), ColumnType.DECIMAL),
        (postgresql.DOUBLE_PRECISION(), ColumnType.DECIMAL),
        (sqlite.REAL(), ColumnType.DECIMAL),
        (sa.Boolean(), ColumnType.BOOLEAN),
        (sa.Date(), ColumnType.DATE),
        (postgresql.TIMESTAMP(timezone=True), ColumnType.DATETIME),
        (sa.String(), ColumnType.STRING),
        (postgresql.UUID(), ColumnType.STRING),
        (sa.Enum("a", "b"), ColumnType.STRING),
        (sa.LargeBinary(), None),
        (postgresql.JSONB(), None),
        (sa.Time(), None),
        (sa.types.NullType(), None),
    ],
)
def test_sql_type_families(sql_type: sa.types.TypeEngine[Any], family: ColumnType | None) -> None:
    assert sql_family(sql_type) is family


def test_sqlite_counts_values_stored_with_another_type(sqlite_url: str) -> None:
    """SQLite keeps 'abc' in an INTEGER column; the contract counts it as a file would."""
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (n INTEGER, b BOOLEAN, d NUMERIC)")
        connection.exec_driver_sql(
            "INSERT INTO t VALUES (1, 1, 1.5), ('abc', 'ja', '1,5'), ('NULL', 0, 'x'), (NULL, 1, 2)"
        )
    engine.dispose()
    columns = [
        {"name": "n", "type": "integer", "nullable": False},
        {"name": "b", "type": "boolean"},
        {"name": "d", "type": "decimal"},
    ]
    problems = check_sql_contract(sqlite_url, "t", registration(columns))
    assert summary(problems) == [
        ("n", "type", 1),
        ("n", "nullable", 2),
        ("b", "type", 1),
        ("d", "type", 2),
    ]


def test_missing_texts_follow_the_options(sqlite_url: str) -> None:
    create(sqlite_url, "t", [("c", sa.Text())], [("onbekend",), ("NA",), (None,)])
    declared = registration([{"name": "c", "type": "string", "nullable": False}])
    assert summary(check_sql_contract(sqlite_url, "t", declared)) == [("c", "nullable", 2)]
    options = ParseOptions(null_values=("onbekend",))
    assert summary(check_sql_contract(sqlite_url, "t", declared, options=options)) == [
        ("c", "nullable", 2)
    ]
    assert check_sql_contract(sqlite_url, "t", declared, options=ParseOptions(null_values=())) == [
        ContractProblem("c", "nullable", 1, "1 of 3 values in column 'c' are empty, but the "
                        "registration declares it not nullable")
    ]  # fmt: skip


def test_near_miss_in_case_is_pointed_out(store_url: str) -> None:
    create(store_url, "t", [("Naam", sa.Text())], [])
    problems = check_sql_contract(
        store_url, "t", registration([{"name": "naam", "type": "string"}])
    )
    assert summary(problems) == [("Naam", "column_unexpected", 1), ("naam", "column_missing", 1)]
    assert "differs only in case" in problems[1].message


def test_schema_qualified_name(sqlite_url: str) -> None:
    create(sqlite_url, "t", [("c", sa.Integer())], [(1,), (1,)])
    declared = registration([{"name": "c", "type": "integer", "unique": True}])
    assert summary(check_sql_contract(sqlite_url, "main.t", declared)) == [("c", "unique", 1)]


def test_unknown_table_lists_the_tables(store_url: str) -> None:
    create(store_url, "wmo", [("c", sa.Integer())], [])
    with pytest.raises(UnreadableDataError, match=r"does not exist.*wmo"):
        check_sql_contract(store_url, "jeugd", registration([{"name": "c", "type": "integer"}]))


def test_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/weg.db"
    with pytest.raises(UnreadableDataError, match="does not exist"):
        check_sql_contract(url, "t", registration([{"name": "c", "type": "integer"}]))
    assert not (tmp_path / "weg.db").exists()


def test_unreachable_server_hides_the_password() -> None:
    url = "postgresql+psycopg://steward:geheim123@127.0.0.1:1/db?connect_timeout=2"
    with pytest.raises(UnreadableDataError) as raised:
        check_sql_contract(url, "t", registration([{"name": "c", "type": "integer"}]))
    assert "geheim123" not in str(raised.value)
    assert raised.value.exit_code == 2


def test_a_registration_without_columns_needs_no_database() -> None:
    assert (
        check_sql_contract("postgresql+psycopg://nobody@127.0.0.1:1/x", "t", registration()) == []
    )
