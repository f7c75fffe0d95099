"""What the assessment screens read besides the use cases of `dpia_service`: a list to
pick an assessment from, the datasets and templates a new one is made of, which steps of
the workflow to offer the person looking at one, and its risk register as a heat map.

Read-only; every method checks ASSESS. Offering a step is a courtesy to the person: the
use cases check the workflow and the separation of duties again when the step is taken.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from governance.domain.assessment import (
    ADVICE_POSITIONS,
    Actor,
    Advice,
    Assessment,
    Event,
    EventType,
    Status,
    WorkflowError,
    check,
)
from governance.domain.risks import Grade, Risk, level
from governance.domain.roles import Permission, Role
from governance.domain.templates import AnswerType, Template, TemplateKind
from governance.people_service import PeopleUseCases
from governance.store import assessment_queries, assessments, users
from governance.store.assessment_queries import DatasetChoice

STEPS = (
    EventType.SUBMITTED,
    EventType.REVIEW_STARTED,
    EventType.CHANGES_REQUESTED,
    EventType.ADVISED,
    EventType.APPROVED,
    EventType.REJECTED,
)
"""The workflow steps a screen offers as actions, in the order an assessment takes them."""


@dataclass(frozen=True)
class AssessmentRow:
    """One line of the list of assessments."""

    id: int
    kind: TemplateKind
    title: str
    datasets: tuple[str, ...]
    status: Status
    version: int
    author: str
    created_at: str
    approved_version: int | None  # the approval in force, also while a revision is written
    review_by: date | None

    @classmethod
    def of(cls, state: Assessment) -> AssessmentRow:
        in_force = state.in_force
        return cls(
            state.id,
            state.kind,
            state.title,
            state.datasets,
            state.status,
            state.version,
            state.author,
            state.created_at,
            in_force.version if in_force else None,
            in_force.review_by if in_force else None,
        )


@dataclass(frozen=True)
class Abilities:
    """What the acting person's roles allow on an assessment in its present status."""

    edit: bool  # answer questions (on an approved or rejected one: start its next version)
    comment: bool  # comment per question, as a reviewer
    steps: tuple[EventType, ...]  # of STEPS


@dataclass(frozen=True)
class HeatCell:
    """One cell of the likelihood x impact matrix: its level, and how many risks lie in it
    before and after their measures."""

    likelihood: Grade
    impact: Grade
    level: Grade
    inherent: int
    residual: int


@dataclass(frozen=True)
class RiskRegister:
    question: str | None  # the template's risk-list question; None when it has none
    risks: list[Risk]
    cells: list[HeatCell]


class AssessmentViews(PeopleUseCases):
    def assessment_rows(
        self,
        kinds: Collection[TemplateKind] = (),
        dataset_id: str | None = None,
        status: Status | None = None,
    ) -> list[AssessmentRow]:
        """The assessments of these kinds (all when none given), newest first, optionally
        only those covering a dataset or in one status."""
        self.require(Permission.ASSESS, "read the assessments")
        with self.store.reading() as connection:
            states = assessments.all_states(connection, dataset_id)
        return [
            AssessmentRow.of(state)
            for state in states
            if (not kinds or state.kind in kinds) and (status is None or state.status is status)
        ]

    def assessment_template(self, kind: TemplateKind) -> Template:
        """The questionnaire of a kind of assessment, e.g. to lay out a pre-scan before it
        is saved."""
        from governance.dpia.templates import template_for

        self.require(Permission.ASSESS, "read the assessment templates")
        return template_for(kind)

    def assessable_datasets(self) -> list[DatasetChoice]:
        """The registered datasets an assessment can cover."""
        self.require(Permission.ASSESS, "start an assessment")
        with self.store.reading() as connection:
            return assessment_queries.dataset_choices(connection)

    def assessment_abilities(self, assessment_id: int) -> Abilities:
        """The steps the workflow allows the acting person's roles now. Whether this person
        wrote part of it (separation of duties), whether every required question is
        answered and whether the DPO has advised are left to the step itself, which says
        so when it refuses."""
        from governance.dpia.templates import template_for

        self.require(Permission.ASSESS, "work on assessments")
        with self.store.reading() as connection:
            state = assessments.get(connection, assessment_id)
            roles = users.roles_of(connection, self.actor)
        template = template_for(state.kind)
        offered = {
            step
            for step in (*STEPS, EventType.ANSWERED, EventType.REVISED, EventType.COMMENTED)
            if _allowed_by_roles_and_status(state, template, step, roles)
        }
        return Abilities(
            edit=bool(offered & {EventType.ANSWERED, EventType.REVISED}),
            comment=EventType.COMMENTED in offered,
            steps=tuple(step for step in STEPS if step in offered),
        )

    def risk_register(self, assessment_id: int, version: int | None = None) -> RiskRegister:
        """The risks of an assessment (as `version` ended, else now) and how many lie in
        each cell of the likelihood x impact matrix, before and after their measures."""
        from governance.dpia.templates import template_for

        self.require(Permission.ASSESS, "read the assessments")
        with self.store.reading() as connection:
            state = assessments.get(connection, assessment_id, version)
        template = template_for(state.kind)
        question = next((q.id for q in template.questions if q.type is AnswerType.RISK_LIST), None)
        risks = state.risks(template)
        inherent = Counter((r.likelihood, r.impact) for r in risks)
        residual = Counter(
            (r.residual_likelihood, r.residual_impact) for r in risks if r.residual_level
        )
        cells = [
            HeatCell(
                likelihood,
                impact,
                level(likelihood, impact),
                inherent[likelihood, impact],
                residual[likelihood, impact],
            )
            for likelihood in Grade
            for impact in Grade
        ]
        return RiskRegister(question, risks, cells)


def _allowed_by_roles_and_status(
    state: Assessment, template: Template, step: EventType, roles: frozenset[Role]
) -> bool:
    """Whether the domain's workflow check lets these roles take `step` from the present
    status, asked of the assessment as if every other condition held: all questions
    answered, the DPO's advice given, and taken by someone who wrote none of it."""
    ready = replace(
        state,
        answers={question.id: True for question in template.questions},
        advice=state.advice or Advice(ADVICE_POSITIONS[0], "", "", ""),
    )
    probe = Event(step, "", "", {"position": ADVICE_POSITIONS[0], "note": "-"})
    try:
        check(ready, probe, Actor("", roles), template, date.today())  # "": wrote nothing
    except WorkflowError:
        return False
    return True
