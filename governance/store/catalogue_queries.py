"""Read-only queries for the catalogue page and the dashboard that the other store modules
do not answer: what many datasets hold at once, and everything recorded about one dataset.

Each function is one or two statements, whatever the number of datasets: the dashboard
reads a catalogue of a thousand datasets, and one transaction per dataset would not do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance import scanning
from governance.domain.assessment import Assessment, Event, EventType, replay
from governance.domain.audit import AuditEntry
from governance.domain.gate import Decision
from governance.store import registrations
from governance.store.registrations import CatalogFilter
from governance.store.schema import (
    assessment_events,
    audit_log,
    datasets,
    decisions,
    registration_versions,
    scans,
    validations,
)


@dataclass(frozen=True)
class CurrentDocument:
    """The current version of one registration as stored (the `Registration.document()`
    form), with the dataset row's listing columns beside it."""

    id: str
    version: int
    content_digest: str
    title: str
    organisation: str
    status: str
    holds_personal_data: bool
    updated_at: str
    document: dict[str, Any]

    @property
    def source_label(self) -> str | None:
        """`scanning.source_label` of this registration; None for an SQL table."""
        source = self.document["source"]
        return scanning.label_of_source(source["format"], source.get("location"))


def current_documents(
    connection: Connection,
    where: CatalogFilter | None = None,
    ids: Collection[str] | None = None,
) -> list[CurrentDocument]:
    """The current registration of every dataset (or those selected, or those of `ids`),
    by id; one query."""
    query = (
        sa.select(
            datasets.c.id,
            datasets.c.current_version,
            registration_versions.c.content_digest,
            datasets.c.title,
            datasets.c.organisation,
            datasets.c.status,
            datasets.c.holds_personal_data,
            datasets.c.updated_at,
            registration_versions.c.document,
        )
        .join(registration_versions, _current_version())
        .order_by(datasets.c.id)
    )
    if ids is not None:
        query = query.where(datasets.c.id.in_(ids))
    query = registrations.filtered(query, where or CatalogFilter())
    return [CurrentDocument(*row) for row in connection.execute(query)]


def _current_version() -> sa.ColumnElement[bool]:
    """Joins a dataset row to its current registration version."""
    return sa.and_(
        registration_versions.c.dataset_id == datasets.c.id,
        registration_versions.c.version == datasets.c.current_version,
    )


def organisations(connection: Connection) -> list[str]:
    query = sa.select(datasets.c.organisation).distinct().order_by(datasets.c.organisation)
    return list(connection.execute(query).scalars())


def owners(connection: Connection) -> list[str]:
    """The owners' names of the current registrations (read from the documents in SQL)."""
    name = registration_versions.c.document[("owner", "name")].as_string()
    query = (
        sa.select(name)
        .join(datasets, _current_version())
        .where(name.is_not(None))
        .distinct()
        .order_by(name)
    )
    return list(connection.execute(query).scalars())


def latest_registered_scans(
    connection: Connection, labels: dict[str, str | None]
) -> dict[str, dict[str, Any]]:
    """Per dataset in `labels` (id -> the label of its registered file, None for an SQL
    table), the report of its newest scan of that file (of any source for SQL): the scan
    `scans.latest_report` finds for one dataset, for all of them in two queries."""
    if not labels:
        return {}
    newest = connection.execute(
        sa.select(scans.c.dataset_id, scans.c.source, sa.func.max(scans.c.id))
        .where(scans.c.dataset_id.in_(labels))
        .group_by(scans.c.dataset_id, scans.c.source)
    )
    chosen: dict[str, int] = {}
    for dataset_id, source, scan_id in newest:
        label = labels[dataset_id]
        if (label is None or source == label) and scan_id > chosen.get(dataset_id, 0):
            chosen[dataset_id] = scan_id
    if not chosen:
        return {}
    reports = connection.execute(
        sa.select(scans.c.dataset_id, scans.c.report).where(scans.c.id.in_(chosen.values()))
    )
    return {dataset_id: dict(report) for dataset_id, report in reports}


