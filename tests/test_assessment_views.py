"""The reads of the assessment screens (`AssessmentViews`): the list and its filters, the
datasets to choose from, the steps offered per role and status, and the risk register's
heat map; each refused to a role without ASSESS."""

from __future__ import annotations

from typing import Any

import pytest

from governance.domain.assessment import EventType, Status
from governance.domain.risks import Grade
from governance.domain.templates import TemplateKind
from governance.dpia.templates import template_for
from governance.people_service import PermissionDenied
from tests.test_dpia_service import JEUGD, RISK, WMO, People, every_required_answer


@pytest.fixture
def people(store_url: str) -> People:
    return People(store_url)


def in_review(people: People, datasets: list[str]) -> int:
    stef = people.as_("stef")
    dpia = stef.new_assessment(TemplateKind.DPIA, datasets, "DPIA")
    stef.answer(dpia.id, every_required_answer(template_for(TemplateKind.DPIA)))
    stef.submit(dpia.id)
    people.as_("petra").review(dpia.id, {})
    return dpia.id


def test_the_list_filters_by_kind_dataset_and_status(people: People) -> None:
    stef = people.as_("stef")
    deda = stef.new_assessment(TemplateKind.DEDA, [WMO], "DEDA Wmo")
    dpia_id = in_review(people, [WMO, JEUGD])
    prescan = stef.prescan([JEUGD], save=True).assessment
    assert prescan is not None

    every = stef.assessment_rows()
    assert [row.id for row in every] == [prescan.id, dpia_id, deda.id], "newest first"
    assert [r.id for r in stef.assessment_rows([TemplateKind.DEDA, TemplateKind.IAMA])] == [deda.id]
    assert [r.id for r in stef.assessment_rows(dataset_id=JEUGD)] == [prescan.id, dpia_id]
    assert [r.id for r in stef.assessment_rows(status=Status.IN_REVIEW)] == [dpia_id]
    row = every[1]
    assert (row.kind, row.datasets, row.author, row.version) == (
        TemplateKind.DPIA,
        (WMO, JEUGD),
        "stef",
        1,
    )
    assert row.approved_version is None and row.review_by is None


def test_a_row_keeps_the_approval_in_force_during_a_revision(people: People) -> None:
    dpia_id = in_review(people, [WMO])
    people.as_("frank").advise(dpia_id, "positive", "Akkoord")
    people.as_("petra").approve(dpia_id)
    people.as_("stef").answer(dpia_id, {"managementsamenvatting": "Herzien"})
    [row] = people.as_("stef").assessment_rows()
    assert (row.status, row.version, row.approved_version) == (Status.DRAFT, 2, 1)
    assert row.review_by is not None


def test_the_datasets_to_choose_are_every_registration(people: People) -> None:
    choices = people.as_("stef").assessable_datasets()
    assert [c.id for c in choices] == sorted(c.id for c in choices)
    wmo = next(c for c in choices if c.id == WMO)
    assert wmo.title and wmo.organisation


STEPS_BY_STATUS = [
    # (status the assessment is in, person, steps offered, edit, comment)
    ("draft", "stef", {EventType.SUBMITTED}, True, False),
    ("draft", "petra", {EventType.SUBMITTED}, True, False),  # a privacy officer may write
    ("draft", "frank", set(), False, False),
    ("submitted", "stef", set(), False, False),
    ("submitted", "petra", {EventType.REVIEW_STARTED}, False, True),
    ("submitted", "frank", set(), False, True),
    ("in_review", "stef", set(), False, False),
    (
        "in_review",
        "petra",
        {EventType.CHANGES_REQUESTED, EventType.APPROVED, EventType.REJECTED},
        False,
        True,
    ),
    ("in_review", "frank", {EventType.ADVISED}, False, True),
    ("approved", "stef", set(), True, False),  # an edit starts the next version
    ("approved", "petra", set(), True, False),
]


