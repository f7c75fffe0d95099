"""Reading the audit log a page at a time: the filters, the paging, what is refused, and
who may read it — on SQLite and PostgreSQL, since the filtering is SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from governance.audit_service import MAX_PAGE, AuditFilter
from governance.domain.roles import Role
from governance.errors import BadInputError
from governance.people_service import PermissionDenied
from governance.services import Governance
from governance.store import audit

CATALOG = Path(__file__).resolve().parent.parent / "catalog"
PEOPLE = {
    "admin": Role.ADMIN,
    "steward": Role.STEWARD,
    "po": Role.PRIVACY_OFFICER,
    "fg": Role.DPO,
    "analyst": Role.ANALYST,
}


@pytest.fixture
def store(store_url: str) -> Iterator[str]:
    """A store whose log holds the people (roles and nothing else, by admin) and the example
    catalogue (seven registrations, by the steward)."""
    admin = Governance.open(store_url, "admin")
    for name, role in PEOPLE.items():
        admin.add_user(name, frozenset({role}))
    Governance(admin.store, "steward").import_catalog([CATALOG])
    yield store_url
    admin.store.dispose()


def reader(url: str, name: str = "po") -> Governance:
    return Governance.open(url, name)


def test_without_a_filter_every_entry_is_counted_newest_first(store: str) -> None:
    found = reader(store).audit_entries()
    assert found.total == len(PEOPLE) + 7
    seqs = [entry.seq for entry in found.entries]
    assert seqs == sorted(seqs, reverse=True) and seqs[0] == found.total


@pytest.mark.parametrize(
    ("where", "count", "holds"),
    [
        (AuditFilter(actor="steward"), 7, lambda e: e.actor == "steward"),
        (AuditFilter(actor="nobody"), 0, None),
        (AuditFilter(family="user"), len(PEOPLE), lambda e: e.action == "user.roles"),
        (AuditFilter(family="registration"), 7, lambda e: e.action == "registration.create"),
        (AuditFilter(family="regist"), 0, None),  # a family is a whole word, not a prefix
        (AuditFilter(subject="WMO-WACHT"), 1, lambda e: e.subject == "wmo-wachtlijst@1"),
        (AuditFilter(subject="  wachtlijst "), 2, lambda e: "wachtlijst" in e.subject),
        (AuditFilter(subject="%"), 0, None),  # a wildcard is a character like any other
        (AuditFilter(subject="_"), 0, None),
        (AuditFilter(actor="admin", subject="user s"), 1, lambda e: e.subject == "user steward"),
    ],
)
def test_filters_narrow_the_entries(store: str, where: AuditFilter, count: int, holds) -> None:  # type: ignore[no-untyped-def]
    found = reader(store).audit_entries(where)
    assert found.total == count == len(found.entries)
    if holds is not None:
        assert all(holds(entry) for entry in found.entries)


def test_pages_split_the_matching_entries_without_overlap(store: str) -> None:
    governance = reader(store)
    where = AuditFilter(actor="steward")
    pages = [governance.audit_entries(where, limit=3, offset=offset) for offset in (0, 3, 6)]
    assert [len(p.entries) for p in pages] == [3, 3, 1]
    assert {p.total for p in pages} == {7}
    seqs = [entry.seq for p in pages for entry in p.entries]
    assert seqs == sorted(set(seqs), reverse=True)
    assert governance.audit_entries(where, limit=3, offset=9).entries == ()


def test_dates_are_whole_utc_days_both_inclusive(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = {"at": ""}
    monkeypatch.setattr(audit, "utc_now", lambda: now["at"])
    admin = Governance.open(sqlite_url, "admin")
    moments = [
        "2026-03-01T00:00:00.000000+00:00",
        "2026-03-01T23:59:59.999999+00:00",
        "2026-03-02T00:00:00.000000+00:00",
        "2026-03-04T12:00:00.000000+00:00",
    ]
    for name, moment in zip(("admin", "a", "b", "c"), moments, strict=True):
        now["at"] = moment
        admin.add_user(name, frozenset({Role.ADMIN}))

    def days(since: date | None, until: date | None) -> list[str]:
        found = admin.audit_entries(AuditFilter(since=since, until=until))
        return sorted(entry.at[:10] for entry in found.entries)

    first, second = date(2026, 3, 1), date(2026, 3, 2)
    assert days(first, first) == ["2026-03-01", "2026-03-01"]
    assert days(second, None) == ["2026-03-02", "2026-03-04"]
    assert days(None, second) == ["2026-03-01", "2026-03-01", "2026-03-02"]
    assert days(date(2026, 3, 3), date(2026, 3, 3)) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"limit": 0}, "1 to"),
        ({"limit": MAX_PAGE + 1}, "1 to"),
        ({"offset": -1}, "from 0"),
        ({"where": AuditFilter(since=date(2026, 3, 2), until=date(2026, 3, 1))}, "swap"),
    ],
)
def test_impossible_pages_are_bad_input(store: str, arguments: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(BadInputError, match=message):
        reader(store).audit_entries(**arguments)


def test_the_choices_are_the_logs_actors_and_action_families(store: str) -> None:
    choices = reader(store).audit_choices()
    assert choices.actors == ("admin", "steward")
    assert choices.families == ("registration", "user")


@pytest.mark.parametrize(
    ("name", "allowed"),
    [("po", True), ("fg", True), ("admin", True), ("steward", False), ("analyst", False)],
)
def test_only_privacy_officers_dpos_and_admins_read_the_log(
    store: str, name: str, allowed: bool
) -> None:
    governance = reader(store, name)
    if allowed:
        assert governance.audit_entries().total > 0
        assert governance.audit_choices().actors
        return
    with pytest.raises(PermissionDenied, match="may not read the audit log"):
        governance.audit_entries()
    with pytest.raises(PermissionDenied):
        governance.audit_choices()
