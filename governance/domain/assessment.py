"""An assessment (pre-scan, DPIA, IAMA, DEDA) as a sequence of events, and its workflow.

The store keeps events, never a mutable document: who answered what, who submitted,
commented, advised, approved — each event immutable and audited. The state of an
assessment is what the events add up to (`replay`), and `apply` refuses an event the
workflow or the separation of duties does not allow, with a reason that says who may.

    draft -> submitted -> in_review -> changes_requested -> submitted -> ...
                                    -> approved | rejected
    approved -> (an edit) a new version in draft; the approved version stays frozen
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from governance.domain.durations import RetentionPeriod, add_period
from governance.domain.risks import Risk
from governance.domain.roles import Role
from governance.domain.templates import AnswerType, Question, Template, TemplateKind

DEFAULT_REVIEW_PERIOD = RetentionPeriod(years=1)  # AVG art. 35(11): review when risks change


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def editable(self) -> bool:
        return self in (Status.DRAFT, Status.CHANGES_REQUESTED)


class EventType(StrEnum):
    CREATED = "created"
    ANSWERED = "answered"
    SUBMITTED = "submitted"
    REVIEW_STARTED = "review_started"
    COMMENTED = "commented"
    CHANGES_REQUESTED = "changes_requested"
    ADVISED = "advised"  # the DPO's advice (AVG art. 35(2))
    APPROVED = "approved"
    REJECTED = "rejected"
    REVISED = "revised"  # a new version in draft after approval or rejection


class WorkflowError(Exception):
    """An event the workflow or the separation of duties does not allow (with who may)."""


@dataclass(frozen=True)
class Event:
    type: EventType
    actor: str
    at: str  # ISO 8601 UTC
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type.value, "actor": self.actor, "at": self.at, "data": self.data}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(EventType(data["type"]), data["actor"], data["at"], dict(data["data"]))


@dataclass(frozen=True)
class Comment:
    question: str
    text: str
    by: str
    at: str
    version: int


@dataclass(frozen=True)
class Advice:
    """The DPO's advice: their position and what they say."""

    position: str  # "positive", "conditional" or "negative"
    text: str
    by: str
    at: str


@dataclass(frozen=True)
class SignOff:
    """Who decided, when, on which version: approved (until `review_by`) or rejected."""

    approved: bool
    by: str
    at: str
    version: int
    note: str = ""
    review_by: date | None = None
    covered: dict[str, Any] = field(default_factory=dict)  # dataset -> what was assessed


ADVICE_POSITIONS = ("positive", "conditional", "negative")


@dataclass(frozen=True)
class Assessment:
    """The state the events add up to; `version` rises with each revision."""

    id: int
    kind: TemplateKind
    template: str
    template_version: str
    title: str
    datasets: tuple[str, ...]
    author: str
    created_at: str
    version: int = 1
    status: Status = Status.DRAFT
    answers: dict[str, Any] = field(default_factory=dict)
    answered_by: dict[str, str] = field(default_factory=dict)
    comments: tuple[Comment, ...] = ()
    advice: Advice | None = None
    sign_off: SignOff | None = None
    approved_versions: tuple[SignOff, ...] = ()  # every approval, the latest last

    @property
    def writers(self) -> frozenset[str]:
        """Everyone who wrote any of it: the author and all who answered, in any version.
        None of them may review, advise on or approve it."""
        return frozenset({self.author, *self.answered_by.values()})

    @property
    def in_force(self) -> SignOff | None:
        """The latest approval, which holds while a revision is being written."""
        return self.approved_versions[-1] if self.approved_versions else None

    def risks(self, template: Template) -> list[Risk]:
        return [
            Risk.from_json(item)
            for q in template.questions
            if q.type is AnswerType.RISK_LIST
            for item in self.answers.get(q.id, [])
        ]


def unanswered(assessment: Assessment, template: Template) -> list[Question]:
    """Required questions without an answer, in template order."""
    return [q for q in template.questions if q.required and q.id not in assessment.answers]


def completeness(assessment: Assessment, template: Template) -> list[tuple[str, int, int]]:
    """Per part: (part id, answered, questions)."""
    return [
        (part.id, sum(q.id in assessment.answers for q in part.questions), len(part.questions))
        for part in template.parts
    ]


def replay(assessment_id: int, events: list[Event], version: int | None = None) -> Assessment:
    """The state after every event, in order (the first is the creation); with `version`,
    the state that version ended in, so an approved version stays readable after edits."""
    first = events[0]
    if first.type is not EventType.CREATED:
        raise ValueError(f"assessment {assessment_id} does not start with its creation")
    state = Assessment(
        id=assessment_id,
        kind=TemplateKind(first.data["kind"]),
        template=first.data["template"],
        template_version=first.data["template_version"],
        title=first.data["title"],
        datasets=tuple(first.data["datasets"]),
        author=first.actor,
        created_at=first.at,
    )
    for event in events[1:]:
        if event.type is EventType.REVISED and state.version == version:
            break
        state = advance(state, event)
    if version is not None and state.version != version:
        raise ValueError(f"assessment {assessment_id} has no version {version}")
    return state