@pytest.mark.parametrize(("status", "person", "steps", "edit", "comment"), STEPS_BY_STATUS)
def test_the_steps_offered_follow_role_and_status(
    people: People,
    status: str,
    person: str,
    steps: set[EventType],
    edit: bool,
    comment: bool,
) -> None:
    stef = people.as_("stef")
    dpia = stef.new_assessment(TemplateKind.DPIA, [WMO], "")
    if status != "draft":
        stef.answer(dpia.id, every_required_answer(template_for(TemplateKind.DPIA)))
        stef.submit(dpia.id)
    if status in ("in_review", "approved"):
        people.as_("petra").review(dpia.id, {})
    if status == "approved":
        people.as_("frank").advise(dpia.id, "positive", "Akkoord")
        people.as_("pim").approve(dpia.id)
    abilities = people.as_(person).assessment_abilities(dpia.id)
    assert people.as_(person).assessment(dpia.id).state.status.value == status
    assert (set(abilities.steps), abilities.edit, abilities.comment) == (steps, edit, comment)


def test_a_step_is_offered_to_the_role_and_refused_to_the_author(people: People) -> None:
    """Offered by role and status; the separation of duties is the step's own check."""
    from governance.domain.roles import Role

    people.as_("ada").add_user("stef", frozenset({Role.STEWARD, Role.PRIVACY_OFFICER}))
    dpia_id = in_review(people, [WMO])
    people.as_("frank").advise(dpia_id, "positive", "Akkoord")
    assert EventType.APPROVED in people.as_("stef").assessment_abilities(dpia_id).steps
    with pytest.raises(PermissionDenied, match=r"stef wrote \(part of\)"):
        people.as_("stef").approve(dpia_id)


def test_the_heat_map_counts_risks_before_and_after_their_measures(people: People) -> None:
    stef = people.as_("stef")
    dpia = stef.new_assessment(TemplateKind.DPIA, [WMO], "")
    unmitigated = {**RISK, "id": "r2", "residual_likelihood": None, "residual_impact": None}
    stef.answer(dpia.id, {"p16-risicos": [RISK, unmitigated]})

    register = stef.risk_register(dpia.id)
    assert register.question == "p16-risicos"
    assert [r.id for r in register.risks] == ["r1", "r2"]
    cells = {(c.likelihood, c.impact): c for c in register.cells}
    assert len(cells) == 9
    medium_high = cells[(Grade.MEDIUM, Grade.HIGH)]
    assert (medium_high.level, medium_high.inherent, medium_high.residual) == (Grade.HIGH, 2, 0)
    low_medium = cells[(Grade.LOW, Grade.MEDIUM)]
    assert (low_medium.level, low_medium.inherent, low_medium.residual) == (Grade.LOW, 0, 1)
    assert sum(c.inherent for c in register.cells) == 2
    assert sum(c.residual for c in register.cells) == 1, "r2 has no residual grades yet"


def test_a_template_without_a_risk_list_has_an_empty_register(people: People) -> None:
    deda = people.as_("stef").new_assessment(TemplateKind.DEDA, [WMO], "")
    register = people.as_("stef").risk_register(deda.id)
    assert (register.question, register.risks) == (None, [])
    assert all(c.inherent == c.residual == 0 for c in register.cells)


@pytest.mark.parametrize(
    ("call", "doing"),
    [
        (lambda g: g.assessment_rows(), "read the assessments"),
        (lambda g: g.assessment_template(TemplateKind.DPIA), "read the assessment templates"),
        (lambda g: g.assessable_datasets(), "start an assessment"),
        (lambda g: g.assessment_abilities(1), "work on assessments"),
        (lambda g: g.risk_register(1), "read the assessments"),
    ],
)
def test_an_analyst_may_read_none_of_it(people: People, call: Any, doing: str) -> None:
    people.as_("stef").new_assessment(TemplateKind.DPIA, [WMO], "")
    with pytest.raises(PermissionDenied, match=f"anna \\(analyst\\) may not {doing}"):
        call(people.as_("anna"))
    assert call(people.as_("frank")) is not None, "the DPO may"
