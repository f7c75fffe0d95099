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
SCHEMA_REVISION = "0006"  # the newest migration; a test keeps it equal to Alembic's head
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
        """A consistent snapshot: every query of the block sees the same committed state
        (PostgreSQL: REPEATABLE READ; SQLite: a deferred transaction in WAL mode)."""
        with self.engine.connect() as connection:
            if not self.is_sqlite:
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
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
            found = self.revision()
        except sa.exc.DBAPIError as error:
            raise BadInputError(
                f"cannot open the store at {self.safe_url}: {str(error.orig).strip()}; check "
                "GOVERNANCE_DB (or --db), that the database exists and its server is running"
            ) from None
        if found == SCHEMA_REVISION:
            return False
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.util import CommandError

        config = _alembic_config()
        try:
            _known_revision(config, found)
        except CommandError:
            raise BadInputError(
                f"the store at {self.safe_url} has schema revision {found}, which this version "
                "of governance does not know: it was made by a newer governance; upgrade"
            ) from None
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


def _known_revision(config: Any, revision: str | None) -> None:
    """Raise alembic's CommandError when the store's revision is not one of ours."""
    from alembic.script import ScriptDirectory

    if revision is not None:
        ScriptDirectory.from_config(config).get_revision(revision)


def alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _create_engine(url: str) -> Engine:
    """The engine for a store URL; plain `postgresql://` means the psycopg 3 driver.

    `hide_parameters` keeps bound values out of error messages: a failing statement must
    never print the data it carried.
    """
    try:
        parsed = sa.engine.make_url(url)
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = sa.create_engine(parsed, hide_parameters=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as error:
        raise BadInputError(
            f"GOVERNANCE_DB={url!r} is not a usable database URL ({error}); "
            "use e.g. 'sqlite:///governance.db' or "
            "'postgresql://user@127.0.0.1:5432/governance'"
        ) from None
    if engine.dialect.name == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise BadInputError(
                f"GOVERNANCE_DB={url!r} is an in-memory database: nothing would be kept; "
                "name a file, e.g. 'sqlite:///governance.db'"
            )
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
