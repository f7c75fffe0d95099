"""The catalogue and dashboard views: search and filters, the figures across the catalogue,
and one dataset with everything recorded about it; on the example catalogue, as the
people of `test_dpia_service`, on SQLite and (for the queries) PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from governance.domain.gate import Outcome
from governance.domain.legal_rules import RULES
from governance.domain.registration import Registration
from governance.people_service import PermissionDenied
from governance.services import Governance
from governance.store import registrations
from governance.synthetic import generate_pilot
from governance.views_service import LEGAL_BASIS_RULES, REVIEW_NOTICE, CatalogueQuery
from tests.builders import REMOVE, valid_document, with_change, write_yaml
from tests.test_dpia_service import CATALOG, WMO, People, approved_dpia

JEUGD, PIEK = "jeugd-wachtlijst", "reisdocumenten-piekmomenten"
AANVRAGEN, INHUUR = "reisdocumenten-aanvragen", "inhuur-personeel"


@pytest.fixture
def people(store_url: str) -> People:
    return People(store_url)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (CatalogueQuery(), 7),
        (CatalogueQuery(search="wachtlijst"), {JEUGD, WMO}),
        (CatalogueQuery(search="WACHTLIJST wmo"), {WMO}),
        (CatalogueQuery(organisation="gemeente polderwaard"), {"project-planning"}),
        (CatalogueQuery(owner="Teamleider Burgerzaken"), {AANVRAGEN, PIEK}),
        (CatalogueQuery(personal_data=False), {PIEK}),
        (CatalogueQuery(legal_ground="contract"), {INHUUR}),
        (CatalogueQuery(bio_level="public"), {PIEK}),
        (CatalogueQuery(bio_level="confidential", search="wachtlijst"), {JEUGD, WMO}),
        (CatalogueQuery(status="retired"), set()),
        (CatalogueQuery(status="active", search="wachtlijst"), {JEUGD, WMO}),
        (CatalogueQuery(search="100%_"), set()),  # LIKE wildcards are searched as text
    ],
)
def test_search_and_filters_narrow_the_catalogue(
    people: People, query: CatalogueQuery, expected: int | set[str]
) -> None:
    found = people.as_("anna").catalogue(query)
    ids = [row.id for row in found]
    assert ids == sorted(ids)
    assert (len(ids) if isinstance(expected, int) else set(ids)) == expected


def test_a_catalogue_row_carries_what_the_table_shows(people: People) -> None:
    (row,) = people.as_("anna").catalogue(CatalogueQuery(search="wmo"))
    assert (row.id, row.owner, row.status, row.bio_level) == (
        WMO,
        "Teamleider Wmo-toegang",
        "active",
        "confidential",
    )
    assert row.holds_personal_data and row.legal_grounds == ("public_task",)
    choices = people.as_("anna").catalogue_choices()
    assert "Gemeente Dijkhoven" in choices.organisations
    assert "Teamleider Wmo-toegang" in choices.owners
    assert list(choices.owners) == sorted(set(choices.owners))


@pytest.mark.parametrize(
    "call",
    [
        lambda g: g.catalogue(),
        lambda g: g.catalogue_choices(),
        lambda g: g.dashboard(),
        lambda g: g.dataset_detail(WMO),
    ],
    ids=["catalogue", "choices", "dashboard", "detail"],
)
@pytest.mark.parametrize(("who", "allowed"), [("nobody", False), ("anna", True), ("ada", True)])
def test_only_people_with_a_role_see_the_catalogue(
    people: People, call: Callable[[Governance], object], who: str, allowed: bool
) -> None:
    if allowed:
        call(people.as_(who))
    else:
        with pytest.raises(PermissionDenied, match="nobody \\(no role\\) may not read"):
            call(people.as_(who))


def test_the_legal_basis_rules_are_rules_of_the_law() -> None:
    known = {rule.id for rule in RULES}
    assert known >= LEGAL_BASIS_RULES
    assert "owner-missing" in known - LEGAL_BASIS_RULES


def stored_behind_the_rules(people: People, document: dict[str, Any]) -> None:
    """A registration saved as an older version of governance could, before a rule existed:
    the import would refuse it now."""
    governance = people.as_("stef")
    with governance.store.writing() as connection:
        registrations.save(connection, Registration.model_validate(document), "stef")


@pytest.mark.parametrize(
    ("path", "incomplete_by"),
    [
        ("purposes.0.legal_basis.provision", "provision-missing"),
        ("purposes.0.legal_basis", "purpose-without-basis"),
        ("personal_data.bsn.statutory_basis", "bsn-without-statutory-basis"),
        ("owner", None),  # a refusal, but not about the legal basis
    ],
)
def test_the_share_with_a_complete_legal_basis(
    people: People, path: str, incomplete_by: str | None
) -> None:
    before = people.as_("anna").dashboard().legal_basis
    assert (before.personal, before.complete, before.share) == (6, 6, 1.0)
    stored_behind_the_rules(people, with_change(valid_document("oud"), path, REMOVE))
    after = people.as_("anna").dashboard().legal_basis
    assert after.personal == 7
    if incomplete_by is None:
        assert not after.gaps
    else:
        (gap,) = after.gaps
        assert (gap.dataset_id, gap.rules) == ("oud", (incomplete_by,))
        assert after.share == pytest.approx(6 / 7)


def test_datasets_are_counted_by_organisation_and_status(people: People) -> None:
    figures = people.as_("anna").dashboard()
    counted = {(c.organisation, c.status): c.count for c in figures.datasets}
    assert counted == {
        ("Gemeente Dijkhoven", "active"): 1,
        ("Gemeente Polderwaard", "active"): 1,
        ("Gemeente Rivierstad", "active"): 5,
    }
    assert (figures.total, figures.scanned, figures.gate_outcomes, figures.pii) == (7, 0, (), ())


@pytest.mark.parametrize(
    ("days_before_review", "due", "overdue"),
    [(REVIEW_NOTICE.days + 1, False, False), (REVIEW_NOTICE.days, True, False), (-1, True, True)],
)
def test_an_approval_is_due_for_review_near_its_date(
    people: People, days_before_review: int, due: bool, overdue: bool
) -> None:
    dpia_id = approved_dpia(people, [WMO])
    in_force = people.as_("petra").assessment(dpia_id).state.in_force
    assert in_force is not None and in_force.review_by is not None
    review_by = in_force.review_by
    figures = people.as_("anna").dashboard(review_by - timedelta(days=days_before_review))
    counted = {(c.kind, c.status): c.count for c in figures.assessments}
    assert counted == {("dpia", "approved"): 1}
    assert [(r.id, r.overdue) for r in figures.reviews_due] == ([(dpia_id, overdue)] if due else [])


def test_an_approval_is_due_for_review_when_a_dataset_it_covers_changed(
    people: People, tmp_path: Path
) -> None:
    dpia_id = approved_dpia(people, [WMO])
    assert not people.as_("anna").dashboard().reviews_due
    document = yaml.safe_load((CATALOG / f"{WMO}.yaml").read_text(encoding="utf-8"))
    document["description"] += " Aangevuld."
    people.as_("stef").import_catalog([write_yaml(document, tmp_path / "wmo.yaml")])
    (due,) = people.as_("anna").dashboard().reviews_due
    assert due.id == dpia_id and not due.overdue
    assert "registration version 1 was assessed, 2 is current" in due.review_reasons[0]


@pytest.fixture
def piloted(people: People, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> People:
    """The Wmo pilot's data where its registration says, scanned, gated for a registered
    and an unknown recipient, and a DPIA of it approved."""
    monkeypatch.chdir(tmp_path)
    generate_pilot(WMO, tmp_path / "demo-data", rows=150)
    steward = people.as_("stef")
    steward.scan_dataset(WMO)
    steward.gate(WMO, "beleid-sociaal-domein", "beleidsanalyse")
    steward.gate(WMO, "onbekende-ontvanger", "beleidsanalyse")
    approved_dpia(people, [WMO])
    return people


def test_the_dashboard_counts_gates_and_personal_data_found(piloted: People) -> None:
    figures = piloted.as_("anna").dashboard()
    today = datetime.now(UTC).date().isoformat()  # decisions are stamped in UTC
    outcomes = {(c.day, c.outcome): c.count for c in figures.gate_outcomes}
    assert outcomes == {(today, Outcome.BLOCKED.value): 1, (today, Outcome.CONDITIONAL.value): 1}
    assert figures.scanned == 1
    pii = {c.entity: c for c in figures.pii}
    assert (pii["BSN"].declared, pii["BSN"].found, pii["BSN"].confirmed) == (1, 1, 1)
    assert pii["PERSON"].undeclared == 0
    assert all(c.confirmed + c.undeclared == c.found for c in figures.pii)


def test_a_dataset_with_everything_recorded_about_it(piloted: People) -> None:
    detail = piloted.as_("petra").dataset_detail(WMO)
    assert detail.registration.id == WMO and [v.version for v in detail.versions] == [1]
    assert detail.findings == ()  # the Wmo registration meets every legal rule
    columns = {c.name: c for c in detail.columns}
    assert (columns["Client_BSN"].declared, columns["Client_BSN"].found) == ("BSN", ("BSN",))
    assert columns["Wijkteam"].found == () and columns["Wijkteam"].in_data
    assert detail.column_scan is not None and detail.column_scan.registered_source
    assert detail.scans[0].id == detail.column_scan.id
    assert {(d.recipient, d.outcome.value) for d in detail.decisions} >= {
        ("onbekende-ontvanger", "BLOCKED")
    }
    assert [(q.outcome, q.rows) for q in detail.quality[:1]] == [("passed", 150)]
    (assessment,) = detail.assessments
    assert (assessment.kind, assessment.status, assessment.approved_version) == (
        "dpia",
        "approved",
        1,
    )
    actions = {entry.action for entry in detail.audit}
    assert {"registration.create", "scan.run", "validation.run", "gate.decide"} <= actions
    assert "assessment.approved" in actions
    assert all(e.subject.startswith((f"{WMO}@", "assessment ")) for e in detail.audit)
    assert [e.seq for e in detail.audit] == sorted((e.seq for e in detail.audit), reverse=True)
    # An analyst sees the dataset, its scans and decisions, not its assessments or audit log.
    seen = piloted.as_("anna").dataset_detail(WMO)
    assert seen.decisions == detail.decisions and seen.columns == detail.columns
    assert (seen.assessments, seen.audit) == ((), ())
    assert not seen.shows_assessments and not seen.shows_audit


def test_the_detail_of_an_unknown_dataset_names_the_known_ones(people: People) -> None:
    from governance.errors import UnknownDatasetError

    with pytest.raises(UnknownDatasetError, match="did you mean wmo-wachtlijst"):
        people.as_("anna").dataset_detail("wmo-wachtlyst")
