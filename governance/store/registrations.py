"""Registrations in the store: every saved version is kept; the dataset row points at the
current one and is the hinge of optimistic concurrency."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from governance.domain.audit import AuditedRecord
from governance.domain.registration import Registration, document_digest
from governance.errors import ConflictError, UnknownDatasetError
from governance.store import audit
from governance.store.schema import datasets, registration_versions


class SaveOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SaveResult:
    dataset_id: str
    outcome: SaveOutcome
    version: int


@dataclass(frozen=True)
class VersionInfo:
    version: int
    saved_at: str
    saved_by: str
    content_digest: str


@dataclass(frozen=True)
class CatalogFilter:
    organisation: str | None = None
    status: str | None = None
    search: str | None = None
    personal_data: bool | None = None


def save(connection: Connection, registration: Registration, actor: str) -> SaveResult:
    """Create the dataset, or store a new version when the content changed.

    `registration.version` is the version the edit was based on: it must be the current
    one, else someone saved in between and the update is refused (nothing overwritten).
    Call inside `Store.writing()`.
    """
    planned = plan(connection, registration)
    if planned.outcome is SaveOutcome.CREATED:
        return _create(connection, registration, actor)
    if planned.outcome is SaveOutcome.UNCHANGED:
        return planned
    current, new_version = planned.version - 1, planned.version
    updated = connection.execute(
        sa.update(datasets)
        .where(datasets.c.id == registration.id, datasets.c.current_version == current)
        .values(current_version=new_version, **_summary(registration, actor))
    )
    if updated.rowcount != 1:
        raise _conflict(connection, registration, current)
    new = registration.model_copy(update={"version": new_version})
    _insert_version(connection, new, actor, "registration.update")
    return SaveResult(registration.id, SaveOutcome.UPDATED, new_version)


def plan(connection: Connection, registration: Registration) -> SaveResult:
    """What `save` would do, without writing: created, unchanged, updated — or a conflict."""
    current = current_version(connection, registration.id)
    if current is None:
        return SaveResult(registration.id, SaveOutcome.CREATED, registration.version)
    if get(connection, registration.id).content_digest() == registration.content_digest():
        return SaveResult(registration.id, SaveOutcome.UNCHANGED, current)
    if registration.version != current:
        raise _conflict(connection, registration, current)
    return SaveResult(registration.id, SaveOutcome.UPDATED, current + 1)


def current_version(connection: Connection, dataset_id: str) -> int | None:
    """The dataset's current version, or None when no dataset has this id."""
    return connection.execute(
        sa.select(datasets.c.current_version).where(datasets.c.id == dataset_id)
    ).scalar_one_or_none()


def _create(connection: Connection, registration: Registration, actor: str) -> SaveResult:
    connection.execute(
        sa.insert(datasets).values(
            id=registration.id,
            current_version=registration.version,
            **_summary(registration, actor),
        )
    )
    _insert_version(connection, registration, actor, "registration.create")
    return SaveResult(registration.id, SaveOutcome.CREATED, registration.version)


def _insert_version(
    connection: Connection, registration: Registration, actor: str, action: str
) -> None:
    saved_at = audit.utc_now()
    digest = registration.content_digest()
    connection.execute(
        sa.insert(registration_versions).values(
            dataset_id=registration.id,
            version=registration.version,
            document=registration.document(),
            content_digest=digest,
            saved_at=saved_at,
            saved_by=actor,
        )
    )
    audit.append(connection, actor, action, f"{registration.id}@{registration.version}", digest)


def _summary(registration: Registration, actor: str) -> dict[str, object]:
    """The columns of the dataset row that listing and filtering read without the document."""
    owner = registration.owner
    searchable = [
        registration.id,
        registration.title,
        registration.description,
        registration.organisation,
        owner.name if owner else "",
        owner.department if owner else "",
        *(purpose.description for purpose in registration.purposes),
    ]
    return {
        "title": registration.title,
        "organisation": registration.organisation,
        "status": registration.status.value,
        "holds_personal_data": registration.holds_personal_data,
        "search_text": " ".join(searchable).casefold(),
        "updated_at": audit.utc_now(),
        "updated_by": actor,
    }


