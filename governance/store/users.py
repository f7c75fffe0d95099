"""People and their roles. Changing who may approve is itself audited."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.audit import AuditedRecord
from governance.domain.registration import canonical_digest
from governance.domain.roles import Role
from governance.store import audit
from governance.store.schema import users


def roles_of(connection: Connection, name: str) -> frozenset[Role]:
    found = connection.execute(sa.select(users.c.roles).where(users.c.name == name)).scalar()
    return frozenset(Role(r) for r in found or ())


def any_user(connection: Connection) -> bool:
    return connection.execute(sa.select(users.c.name).limit(1)).first() is not None


def set_roles(connection: Connection, name: str, roles: frozenset[Role], actor: str) -> bool:
    """Create the user or replace their roles; True when created."""
    stored = sorted(role.value for role in roles)
    exists = connection.execute(sa.select(users.c.name).where(users.c.name == name)).first()
    if exists:
        connection.execute(sa.update(users).where(users.c.name == name).values(roles=stored))
    else:
        connection.execute(
            sa.insert(users).values(
                name=name, roles=stored, created_at=audit.utc_now(), created_by=actor
            )
        )
    audit.append(connection, actor, "user.roles", f"user {name}", _digest(name, stored))
    return not exists


def listing(connection: Connection) -> list[tuple[str, frozenset[Role]]]:
    rows = connection.execute(sa.select(users.c.name, users.c.roles).order_by(users.c.name))
    return [(row.name, frozenset(Role(r) for r in row.roles)) for row in rows]


def _digest(name: str, roles: list[str]) -> str:
    return canonical_digest({"user": name, "roles": roles})


def audited_records(connection: Connection) -> list[AuditedRecord]:
    """Every user as the log last recorded them (roles changed behind its back show)."""
    return [
        AuditedRecord(
            f"user {name}", "user", _digest(name, sorted(r.value for r in roles)), f"user {name}"
        )
        for name, roles in listing(connection)
    ]
