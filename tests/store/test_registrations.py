"""The versioned registration store, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from governance.domain.registration import Registration
from governance.errors import ConflictError, UnknownDatasetError
from governance.store import audit, registrations
from governance.store.db import SCHEMA_REVISION, Store, alembic_head
from governance.store.registrations import CatalogFilter, SaveOutcome
from tests.builders import REMOVE, valid_document, with_changes


@pytest.fixture
def store(store_url: str) -> Store:
    opened = Store(store_url)
    opened.migrate()
    yield opened
    opened.dispose()


def registration(**changes: Any) -> Registration:
    document = valid_document(changes.pop("dataset_id", "wmo-test"))
    dotted = {path.replace("__", "."): value for path, value in changes.items()}
    return Registration.model_validate(with_changes(document, dotted))


def save(store: Store, reg: Registration) -> registrations.SaveResult:
    with store.writing() as connection:
        return registrations.save(connection, reg, "tester")


def test_migrate_is_idempotent(store: Store) -> None:
    assert store.migrate() is False
    assert store.revision() == SCHEMA_REVISION


def test_schema_revision_constant_is_the_newest_migration() -> None:
    assert alembic_head() == SCHEMA_REVISION


def test_create_update_and_history(store: Store) -> None:
    assert save(store, registration()).outcome is SaveOutcome.CREATED
    assert save(store, registration()).outcome is SaveOutcome.UNCHANGED
    updated = save(store, registration(title="Nieuwe titel"))
    assert (updated.outcome, updated.version) == (SaveOutcome.UPDATED, 2)
    with store.reading() as connection:
        assert registrations.get(connection, "wmo-test").title == "Nieuwe titel"
        assert registrations.get(connection, "wmo-test", 1).title != "Nieuwe titel"
        assert [v.version for v in registrations.history(connection, "wmo-test")] == [1, 2]
        actions = [e.action for e in audit.entries(connection)]
    assert actions == ["registration.create", "registration.update"]


def test_a_stale_update_is_refused_and_changes_nothing(store: Store) -> None:
    save(store, registration())
    save(store, registration(title="Eerste wijziging"))
    with pytest.raises(ConflictError, match=r"at version 2 in the store.*based on version 1"):
        save(store, registration(title="Tweede wijziging op oude basis"))
    with store.reading() as connection:
        assert registrations.get(connection, "wmo-test").title == "Eerste wijziging"
        assert len(registrations.history(connection, "wmo-test")) == 2
        assert len(audit.entries(connection)) == 2


def test_a_new_dataset_keeps_the_version_of_its_file(store: Store) -> None:
    assert save(store, registration(version=4)).version == 4
    with store.reading() as connection:
        assert [e.action for e in audit.entries(connection)] == ["registration.create"]


def test_an_update_on_the_current_version_wins(store: Store) -> None:
    save(store, registration())
    save(store, registration(title="Eerste wijziging"))
    result = save(store, registration(title="Tweede wijziging", version=2))
    assert result.version == 3


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.writing() as connection:
        registrations.save(connection, registration(), "tester")
        raise RuntimeError("crash halfway")
    with store.reading() as connection:
        assert registrations.list_current(connection, CatalogFilter()) == []
        assert audit.entries(connection) == []


def test_unknown_dataset_names_the_known_ones(store: Store) -> None:
    save(store, registration())
    with store.reading() as connection, pytest.raises(UnknownDatasetError, match="wmo-test"):
        registrations.get(connection, "jeugd")
    with store.reading() as connection, pytest.raises(UnknownDatasetError, match="no version 9"):
        registrations.get(connection, "wmo-test", 9)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (CatalogFilter(), ["fixi-test", "wmo-test"]),
        (CatalogFilter(organisation="gemeente rivierstad"), ["wmo-test"]),
        (CatalogFilter(organisation="Gemeente Beekdal"), ["fixi-test"]),
        (CatalogFilter(status="draft"), ["fixi-test"]),
        (CatalogFilter(personal_data=True), ["wmo-test"]),
        (CatalogFilter(personal_data=False), ["fixi-test"]),
        (CatalogFilter(search="WACHTTIJDEN"), ["wmo-test"]),
        (CatalogFilter(search="sociaal wmo"), ["wmo-test"]),
        (CatalogFilter(search="%"), []),
        (CatalogFilter(search="_"), []),
        (CatalogFilter(status="retired"), []),
    ],
)
def test_list_filters(store: Store, where: CatalogFilter, expected: list[str]) -> None:
    save(store, registration())
    save(
        store,
        registration(
            dataset_id="fixi-test",
            organisation="Gemeente Beekdal",
            status="draft",
            personal_data=REMOVE,
            columns__0__pii=None,
            title="Meldingen openbare ruimte",
            description="Meldingen over losse stoeptegels.",
            purposes__0__description="Afhandeling",
            owner={
                "name": "Teamleider",
                "department": "Stadsbeheer",
                "contact": "sb@beekdal.example",
            },
        ),
    )
    with store.reading() as connection:
        assert [r.id for r in registrations.list_current(connection, where)] == expected


def test_audit_tampering_is_found(store: Store) -> None:
    from governance.domain.audit import verify_chain
    from governance.store.schema import audit_log

    save(store, registration())
    save(store, registration(title="Gewijzigd"))
    with store.writing() as connection:
        connection.execute(
            sa.update(audit_log).where(audit_log.c.seq == 2).values(actor="iemand anders")
        )
    with store.reading() as connection:
        problems = verify_chain(audit.entries(connection), audit.read_head(connection))
    assert problems and "audit entry 2" in problems[0]