def advance(state: Assessment, event: Event) -> Assessment:
    """The state after one more event (the step `replay` takes for each)."""
    data = event.data
    kind = event.type
    if kind is EventType.ANSWERED:
        answers, by = dict(state.answers), dict(state.answered_by)
        if data["value"] is None:
            answers.pop(data["question"], None)
            by.pop(data["question"], None)
        else:
            answers[data["question"]], by[data["question"]] = data["value"], event.actor
        return replace(state, answers=answers, answered_by=by)
    if kind is EventType.COMMENTED:
        comment = Comment(data["question"], data["text"], event.actor, event.at, state.version)
        return replace(state, comments=(*state.comments, comment))
    if kind is EventType.ADVISED:
        advice = Advice(data["position"], data["text"], event.actor, event.at)
        return replace(state, advice=advice)
    if kind in (EventType.APPROVED, EventType.REJECTED):
        review_by = data.get("review_by")
        sign_off = SignOff(
            kind is EventType.APPROVED,
            event.actor,
            event.at,
            state.version,
            data.get("note", ""),
            date.fromisoformat(review_by) if review_by else None,
            dict(data.get("covered", {})),
        )
        return replace(
            state,
            status=Status.APPROVED if sign_off.approved else Status.REJECTED,
            sign_off=sign_off,
            approved_versions=state.approved_versions + ((sign_off,) if sign_off.approved else ()),
        )
    if kind is EventType.REVISED:
        return replace(
            state, version=state.version + 1, status=Status.DRAFT, advice=None, sign_off=None
        )
    if kind is EventType.CHANGES_REQUESTED:  # advice on answers that will change is void
        return replace(state, status=Status.CHANGES_REQUESTED, advice=None)
    return replace(state, status=_NEXT_STATUS[kind])


_NEXT_STATUS = {
    EventType.SUBMITTED: Status.SUBMITTED,
    EventType.REVIEW_STARTED: Status.IN_REVIEW,
}


# --- the workflow: who may do what, when -------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    name: str
    roles: frozenset[Role]


def check(state: Assessment, event: Event, actor: Actor, template: Template, today: date) -> Event:
    """The event, if the workflow and the roles allow it (approval gets its review date);
    otherwise a `WorkflowError` saying why and who may."""
    rule = _RULES[event.type]
    if state.status not in rule.from_statuses:
        allowed = ", ".join(s.value for s in rule.from_statuses)
        raise WorkflowError(
            f"assessment {state.id} v{state.version} is {state.status.value}; "
            f"'{event.type.value}' is possible only when it is {allowed}"
        )
    if rule.roles and not (actor.roles & rule.roles):
        need = " or ".join(role.value for role in sorted(rule.roles))
        mine = ", ".join(r.value for r in sorted(actor.roles)) or "no role"
        raise WorkflowError(
            f"'{event.type.value}' needs the role {need}; {actor.name} has {mine} "
            "(an admin grants roles: governance users add NAME --role ROLE)"
        )
    if rule.not_the_author and actor.name in state.writers:
        raise WorkflowError(
            f"{actor.name} wrote (part of) assessment {state.id} and may not {rule.verb} it: "
            "the separation of duties asks someone who did not write it"
        )
    if event.type is EventType.SUBMITTED:
        missing = unanswered(state, template)
        if missing:
            raise WorkflowError(
                f"assessment {state.id} cannot be submitted: required questions are "
                f"unanswered: {', '.join(q.id for q in missing)}"
            )
    if event.type is EventType.APPROVED:
        return _checked_approval(state, event, today)
    if event.type is EventType.ADVISED and event.data.get("position") not in ADVICE_POSITIONS:
        raise WorkflowError(f"the advice's position is one of: {', '.join(ADVICE_POSITIONS)}")
    return event


def _checked_approval(state: Assessment, event: Event, today: date) -> Event:
    if state.kind is TemplateKind.DPIA and state.advice is None:
        raise WorkflowError(
            f"assessment {state.id} needs the DPO's advice before approval (AVG art. 35(2)); "
            "the DPO records it with: governance dpia advise"
        )
    if state.advice and state.advice.position == "negative" and not event.data.get("note"):
        raise WorkflowError(
            "the DPO advised against it: approving needs a note that says why the advice "
            "is set aside (--note), for accountability (AVG art. 5(2))"
        )
    review_by = event.data.get("review_by") or add_period(today, DEFAULT_REVIEW_PERIOD).isoformat()
    if date.fromisoformat(review_by) <= today:
        raise WorkflowError(f"the review date {review_by} must lie after today ({today})")
    return replace(event, data={**event.data, "review_by": review_by})


@dataclass(frozen=True)
class _Rule:
    from_statuses: tuple[Status, ...]
    roles: frozenset[Role]
    not_the_author: bool = False
    verb: str = ""


_EDITORS = frozenset({Role.STEWARD, Role.PRIVACY_OFFICER})
_RULES = {
    EventType.ANSWERED: _Rule((Status.DRAFT, Status.CHANGES_REQUESTED), _EDITORS),
    EventType.SUBMITTED: _Rule((Status.DRAFT, Status.CHANGES_REQUESTED), _EDITORS),
    EventType.REVIEW_STARTED: _Rule(
        (Status.SUBMITTED,), frozenset({Role.PRIVACY_OFFICER}), True, "review"
    ),
    EventType.COMMENTED: _Rule(
        (Status.SUBMITTED, Status.IN_REVIEW), frozenset({Role.PRIVACY_OFFICER, Role.DPO})
    ),
    EventType.CHANGES_REQUESTED: _Rule(
        (Status.IN_REVIEW,), frozenset({Role.PRIVACY_OFFICER}), True, "review"
    ),
    EventType.ADVISED: _Rule((Status.IN_REVIEW,), frozenset({Role.DPO}), True, "advise on"),
    EventType.APPROVED: _Rule(
        (Status.IN_REVIEW,), frozenset({Role.PRIVACY_OFFICER}), True, "approve"
    ),
    EventType.REJECTED: _Rule(
        (Status.IN_REVIEW,), frozenset({Role.PRIVACY_OFFICER}), True, "reject"
    ),
    EventType.REVISED: _Rule((Status.APPROVED, Status.REJECTED), _EDITORS),
}
