"""Reading the audit log a page at a time: filtered and counted in SQL, so a store with
many thousands of entries never travels to the caller whole (`audit.entries` reads them
all, which only verification needs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.audit import AuditEntry
from governance.store.schema import audit_log


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; every field that is set must hold."""

    actor: str | None = None
    family: str | None = None  # the part of the action before its dot: registration, gate, …
    subject: str | None = None  # text the subject contains, in any case
    since: date | None = None  # the first day (UTC), inclusive
    until: date | None = None  # the last day (UTC), inclusive


def page(
    connection: Connection, where: AuditFilter, limit: int, offset: int
) -> tuple[list[AuditEntry], int]:
    """The matching entries, newest first, from `offset` on, at most `limit`; and how many
    match in all."""
    conditions = _conditions(where)
    total = connection.execute(
        sa.select(sa.func.count()).select_from(audit_log).where(*conditions)
    ).scalar_one()
    rows = connection.execute(
        sa.select(audit_log)
        .where(*conditions)
        .order_by(audit_log.c.seq.desc())
        .limit(limit)
        .offset(offset)
    )
    return [AuditEntry(**row._mapping) for row in rows], int(total)


def actors(connection: Connection) -> list[str]:
    """Everyone who has an entry in the log."""
    query = sa.select(audit_log.c.actor).distinct().order_by(audit_log.c.actor)
    return list(connection.execute(query).scalars())


def families(connection: Connection) -> list[str]:
    """The action families in the log (`gate` for `gate.decide`); the distinct actions are
    few, so they are split here rather than with each database's own string functions."""
    actions = connection.execute(sa.select(audit_log.c.action).distinct()).scalars()
    return sorted({action.split(".", 1)[0] for action in actions})


def _conditions(where: AuditFilter) -> list[sa.ColumnElement[bool]]:
    """`at` is ISO 8601 in UTC, so whole days compare as text prefixes."""
    conditions: list[sa.ColumnElement[bool]] = []
    if where.actor:
        conditions.append(audit_log.c.actor == where.actor)
    if where.family:
        conditions.append(
            sa.or_(
                audit_log.c.action == where.family,
                audit_log.c.action.startswith(f"{where.family}.", autoescape=True),
            )
        )
    if where.subject and where.subject.strip():
        conditions.append(
            sa.func.lower(audit_log.c.subject).contains(
                where.subject.strip().lower(), autoescape=True
            )
        )
    if where.since:
        conditions.append(audit_log.c.at >= where.since.isoformat())
    if where.until:
        conditions.append(audit_log.c.at < (where.until + timedelta(days=1)).isoformat())
    return conditions
