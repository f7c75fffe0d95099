"""Store fixtures: a fresh SQLite file, and a fresh schema in the local PostgreSQL.

PostgreSQL tests skip on a developer machine without the server, but FAIL under CI=true:
CI promises they ran.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa

POSTGRES_ADMIN_URL = os.environ.get(
    "GOVERNANCE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def sqlite_url(tmp_path: os.PathLike[str]) -> str:
    return f"sqlite:///{tmp_path}/governance.db"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    engine = sa.create_engine(POSTGRES_ADMIN_URL)
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as error:
        engine.dispose()
        message = f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {error}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    yield f"{POSTGRES_ADMIN_URL}?options={quote(f'-csearch_path={schema}')}"
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on PostgreSQL."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture(autouse=True)
def fresh_sign_in_throttle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no failed sign-ins remembered (the throttle lives in the
    process, and a test worker runs many tests)."""
    from governance import passwords

    monkeypatch.setattr(passwords, "SIGN_IN_THROTTLE", passwords.SignInThrottle())


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pseudonymisation key of this test's own, as `governance init` makes one (never
    the user's)."""
    from governance.sharing import ensure_key

    path = tmp_path / "keys" / "pseudonymisation.key"
    monkeypatch.setenv("GOVERNANCE_KEY_FILE", str(path))
    monkeypatch.delenv("GOVERNANCE_PSEUDONYM_KEY", raising=False)
    ensure_key()
    return path
