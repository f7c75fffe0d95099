"""Password hashes of local accounts. Setting one is audited; the log holds a digest of the
hash, so a hash swapped behind governance's back shows in `audit verify`."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.audit import AuditedRecord
from governance.domain.registration import canonical_digest
from governance.store import audit
from governance.store.schema import credentials


def password_hash(connection: Connection, name: str) -> str | None:
    return connection.execute(
        sa.select(credentials.c.password_hash).where(credentials.c.name == name)
    ).scalar()


def set_hash(connection: Connection, name: str, hashed: str, actor: str) -> None:
    """Store `name`'s new password hash (the user must exist)."""
    values = {"password_hash": hashed, "set_at": audit.utc_now(), "set_by": actor}
    if password_hash(connection, name) is None:
        connection.execute(sa.insert(credentials).values(name=name, **values))
    else:
        connection.execute(
            sa.update(credentials).where(credentials.c.name == name).values(**values)
        )
    audit.append(connection, actor, "user.password", _subject(name), _digest(name, hashed))


def audited_records(connection: Connection) -> list[AuditedRecord]:
    rows = connection.execute(sa.select(credentials.c.name, credentials.c.password_hash))
    return [
        # "user.password" entries belong to the "user" family of record-writing actions
        AuditedRecord(
            _subject(row.name), "user", _digest(row.name, row.password_hash), _subject(row.name)
        )
        for row in rows
    ]


def _subject(name: str) -> str:
    return f"password {name}"


def _digest(name: str, hashed: str) -> str:
    return canonical_digest({"user": name, "password_hash": hashed})