def _conflict(connection: Connection, registration: Registration, current: int) -> ConflictError:
    based_on = registration.version
    if based_on > current:
        return ConflictError(
            f"registration '{registration.id}' says version {based_on}, but the store holds "
            f"version {current}: version {based_on} does not exist. Set 'version: {current}' "
            "if your change is based on the stored registration"
        )
    saved = history(connection, registration.id)[-1]
    return ConflictError(
        f"registration '{registration.id}' is at version {current} in the store (saved by "
        f"{saved.saved_by} at {saved.saved_at}), but this change is based on version "
        f"{based_on}. If that save was your own earlier import of this file, set "
        f"'version: {current}' and import again; otherwise someone else saved first: export "
        f"the current version (governance catalog export {registration.id}), apply your "
        "change to it and import again"
    )


def get(connection: Connection, dataset_id: str, version: int | None = None) -> Registration:
    if version is None:
        query = _current_documents()
    else:
        query = sa.select(registration_versions.c.document).where(
            registration_versions.c.version == version
        )
    query = query.where(registration_versions.c.dataset_id == dataset_id)
    document = connection.execute(query).scalar_one_or_none()
    if document is None:
        raise UnknownDatasetError(_unknown_message(connection, dataset_id, version))
    return Registration.model_validate(document)


def _current_documents() -> sa.Select[tuple[object]]:
    return sa.select(registration_versions.c.document).join(
        datasets,
        sa.and_(
            datasets.c.id == registration_versions.c.dataset_id,
            datasets.c.current_version == registration_versions.c.version,
        ),
    )


def _unknown_message(connection: Connection, dataset_id: str, version: int | None) -> str:
    known = connection.execute(sa.select(datasets.c.id).order_by(datasets.c.id)).scalars().all()
    if version is not None and dataset_id in known:
        return f"dataset '{dataset_id}' has no version {version}"
    close = difflib.get_close_matches(dataset_id, known, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    listing = ", ".join(known) if known else "none: import a catalogue first"
    return f"unknown dataset '{dataset_id}'{hint}; known datasets: {listing}"


def audited_records(connection: Connection) -> list[AuditedRecord]:
    """Every stored version, with the digest of its content as stored now."""
    rows = connection.execute(
        sa.select(
            registration_versions.c.dataset_id,
            registration_versions.c.version,
            registration_versions.c.document,
        )
    )
    return [
        AuditedRecord(
            f"{row.dataset_id}@{row.version}",
            "registration",
            document_digest(row.document),
            f"registration {row.dataset_id} version {row.version}",
        )
        for row in rows
    ]


def history(connection: Connection, dataset_id: str) -> list[VersionInfo]:
    rows = connection.execute(
        sa.select(
            registration_versions.c.version,
            registration_versions.c.saved_at,
            registration_versions.c.saved_by,
            registration_versions.c.content_digest,
        )
        .where(registration_versions.c.dataset_id == dataset_id)
        .order_by(registration_versions.c.version)
    ).all()
    if not rows:
        raise UnknownDatasetError(_unknown_message(connection, dataset_id, None))
    return [VersionInfo(*row) for row in rows]


def list_current(connection: Connection, where: CatalogFilter) -> list[Registration]:
    query = filtered(_current_documents().order_by(datasets.c.id), where)
    return [Registration.model_validate(doc) for doc in connection.execute(query).scalars()]


def filtered(query: sa.Select[Any], where: CatalogFilter) -> sa.Select[Any]:
    """`query` over the datasets table narrowed to what `where` asks (all of it: AND);
    every word of the search must occur in the searchable text."""
    if where.organisation:
        query = query.where(sa.func.lower(datasets.c.organisation) == where.organisation.lower())
    if where.status:
        query = query.where(datasets.c.status == where.status)
    if where.personal_data is not None:
        query = query.where(datasets.c.holds_personal_data == where.personal_data)
    for word in (where.search or "").casefold().split():
        query = query.where(datasets.c.search_text.contains(word, autoescape=True))
    return query
