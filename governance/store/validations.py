"""Stored quality runs: the contract and suite outcome per run, audited like scans."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.audit import AuditedRecord
from governance.domain.registration import canonical_digest
from governance.store import audit, runs
from governance.store.schema import validations


def record(connection: Connection, result: dict[str, Any], actor: str) -> int:
    """Store one run (the `ValidationResult` as JSON) and audit it."""
    row = {
        "dataset_id": result["dataset"],
        "registration_version": result["version"],
        "source": result["source"],
        "fingerprint": result["fingerprint"],
        "rows": result["rows"],
        "outcome": result["outcome"],
        "result": result,
        "validated_at": audit.utc_now(),
        "validated_by": actor,
    }
    run_id = int(connection.execute(sa.insert(validations).values(**row)).inserted_primary_key[0])
    subject = _subject(run_id, result["dataset"], result["version"])
    audit.append(connection, actor, "validation.run", subject, canonical_digest(result))
    return run_id


def _subject(run_id: int, dataset_id: str, version: int) -> str:
    return f"{dataset_id}@{version} validation {run_id}"


def audited_records(connection: Connection) -> list[AuditedRecord]:
    """Every stored run, as the audit log must account for it."""
    return [
        AuditedRecord(
            _subject(row.id, row.dataset_id, row.registration_version),
            "validation",
            canonical_digest(row.result),
            f"validation {row.id} of {row.dataset_id}",
        )
        for row in connection.execute(sa.select(validations))
    ]


def on_data(
    connection: Connection,
    dataset_id: str,
    registration_version: int,
    fingerprint: str,
    suite_digest: str | None,
) -> tuple[int, dict[str, Any]] | None:
    """The newest quality run of exactly this data, registration version and suite (by the
    digest of its file; None for no suite): its id and result, or None."""
    found = runs.on_data(
        connection, validations, "result", dataset_id, registration_version, fingerprint
    )
    return next((run for run in found if run[1].get("suite_digest") == suite_digest), None)
