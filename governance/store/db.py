"""Opening the store: the engine, SQLite's pragmas, write transactions and migrations.

Writes are serialised: SQLite takes its write lock at BEGIN (``BEGIN IMMEDIATE``) and
PostgreSQL takes a transaction-scoped advisory lock. A writer therefore reads the current
version and the audit chain's head knowing nobody else can move them before it commits,
which keeps the hash chain linear and makes a stale update fail cleanly as a conflict.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from governance.errors import BadInputError

_MIGRATIONS = Path(__file__).parent / "migrations"
SCHEMA_REVISION = "0001"  # the newest migration; a test keeps it equal to Alembic's head
_WRITE_LOCK_KEY = 0x60_7E_2A  # arbitrary constant: the store's PostgreSQL advisory lock
_SQLITE_BUSY_TIMEOUT_MS = 30_000


class Store:
    """A governance store at one SQLAlchemy URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _create_engine(url)

    @property
    def safe_url(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One all-or-nothing write transaction, holding the store's write lock."""
        with self.engine.connect() as connection:
            connection = connection.execution_options(governance_write=True)
            with connection.begin():
                if not self.is_sqlite:
                    connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_WRITE_LOCK_KEY)))
                yield connection

    def migrate(self) -> bool:
        """Bring the schema to the newest migration; True when something was applied.

        Every command calls this; the common case (already current) is one small query,
        so Alembic is imported only when there is work to do.
        """
        try:
            if self.revision() == SCHEMA_REVISION:
                return False
        except sa.exc.OperationalError as error:
            raise BadInputError(
                f"cannot open the store at {self.safe_url}: {error.orig}; check GOVERNANCE_DB "
                "(or --db) and that the database server is running"
            ) from None
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        config = _alembic_config()
        with self.writing() as connection:
            # checked again under the write lock: another process may have just migrated
            if MigrationContext.configure(connection).get_current_revision() == alembic_head():
                return False
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return True

    def revision(self) -> str | None:
        """The schema revision recorded in the store; None for an empty database."""
        with self.reading() as connection:
            if not sa.inspect(connection).has_table("alembic_version"):
                return None
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def dispose(self) -> None:
        self.engine.dispose()


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _create_engine(url: str) -> Engine:
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as error:
        raise BadInputError(
            f"GOVERNANCE_DB={url!r} is not a usable database URL ({error}); "
            "use e.g. 'sqlite:///governance.db' or "
            "'postgresql+psycopg://user@127.0.0.1:5432/governance'"
        ) from error
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    elif engine.dialect.name != "postgresql":
        raise BadInputError(
            f"GOVERNANCE_DB uses '{engine.dialect.name}'; the store supports SQLite and PostgreSQL"
        )
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """WAL for concurrent readers, a busy timeout for waiting writers, our own BEGIN."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("governance_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
