"""Stored gate decisions: immutable, audited, found again by dataset, purpose and recipient."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.audit import AuditedRecord
from governance.domain.gate import Decision
from governance.domain.registration import canonical_digest
from governance.store import audit
from governance.store.schema import decisions, scans, validations


def record(connection: Connection, decision: Decision) -> Decision:
    """Store a decision and audit it; the returned decision carries its id."""
    document = decision.to_json()
    row = {
        "dataset_id": decision.dataset_id,
        "registration_version": decision.registration_version,
        "fingerprint": decision.fingerprint,
        "purpose": decision.purpose,
        "recipient": decision.recipient,
        "registered_source": decision.on_registered_data,
        "outcome": decision.outcome.value,
        "valid_until": decision.valid_until.isoformat(),
        "decision": document,
        "decided_at": decision.decided_at,
        "decided_by": decision.decided_by,
    }
    decision_id = int(
        connection.execute(sa.insert(decisions).values(**row)).inserted_primary_key[0]
    )
    subject = _subject(decision_id, decision.dataset_id, decision.registration_version)
    audit.append(
        connection, decision.decided_by, "gate.decide", subject, canonical_digest(document)
    )
    return decision.stored(decision_id)


def _subject(decision_id: int, dataset_id: str, version: int) -> str:
    return f"{dataset_id}@{version} decision {decision_id}"


def _from_row(row: Any) -> Decision:
    return Decision.from_json({**row.decision, "id": row.id})


def latest(
    connection: Connection,
    dataset_id: str,
    purpose: str,
    recipient: str | None = None,
    registered_only: bool = False,
) -> list[Decision]:
    """The newest decision for the purpose per recipient (or for the one recipient);
    `registered_only`: only decisions on the registered source, not on a file given in its
    place (a cleaned sample approved must not answer for the real data)."""
    query = sa.select(decisions).where(
        decisions.c.dataset_id == dataset_id, decisions.c.purpose == purpose
    )
    if recipient is not None:
        query = query.where(decisions.c.recipient == recipient)
    if registered_only:
        query = query.where(decisions.c.registered_source.is_(True))
    newest: dict[str, Decision] = {}
    for row in connection.execute(query.order_by(decisions.c.id.desc())):
        newest.setdefault(row.recipient, _from_row(row))
    return list(newest.values())


def latest_fingerprint(connection: Connection, dataset_id: str, source: str) -> str | None:
    """The fingerprint of the registered data as most recently seen, by a scan or quality
    run of `source` (as the reader names it) or a gate on the registered source: a decision
    on other data no longer holds."""
    seen = sa.union_all(
        *(
            sa.select(table.c[at].label("at"), table.c.fingerprint).where(
                table.c.dataset_id == dataset_id, table.c.source == source
            )
            for table, at in ((scans, "scanned_at"), (validations, "validated_at"))
        ),
        sa.select(decisions.c.decided_at.label("at"), decisions.c.fingerprint).where(
            decisions.c.dataset_id == dataset_id, decisions.c.registered_source.is_(True)
        ),
    ).subquery()
    query = sa.select(seen.c.fingerprint).order_by(seen.c.at.desc()).limit(1)
    return connection.execute(query).scalar()


def audited_records(connection: Connection) -> list[AuditedRecord]:
    """Every stored decision, as the audit log must account for it."""
    return [
        AuditedRecord(
            _subject(row.id, row.dataset_id, row.registration_version),
            "gate",
            canonical_digest(row.decision),
            f"decision {row.id} on {row.dataset_id}",
        )
        for row in connection.execute(sa.select(decisions))
    ]
