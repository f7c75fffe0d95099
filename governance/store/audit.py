"""Appending to and reading the audit log; the chain rule itself is in the domain."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.audit import GENESIS, AuditEntry, ChainHead, entry_hash
from governance.store.schema import audit_head, audit_log

_HEAD_ID = 1


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def append(
    connection: Connection, actor: str, action: str, subject: str, digest: str
) -> AuditEntry:
    """Add one entry after the head. Call inside `Store.writing()`: the write lock keeps the
    chain linear."""
    head = read_head(connection)
    seq = head.seq + 1 if head else 1
    prev_hash = head.entry_hash if head else GENESIS
    at = utc_now()
    entry = AuditEntry(
        seq,
        at,
        actor,
        action,
        subject,
        digest,
        prev_hash,
        entry_hash(seq, at, actor, action, subject, digest, prev_hash),
    )
    connection.execute(sa.insert(audit_log).values(**entry.__dict__))
    if head is None:
        connection.execute(
            sa.insert(audit_head).values(id=_HEAD_ID, seq=seq, entry_hash=entry.entry_hash)
        )
    else:
        connection.execute(
            sa.update(audit_head)
            .where(audit_head.c.id == _HEAD_ID)
            .values(seq=seq, entry_hash=entry.entry_hash)
        )
    return entry


def read_head(connection: Connection) -> ChainHead | None:
    row = connection.execute(
        sa.select(audit_head.c.seq, audit_head.c.entry_hash).where(audit_head.c.id == _HEAD_ID)
    ).first()
    return ChainHead(row.seq, row.entry_hash) if row else None


def entries(connection: Connection) -> list[AuditEntry]:
    query = sa.select(audit_log).order_by(audit_log.c.seq)
    return [AuditEntry(**row._mapping) for row in connection.execute(query)]