def workflow_states(connection: Connection) -> list[Assessment]:
    """Every assessment's workflow state (status, version, approvals), newest first, with
    no answers: answering events are most of an assessment's events and of their size, and
    the replay needs none of them for its workflow (`assessments.all_states` has them)."""
    kind = assessment_events.c.event["type"].as_string()
    query = (
        sa.select(assessment_events.c.assessment_id, assessment_events.c.event)
        .where(kind != EventType.ANSWERED.value)
        .order_by(assessment_events.c.id)
    )
    events: dict[int, list[Event]] = defaultdict(list)
    for assessment_id, event in connection.execute(query):
        events[assessment_id].append(Event.from_json(event))
    return [replay(i, found) for i, found in sorted(events.items(), reverse=True)]


def gate_outcomes_per_day(connection: Connection) -> list[tuple[str, str, int]]:
    """(day as YYYY-MM-DD in UTC, outcome, number of decisions), oldest day first."""
    day = sa.func.substr(decisions.c.decided_at, 1, 10).label("day")
    query = (
        sa.select(day, decisions.c.outcome, sa.func.count())
        .group_by(day, decisions.c.outcome)
        .order_by(day, decisions.c.outcome)
    )
    return [(str(d), str(outcome), int(count)) for d, outcome, count in connection.execute(query)]


@dataclass(frozen=True)
class StoredScan:
    id: int
    registration_version: int
    source: str
    rows: int
    rows_scanned: int
    scanned_at: str
    scanned_by: str
    report: dict[str, Any]
    comparison: dict[str, Any]


def scans_of(connection: Connection, dataset_id: str, limit: int) -> list[StoredScan]:
    """The newest `limit` scans of a dataset, newest first."""
    return _newest(connection, scans, StoredScan, dataset_id, limit)


@dataclass(frozen=True)
class StoredValidation:
    id: int
    registration_version: int
    source: str
    rows: int
    outcome: str
    validated_at: str
    validated_by: str
    result: dict[str, Any]


_Run = TypeVar("_Run", StoredScan, StoredValidation)


def validations_of(connection: Connection, dataset_id: str, limit: int) -> list[StoredValidation]:
    """The newest `limit` quality runs of a dataset, newest first."""
    return _newest(connection, validations, StoredValidation, dataset_id, limit)


def _newest(
    connection: Connection, table: sa.Table, record: type[_Run], dataset_id: str, limit: int
) -> list[_Run]:
    """The newest `limit` rows of `table` about a dataset, as `record`: its fields name
    the columns read, in their order."""
    columns = [table.c[field.name] for field in fields(record)]
    query = (
        sa.select(*columns)
        .where(table.c.dataset_id == dataset_id)
        .order_by(table.c.id.desc())
        .limit(limit)
    )
    return [record(*row) for row in connection.execute(query)]


def decisions_of(connection: Connection, dataset_id: str, limit: int) -> list[Decision]:
    """The newest `limit` gate decisions on a dataset, for any purpose and recipient."""
    query = (
        sa.select(decisions.c.id, decisions.c.decision)
        .where(decisions.c.dataset_id == dataset_id)
        .order_by(decisions.c.id.desc())
        .limit(limit)
    )
    return [Decision.from_json({**document, "id": i}) for i, document in connection.execute(query)]


def audit_about(
    connection: Connection, dataset_id: str, assessment_ids: Iterable[int], limit: int
) -> list[AuditEntry]:
    """The newest `limit` audit entries about a dataset: its registration versions, scans,
    quality runs and decisions (subjects `id@version …`) and the events of the assessments
    that cover it (`assessment N event M`); newest first."""
    about = [audit_log.c.subject.startswith(f"{dataset_id}@", autoescape=True)]
    about += [audit_log.c.subject.startswith(f"assessment {n} event ") for n in assessment_ids]
    query = sa.select(audit_log).where(sa.or_(*about)).order_by(audit_log.c.seq.desc())
    return [AuditEntry(**row._mapping) for row in connection.execute(query.limit(limit))]
