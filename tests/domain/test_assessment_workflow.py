"""The assessment workflow on a small template: replay, separation of duties, freezing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from governance.domain.answers import parse_answer
from governance.domain.assessment import (
    Actor,
    Assessment,
    Event,
    EventType,
    Status,
    WorkflowError,
    check,
    completeness,
    replay,
    unanswered,
)
from governance.domain.risks import Grade, Risk, level
from governance.domain.roles import Role
from governance.domain.templates import Question, Template

TODAY = date(2026, 11, 28)


def template(kind: str = "dpia") -> Template:
    def question(qid: str, qtype: str = "text", required: bool = True, **extra: Any) -> dict:
        return {
            "id": qid,
            "text": {"nl": f"Vraag {qid}", "en": f"Question {qid}"},
            "help": {"nl": "Hulp", "en": "Help"},
            "type": qtype,
            "required": required,
            "reference": f"Model DPIA, {qid}",
            **extra,
        }

    return Template.model_validate(
        {
            "id": "mini",
            "kind": kind,
            "version": "1",
            "title": {"nl": "Mini", "en": "Mini"},
            "reference": "test",
            "parts": [
                {
                    "id": "a",
                    "title": {"nl": "A", "en": "A"},
                    "reference": "A",
                    "questions": [question("doel"), question("opmerking", required=False)],
                },
                {
                    "id": "c",
                    "title": {"nl": "C", "en": "C"},
                    "reference": "C",
                    "questions": [question("risicos", "risk_list")],
                },
            ],
        }
    )


AUTHOR = Actor("stef", frozenset({Role.STEWARD}))
OFFICER = Actor("petra", frozenset({Role.PRIVACY_OFFICER}))
DPO = Actor("frank", frozenset({Role.DPO}))
ANALYST = Actor("anna", frozenset({Role.ANALYST}))
RISK = {"id": "r1", "description": "Heridentificatie", "likelihood": "medium", "impact": "high"}


class Flow:
    """An assessment and its events, applied through the workflow check."""

    def __init__(self, kind: str = "dpia") -> None:
        self.template = template(kind)
        created = Event(
            EventType.CREATED,
            AUTHOR.name,
            "2026-11-01T09:00:00+00:00",
            {
                "kind": kind,
                "template": "mini",
                "template_version": "1",
                "title": "T",
                "datasets": ["wmo-wachtlijst"],
            },
        )
        self.events = [created]

    @property
    def state(self) -> Assessment:
        return replay(1, self.events)

    def do(self, actor: Actor, kind: EventType, **data: Any) -> Assessment:
        event = Event(kind, actor.name, f"2026-11-{len(self.events) + 1:02d}T10:00:00+00:00", data)
        self.events.append(check(self.state, event, actor, self.template, TODAY))
        return self.state

    def answer_all(self) -> None:
        self.do(AUTHOR, EventType.ANSWERED, question="doel", value="Sturen op wachttijden")
        self.do(AUTHOR, EventType.ANSWERED, question="risicos", value=[RISK])


def test_the_full_walk_from_draft_to_approval() -> None:
    flow = Flow()
    flow.answer_all()
    assert flow.do(AUTHOR, EventType.SUBMITTED).status is Status.SUBMITTED
    flow.do(OFFICER, EventType.REVIEW_STARTED)
    flow.do(OFFICER, EventType.COMMENTED, question="doel", text="Welke wachttijden precies?")
    assert flow.do(OFFICER, EventType.CHANGES_REQUESTED).status is Status.CHANGES_REQUESTED
    flow.do(AUTHOR, EventType.ANSWERED, question="doel", value="Wachttijd besluit tot start")
    flow.do(AUTHOR, EventType.SUBMITTED)
    flow.do(OFFICER, EventType.REVIEW_STARTED)
    flow.do(DPO, EventType.ADVISED, position="positive", text="Akkoord met maatregelen")
    state = flow.do(OFFICER, EventType.APPROVED)
    assert state.status is Status.APPROVED
    assert state.sign_off is not None and state.sign_off.review_by == date(2027, 11, 28)
    assert state.comments[0].question == "doel" and state.comments[0].by == "petra"
    assert state.answers["doel"] == "Wachttijd besluit tot start"


def test_the_author_may_not_approve_their_own_assessment() -> None:
    flow = Flow()
    flow.answer_all()
    flow.do(AUTHOR, EventType.SUBMITTED)
    author_as_officer = Actor("stef", frozenset({Role.STEWARD, Role.PRIVACY_OFFICER}))
    with pytest.raises(
        WorkflowError, match=r"stef wrote \(part of\) assessment 1 and may not review it"
    ):
        flow.do(author_as_officer, EventType.REVIEW_STARTED)
    flow.do(OFFICER, EventType.REVIEW_STARTED)
    flow.do(DPO, EventType.ADVISED, position="positive", text="ok")
    with pytest.raises(WorkflowError, match="may not approve it"):
        flow.do(author_as_officer, EventType.APPROVED)


@pytest.mark.parametrize(
    ("actor", "kind", "message"),
    [
        (ANALYST, EventType.REVIEW_STARTED, "needs the role privacy_officer; anna has analyst"),
        (AUTHOR, EventType.REVIEW_STARTED, "needs the role privacy_officer"),
        (OFFICER, EventType.ADVISED, "needs the role dpo"),
    ],
)
def test_roles_decide_who_acts(actor: Actor, kind: EventType, message: str) -> None:
    flow = Flow()
    flow.answer_all()
    flow.do(AUTHOR, EventType.SUBMITTED)
    if kind is EventType.ADVISED:
        flow.do(OFFICER, EventType.REVIEW_STARTED)
    with pytest.raises(WorkflowError, match=message):
        flow.do(actor, kind, position="positive", text="x")


def test_submission_with_a_required_question_unanswered_names_it() -> None:
    flow = Flow()
    flow.do(AUTHOR, EventType.ANSWERED, question="doel", value="x")
    with pytest.raises(WorkflowError, match="required questions are unanswered: risicos"):
        flow.do(AUTHOR, EventType.SUBMITTED)


def test_a_dpia_needs_the_dpo_advice_before_approval_but_a_deda_does_not() -> None:
    for kind, needs_advice in (("dpia", True), ("deda", False)):
        flow = Flow(kind)
        flow.answer_all()
        flow.do(AUTHOR, EventType.SUBMITTED)
        flow.do(OFFICER, EventType.REVIEW_STARTED)
        if needs_advice:
            with pytest.raises(WorkflowError, match=r"DPO's advice before approval"):
                flow.do(OFFICER, EventType.APPROVED)
        else:
            assert flow.do(OFFICER, EventType.APPROVED).status is Status.APPROVED


def test_an_approved_assessment_is_frozen_and_a_revision_starts_version_2() -> None:
    flow = Flow()
    flow.answer_all()
    flow.do(AUTHOR, EventType.SUBMITTED)
    flow.do(OFFICER, EventType.REVIEW_STARTED)
    flow.do(DPO, EventType.ADVISED, position="conditional", text="ok")
    flow.do(OFFICER, EventType.APPROVED)
    with pytest.raises(WorkflowError, match="is approved; 'answered' is possible only when"):
        flow.do(AUTHOR, EventType.ANSWERED, question="doel", value="anders")
    state = flow.do(AUTHOR, EventType.REVISED)
    assert (state.version, state.status, state.advice) == (2, Status.DRAFT, None)
    assert state.in_force is not None and state.in_force.version == 1
    flow.do(AUTHOR, EventType.ANSWERED, question="doel", value="anders")
    assert flow.state.answers["doel"] == "anders"


def test_a_review_date_in_the_past_is_refused() -> None:
    flow = Flow("deda")
    flow.answer_all()
    flow.do(AUTHOR, EventType.SUBMITTED)
    flow.do(OFFICER, EventType.REVIEW_STARTED)
    with pytest.raises(WorkflowError, match="must lie after today"):
        flow.do(OFFICER, EventType.APPROVED, review_by="2026-01-01")


def test_completeness_per_part() -> None:
    flow = Flow()
    flow.do(AUTHOR, EventType.ANSWERED, question="doel", value="x")
    assert completeness(flow.state, flow.template) == [("a", 1, 2), ("c", 0, 1)]
    assert [q.id for q in unanswered(flow.state, flow.template)] == ["risicos"]


@pytest.mark.parametrize(
    ("likelihood", "impact", "expected"),
    [
        ("low", "low", "low"),
        ("low", "high", "medium"),
        ("high", "medium", "high"),
        ("medium", "medium", "medium"),
        ("high", "low", "medium"),
    ],
)
def test_the_risk_matrix(likelihood: str, impact: str, expected: str) -> None:
    assert level(Grade(likelihood), Grade(impact)) is Grade(expected)


def test_a_risk_carries_measures_and_a_residual_level() -> None:
    risk = Risk.from_json(
        {
            **RISK,
            "measures": [{"description": "Pseudonimiseren", "owner": "CISO", "due": "2027-01-01"}],
            "residual_likelihood": "low",
            "residual_impact": "medium",
        }
    )
    assert (risk.level, risk.residual_level) == (Grade.HIGH, Grade.LOW)
    assert Risk.from_json(risk.to_json()) == risk


def a_question(qtype: str) -> Question:
    return Question.model_validate(
        {
            "id": "q",
            "text": {"nl": "v", "en": "q"},
            "help": {"nl": "h", "en": "h"},
            "type": qtype,
            "reference": "r",
        }
    )


@pytest.mark.parametrize(
    ("qtype", "raw", "stored"),
    [
        ("yes_no", "Ja", True),
        ("yes_no", "nee", False),
        ("date", "2026-05-01", "2026-05-01"),
        ("date", datetime(2026, 5, 1, 10, 0), "2026-05-01"),
        ("people", [{"name": "Petra", "role": None}], [{"name": "Petra", "role": ""}]),
        (
            "people",
            "Petra (FG); Stef",
            [{"name": "Petra", "role": "FG"}, {"name": "Stef", "role": ""}],
        ),
    ],
)
def test_answers_are_parsed_by_type(qtype: str, raw: Any, stored: Any) -> None:
    question = a_question(qtype)
    assert parse_answer(question, raw) == stored


@pytest.mark.parametrize(
    ("qtype", "raw", "message"),
    [
        ("yes_no", "misschien", "answer ja or nee"),
        ("date", "1 mei", "give a date as YYYY-MM-DD"),
        ("risk_list", [{"id": "r"}], "a risk needs description, likelihood, impact"),
        ("risk_list", [{**RISK, "likelihood": "groot"}], "likelihood 'groot' is not one of"),
        ("text", "  ", "give a text"),
        ("text", ["a", "b"], "give one text, not a list"),
    ],
)
def test_bad_answers_say_what_is_expected(qtype: str, raw: Any, message: str) -> None:
    question = a_question(qtype)
    with pytest.raises(ValueError, match=message):
        parse_answer(question, raw)


def test_one_affected_right_may_be_written_as_text() -> None:
    assert Risk.from_json({**RISK, "rights": "privacy"}).rights == ("privacy",)
