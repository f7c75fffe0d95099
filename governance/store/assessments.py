"""Assessments as append-only events; the state is replayed in the domain."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.assessment import Assessment, Event, replay
from governance.domain.audit import AuditedRecord
from governance.domain.registration import canonical_digest
from governance.errors import BadInputError
from governance.store import audit
from governance.store.schema import assessment_events, assessments


class UnknownAssessmentError(BadInputError):
    pass


def create(connection: Connection, created: Event, datasets: list[str]) -> int:
    assessment_id = int(
        connection.execute(
            sa.insert(assessments).values(
                kind=created.data["kind"],
                datasets=datasets,
                created_at=created.at,
                created_by=created.actor,
            )
        ).inserted_primary_key[0]
    )
    append(connection, assessment_id, created)
    return assessment_id


def append(connection: Connection, assessment_id: int, event: Event) -> None:
    document = event.to_json()
    event_id = connection.execute(
        sa.insert(assessment_events).values(assessment_id=assessment_id, event=document)
    ).inserted_primary_key[0]
    audit.append(
        connection,
        event.actor,
        f"assessment.{event.type.value}",
        _subject(assessment_id, int(event_id)),
        canonical_digest(document),
    )


def _subject(assessment_id: int, event_id: int) -> str:
    return f"assessment {assessment_id} event {event_id}"


def get(connection: Connection, assessment_id: int, version: int | None = None) -> Assessment:
    query = (
        sa.select(assessment_events.c.event)
        .where(assessment_events.c.assessment_id == assessment_id)
        .order_by(assessment_events.c.id)
    )
    events = [Event.from_json(row.event) for row in connection.execute(query)]
    if not events:
        raise UnknownAssessmentError(
            f"no assessment {assessment_id}; `governance dpia status` lists them"
        )
    try:
        return replay(assessment_id, events, version)
    except ValueError as error:
        raise UnknownAssessmentError(str(error)) from None


def all_states(connection: Connection, dataset_id: str | None = None) -> list[Assessment]:
    """Every assessment (or those covering one dataset), newest first. The small
    `assessments` table says which cover the dataset; only their events are read."""
    query = sa.select(assessment_events.c.assessment_id, assessment_events.c.event)
    if dataset_id is not None:
        covering = [
            row.id
            for row in connection.execute(sa.select(assessments.c.id, assessments.c.datasets))
            if dataset_id in row.datasets
        ]
        query = query.where(assessment_events.c.assessment_id.in_(covering))
    events: dict[int, list[Event]] = defaultdict(list)
    for row in connection.execute(query.order_by(assessment_events.c.id)):
        events[row.assessment_id].append(Event.from_json(row.event))
    return [replay(i, found) for i, found in sorted(events.items(), reverse=True)]


def audited_records(connection: Connection) -> list[AuditedRecord]:
    return [
        AuditedRecord(
            _subject(row.assessment_id, row.id),
            "assessment",
            canonical_digest(row.event),
            f"event {row.id} of assessment {row.assessment_id}",
        )
        for row in connection.execute(sa.select(assessment_events))
    ]
