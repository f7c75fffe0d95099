"""Stored PII scans: kept with the data's fingerprint and the registration version."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.audit import AuditedRecord
from governance.domain.registration import Registration, canonical_digest
from governance.domain.scan import Comparison, ScanReport, compare
from governance.store import audit, runs
from governance.store.schema import scans


def record(
    connection: Connection, registration: Registration, report: ScanReport, actor: str
) -> tuple[int, Comparison]:
    """Compare the report with the registration, store both and audit them (subject
    `id@version`, digest of report and comparison); the new scan's id and the comparison."""
    comparison = compare(registration, report)
    stored, compared = report.to_json(), comparison.to_json()
    row = {
        "dataset_id": registration.id,
        "registration_version": registration.version,
        "source": report.source,
        "fingerprint": stored["fingerprint"],
        "rows": report.rows,
        "rows_scanned": report.rows_scanned,
        "report": stored,
        "comparison": compared,
        "scanned_at": audit.utc_now(),
        "scanned_by": actor,
    }
    scan_id = int(connection.execute(sa.insert(scans).values(**row)).inserted_primary_key[0])
    subject = scan_subject(scan_id, registration.id, registration.version)
    audit.append(connection, actor, "scan.run", subject, scan_digest(stored, compared))
    return scan_id, comparison


def scan_subject(scan_id: int, dataset_id: str, registration_version: int) -> str:
    return f"{dataset_id}@{registration_version} scan {scan_id}"


def scan_digest(report: dict[str, Any], comparison: dict[str, Any]) -> str:
    return canonical_digest({"report": report, "comparison": comparison})


def audited_records(connection: Connection) -> list[AuditedRecord]:
    """Every stored scan, as the audit log must account for it."""
    return [
        AuditedRecord(
            scan_subject(row.id, row.dataset_id, row.registration_version),
            "scan",
            scan_digest(row.report, row.comparison),
            f"scan {row.id} of {row.dataset_id}",
        )
        for row in connection.execute(sa.select(scans))
    ]


def latest_report(
    connection: Connection, dataset_id: str, source: str | None = None
) -> dict[str, Any] | None:
    """The report of the newest scan of a dataset (of `source` as the reader names it, when
    given), or None when there is none."""
    query = sa.select(scans.c.report).where(scans.c.dataset_id == dataset_id)
    if source is not None:
        query = query.where(scans.c.source == source)
    found = connection.execute(query.order_by(scans.c.id.desc()).limit(1)).scalar()
    return dict(found) if found is not None else None


def on_data(
    connection: Connection, dataset_id: str, registration_version: int, fingerprint: str
) -> tuple[int, dict[str, Any]] | None:
    """The newest scan of all of exactly this data against this registration version: its
    id and comparison, or None. A scan of the first N rows says nothing of the rest."""
    runs_found = runs.on_data(
        connection,
        scans,
        "comparison",
        dataset_id,
        registration_version,
        fingerprint,
        scans.c.rows_scanned == scans.c.rows,
    )
    return next(runs_found, None)
