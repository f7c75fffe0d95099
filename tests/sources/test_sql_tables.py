"""SQL tables on SQLite and PostgreSQL: text values, exact names, samples, fingerprints."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
import sqlalchemy as sa

from governance.domain.vocabulary import SourceFormat
from governance.sources import UnreadableDataError, read_sql_table

ROWS = [
    {
        "id": 1,
        "Client_BSN": "012345672",
        "Naam met spatie": "Jansen",
        "geboortedatum": date(1950, 3, 1),
        "aangemaakt_op": datetime(2024, 1, 5, 10, 30),
        "bedrag": Decimal("12.50"),
        "score": 2.5,
        "actief": True,
        "select": "NULL",
    },
    {
        "id": 2,
        "Client_BSN": None,
        "Naam met spatie": "",
        "geboortedatum": None,
        "aangemaakt_op": None,
        "bedrag": None,
        "score": 3.0,
        "actief": False,
        "select": None,
    },
]


def _create(url: str, name: str = "Wmo_Wachtlijst", rows: list[dict[str, object]] = ROWS) -> None:
    engine = sa.create_engine(url)
    table = sa.Table(
        name,
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("Client_BSN", sa.String(9)),
        sa.Column("Naam met spatie", sa.String(50)),
        sa.Column("geboortedatum", sa.Date),
        sa.Column("aangemaakt_op", sa.DateTime),
        sa.Column("bedrag", sa.Numeric(8, 2)),
        sa.Column("score", sa.Float),
        sa.Column("actief", sa.Boolean),
        sa.Column("select", sa.String(10)),  # a reserved word: must be quoted
    )
    with engine.begin() as connection:
        table.create(connection)
        if rows:
            connection.execute(table.insert(), rows)
    engine.dispose()


EXPECTED = [
    {
        "id": "1",
        "Client_BSN": "012345672",
        "Naam met spatie": "Jansen",
        "geboortedatum": "1950-03-01",
        "aangemaakt_op": "2024-01-05T10:30:00",
        "bedrag": "12.50",
        "score": "2.5",
        "actief": "true",
        "select": "NULL",
    },
    {
        "id": "2",
        "Client_BSN": None,
        "Naam met spatie": "",
        "geboortedatum": None,
        "aangemaakt_op": None,
        "bedrag": None,
        "score": "3",
        "actief": "false",
        "select": None,
    },
]


def test_a_table_reads_as_text_with_exact_names(store_url: str) -> None:
    _create(store_url)
    loaded = read_sql_table(store_url, "Wmo_Wachtlijst")
    assert loaded.format is SourceFormat.SQL
    assert loaded.path == "Wmo_Wachtlijst"
    assert (loaded.rows, loaded.rows_read) == (2, 2)
    assert loaded.table.column_names == list(EXPECTED[0])
    assert set(loaded.table.schema.types) == {pa.string()}
    rows = sorted(loaded.table.to_pylist(), key=lambda r: r["id"])
    if store_url.startswith("sqlite"):
        # SQLite has no boolean or decimal type: it stores 1/0 and a float
        expected_sqlite = [dict(r) for r in EXPECTED]
        expected_sqlite[0].update(actief="1", bedrag="12.5")
        expected_sqlite[1].update(actief="0")
        # and SQLAlchemy writes datetimes as text with microseconds
        expected_sqlite[0]["aangemaakt_op"] = "2024-01-05 10:30:00.000000"
        assert rows == expected_sqlite
    else:
        assert rows == EXPECTED
    assert (loaded.encoding, loaded.delimiter) == (None, None)


def test_sample_uses_limit_and_still_counts_and_fingerprints_the_table(store_url: str) -> None:
    rows = [dict(ROWS[1], id=i, score=float(i)) for i in range(1, 51)]
    _create(store_url, rows=rows)
    whole = read_sql_table(store_url, "Wmo_Wachtlijst")
    sample = read_sql_table(store_url, "Wmo_Wachtlijst", sample=5)
    assert (sample.rows, sample.rows_read) == (50, 5)
    assert sample.fingerprint == whole.fingerprint
    assert read_sql_table(store_url, "Wmo_Wachtlijst", sample=0).rows_read == 0


def test_fingerprint_ignores_row_order_and_sees_every_change(store_url: str) -> None:
    _create(store_url, "a", ROWS)
    _create(store_url, "b", list(reversed(ROWS)))
    _create(store_url, "c", [ROWS[0], dict(ROWS[1], score=3.5)])
    _create(store_url, "d", [ROWS[0], dict(ROWS[1], id=3), dict(ROWS[1], id=4)])
    a, b, c, d = (read_sql_table(store_url, name).fingerprint for name in "abcd")
    assert a == b
    assert len({a, c, d}) == 3
    assert len(a) == 64 and int(a, 16) >= 0


def test_an_empty_table_is_a_clean_empty_table(store_url: str) -> None:
    _create(store_url, rows=[])
    loaded = read_sql_table(store_url, "Wmo_Wachtlijst")
    assert (loaded.rows, loaded.rows_read, loaded.table.num_columns) == (0, 0, 9)


def test_an_unknown_table_lists_the_tables(store_url: str) -> None:
    _create(store_url)
    with pytest.raises(UnreadableDataError, match=r"does not exist.*Wmo_Wachtlijst") as caught:
        read_sql_table(store_url, "wmo")
    assert caught.value.source.startswith("table 'wmo' in ")


def test_a_name_in_another_case_is_found_when_it_is_the_only_one(store_url: str) -> None:
    _create(store_url)
    assert read_sql_table(store_url, "wmo_wachtlijst").rows == 2


@pytest.mark.postgres
def test_schema_qualified_name_on_postgres(postgres_url: str) -> None:
    _create(postgres_url)
    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        schema = connection.exec_driver_sql("select current_schema()").scalar_one()
    engine.dispose()
    assert read_sql_table(postgres_url, f"{schema}.Wmo_Wachtlijst").rows == 2


def test_an_sqlite_file_that_does_not_exist_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "weg.db"
    with pytest.raises(UnreadableDataError, match="does not exist"):
        read_sql_table(f"sqlite:///{path}", "t")
    assert not path.exists()


def test_a_bad_url_is_a_clear_error() -> None:
    with pytest.raises(UnreadableDataError, match="not a usable database URL"):
        read_sql_table("nodb://x", "t")


def test_an_unreachable_server_hides_the_password() -> None:
    url = "postgresql+psycopg://user:geheim@127.0.0.1:1/db?connect_timeout=2"
    with pytest.raises(UnreadableDataError, match="unreachable") as caught:
        read_sql_table(url, "t")
    assert "geheim" not in str(caught.value)
