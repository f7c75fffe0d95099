"""The assessment use cases: users and roles, the DPIA pre-scan, writing, reviewing,
advising on and approving a DPIA, IAMA or DEDA, and exporting it.

Every change is one event, checked by the domain's workflow against the actor's roles
and stored in one transaction with its audit entry. `Governance` takes these as a base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from governance import config
from governance.domain.assessment import (
    Actor,
    Assessment,
    Event,
    EventType,
    Status,
    WorkflowError,
    advance,
    check,
    completeness,
    unanswered,
)
from governance.domain.dpia_state import Approval, DpiaState, recorded_state
from governance.domain.prescan import DatasetFacts, Outcome, Suggestion, outcome, signals
from governance.domain.prescan import suggestions as suggest
from governance.domain.registration import Registration
from governance.domain.roles import Permission, Role
from governance.domain.templates import Template, TemplateKind
from governance.domain.vocabulary import PiiEntity
from governance.errors import BadInputError
from governance.people_service import PeopleUseCases, PermissionDenied
from governance.store import assessments, audit, catalogue_queries, registrations, users

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy.engine import Connection

    from governance.store.catalogue_queries import CurrentDocument


@dataclass(frozen=True)
class PrescanView:
    datasets: list[str]
    signals: dict[str, list[str]]
    suggestions: list[Suggestion]
    answers: dict[str, Any]
    outcome: Outcome  # of the answers given
    suggested: Outcome  # of the answers given with every suggestion confirmed
    assessment: Assessment | None = None  # when saved


@dataclass(frozen=True)
class AssessmentView:
    state: Assessment
    template: Template
    progress: list[tuple[str, int, int]]
    unanswered: list[str]
    review_needed: list[str] = field(default_factory=list)
    prescan: Outcome | None = None
    suggestions: list[Suggestion] = field(default_factory=list)  # unanswered ones


class AssessmentUseCases(PeopleUseCases):
    # --- the pre-scan ------------------------------------------------------------------

    def prescan(
        self,
        dataset_ids: list[str],
        answers: dict[str, Any] | None = None,
        accept_suggestions: bool = False,
        others_no: bool = False,
        save: bool = False,
    ) -> PrescanView:
        """What the registrations and scans suggest, and the outcome of the answers given
        (suggestions count only when accepted). `save` stores it as a pre-scan assessment,
        which the gate then reads."""
        from governance.domain.answers import parse_answer
        from governance.dpia.templates import template_for

        self.require(Permission.ASSESS, "run a DPIA pre-scan")
        template = template_for(TemplateKind.PRESCAN)
        facts = self._facts(dataset_ids)
        found = signals(facts, config.large_scale_rows())
        made = suggest(template, found)
        given: dict[str, Any] = {}
        if accept_suggestions:
            given.update({s.question: True for s in made})
        if others_no:
            given.update(
                {q.id: False for q in template.questions if q.counts_as and q.id not in given}
            )
        for question_id, raw in (answers or {}).items():
            question = _question(template, question_id)
            try:
                given[question_id] = parse_answer(question, raw)
            except ValueError as error:
                raise BadInputError(str(error)) from None
        result = outcome(template, given)
        suggested = outcome(template, {**{s.question: True for s in made}, **given})
        saved = None
        if save:
            saved = self._create(TemplateKind.PRESCAN, dataset_ids, "DPIA pre-scan", given)
        ids = [f.registration.id for f in facts]
        return PrescanView(ids, found, made, given, result, suggested, saved)

    def _facts(self, dataset_ids: list[str]) -> list[DatasetFacts]:
        if not dataset_ids:
            raise BadInputError("name at least one registered dataset")
        with self.store.reading() as connection:
            return _facts(*_registered(connection, dataset_ids))

    # --- writing an assessment --------------------------------------------------------------

    def new_assessment(self, kind: TemplateKind, dataset_ids: list[str], title: str) -> Assessment:
        self.require(Permission.ASSESS, "start an assessment")
        self._facts(dataset_ids)  # every dataset must be registered
        return self._create(kind, dataset_ids, title, {})

    def _create(
        self, kind: TemplateKind, dataset_ids: list[str], title: str, answers: dict[str, Any]
    ) -> Assessment:
        from governance.dpia.templates import template_for

        template = template_for(kind)
        datasets = list(dict.fromkeys(dataset_ids))
        with self.store.writing() as connection:
            actor = self._actor(connection)
            if not actor.roles & {Role.STEWARD, Role.PRIVACY_OFFICER}:
                raise PermissionDenied(
                    f"{actor.name} may not start an assessment: that needs the role steward "
                    "or privacy_officer"
                )
            created = self._event(
                EventType.CREATED,
                kind=kind.value,
                template=template.id,
                template_version=template.version,
                title=title.strip() or template.title.nl,
                datasets=datasets,
            )
            assessment_id = assessments.create(connection, created, datasets)
            for question_id, value in answers.items():
                assessments.append(
                    connection,
                    assessment_id,
                    self._event(EventType.ANSWERED, question=question_id, value=value),
                )
            return assessments.get(connection, assessment_id)

    def answer(self, assessment_id: int, answers: dict[str, Any]) -> Assessment:
        """Record answers (raw text or structures, checked against each question's type).
        An approved or rejected assessment is frozen: the edit starts its next version in
        draft, which needs approval again."""
        from governance.domain.answers import parse_answer

        def events(state: Assessment, template: Template) -> list[Event]:
            parsed = []
            for question_id, raw in answers.items():
                question = _question(template, question_id)
                try:
                    value = None if raw is None else parse_answer(question, raw)
                except ValueError as error:
                    raise BadInputError(str(error)) from None
                parsed.append(self._event(EventType.ANSWERED, question=question_id, value=value))
            frozen = state.status in (Status.APPROVED, Status.REJECTED)
            return [self._event(EventType.REVISED), *parsed] if frozen else parsed

        return self._act(assessment_id, events)

    def submit(self, assessment_id: int) -> Assessment:
        return self._act(assessment_id, lambda s, t: [self._event(EventType.SUBMITTED)])

    def review(
        self, assessment_id: int, comments: dict[str, str], request_changes: bool = False
    ) -> Assessment:
        """Take up the review (a privacy officer, when submitted), comment per question (the
        DPO too), and send it back to the author when changes are needed."""
        with self.store.reading() as connection:
            reviewer = Role.PRIVACY_OFFICER in users.roles_of(connection, self.actor)

        def events(state: Assessment, template: Template) -> list[Event]:
            made = []
            if state.status is Status.SUBMITTED and reviewer:
                made.append(self._event(EventType.REVIEW_STARTED))
            for question_id, text in comments.items():
                _question(template, question_id)
                if not text.strip():
                    raise BadInputError(f"the comment on {question_id} is empty")
                made.append(self._event(EventType.COMMENTED, question=question_id, text=text))
            if request_changes:
                made.append(self._event(EventType.CHANGES_REQUESTED))
            return made

        return self._act(assessment_id, events)

    def advise(self, assessment_id: int, position: str, text: str) -> Assessment:
        if not text.strip():
            raise BadInputError("the DPO's advice needs its text (--text)")
        return self._act(
            assessment_id,
            lambda s, t: [self._event(EventType.ADVISED, position=position, text=text)],
        )

    def approve(
        self, assessment_id: int, review_by: date | None = None, note: str = ""
    ) -> Assessment:
        def events(state: Assessment, template: Template) -> list[Event]:
            with self.store.reading() as connection:
                covered = self._covered(connection, state.datasets)
            data: dict[str, Any] = {"note": note, "covered": covered}
            if review_by is not None:
                data["review_by"] = review_by.isoformat()
            return [self._event(EventType.APPROVED, **data)]

        return self._act(assessment_id, events)

    def reject(self, assessment_id: int, note: str) -> Assessment:
        if not note.strip():
            raise BadInputError("say why the assessment is rejected (--reason)")
        return self._act(assessment_id, lambda s, t: [self._event(EventType.REJECTED, note=note)])

    def _act(self, assessment_id: int, make: Any) -> Assessment:
        """Check each event against the workflow and store them all, or none."""
        from governance.dpia.templates import template_for

        self.require(Permission.ASSESS, "work on an assessment")
        today = date.today()
        with self.store.writing() as connection:
            actor = self._actor(connection)
            state = assessments.get(connection, assessment_id)
            template = template_for(state.kind)
            for event in make(state, template):
                try:
                    checked = check(state, event, actor, template, today)
                except WorkflowError as error:
                    raise PermissionDenied(str(error)) from None
                assessments.append(connection, assessment_id, checked)
                state = advance(state, checked)
            return state

    def _actor(self, connection: Connection) -> Actor:
        return Actor(self.actor, users.roles_of(connection, self.actor))

    def _event(self, event_type: EventType, **data: Any) -> Event:
        return Event(event_type, self.actor, audit.utc_now(), data)

    # --- reading ---------------------------------------------------------------------------

    def assessment(self, assessment_id: int, version: int | None = None) -> AssessmentView:
        """An assessment as it is now, or as `version` ended (an approved version stays
        readable and exportable after a revision)."""
        from governance.dpia.templates import template_for

        self.require(Permission.ASSESS, "read an assessment")
        with self.store.reading() as connection:
            state = assessments.get(connection, assessment_id, version)
            documents, reports = _registered(connection, state.datasets)
        template = template_for(state.kind)
        prescan = outcome(template, state.answers) if state.kind is TemplateKind.PRESCAN else None
        found = signals(_facts(documents, reports), config.large_scale_rows())
        open_suggestions = [s for s in suggest(template, found) if s.question not in state.answers]
        return AssessmentView(
            state,
            template,
            completeness(state, template),
            [q.id for q in unanswered(state, template)],
            reasons_for_review(state, covered_now(documents, reports)),
            prescan,
            open_suggestions,
        )

    def export(
        self, assessment_id: int, fmt: str, language: str = "nl", version: int | None = None
    ) -> bytes:
        """The assessment as Markdown (UTF-8) or PDF, fit to hand to a council or an
        auditor."""
        from governance.dpia.report import ReportDataset, build_report

        view = self.assessment(assessment_id, version)
        with self.store.reading() as connection:
            datasets = [registrations.get(connection, d) for d in view.state.datasets]
        report = build_report(
            view.state,
            view.template,
            [ReportDataset(r.id, r.title, r.organisation) for r in datasets],
            language,
            tuple(view.review_needed),
            view.prescan,
        )
        if fmt == "pdf":
            from governance.dpia.pdf import render_pdf

            return render_pdf(report)
        from governance.dpia.markdown import render_markdown

        return render_markdown(report).encode("utf-8")

    def assessments(self, dataset_id: str | None = None) -> list[Assessment]:
        self.require(Permission.ASSESS, "read assessments")
        with self.store.reading() as connection:
            return assessments.all_states(connection, dataset_id)

    def _covered(self, connection: Connection, dataset_ids: tuple[str, ...]) -> dict[str, Any]:
        """What an approval assesses of its datasets now (`covered_now`)."""
        return covered_now(*_registered(connection, dataset_ids))

    # --- what the gate reads -----------------------------------------------------------------

    def dpia_state(self, registration: Registration, connection: Connection) -> DpiaState:
        """The pre-scan outcome and the DPIA in force for a dataset. An approved pre-scan
        decides the requirement; once a DPIA of the dataset has been decided on here, only
        an approved one counts (a rejection is not undone by an older approval recorded in
        the registration). Without either, the registration's `dpia` record counts."""
        from governance.dpia.templates import template_for

        recorded = recorded_state(registration)
        states = assessments.all_states(connection, registration.id)
        requirement, reasoning = recorded.requirement, recorded.reasoning
        prescans = [s for s in states if s.kind is TemplateKind.PRESCAN and s.in_force]
        if prescans:
            latest = prescans[0]
            assert latest.in_force is not None
            approved = assessments.get(connection, latest.id, latest.in_force.version)
            requirement = outcome(template_for(TemplateKind.PRESCAN), approved.answers).requirement
            reasoning = str(approved.answers.get("onderbouwing") or f"pre-scan {latest.id}")
        approval, review_needed = recorded.approval, False
        decided = [s for s in states if s.kind is TemplateKind.DPIA and (s.in_force or s.sign_off)]
        if decided:
            approval = None
            in_force = [s for s in decided if s.in_force]
            if in_force:
                dpia = in_force[0]
                sign_off = dpia.in_force
                assert sign_off is not None and sign_off.review_by is not None
                approval = Approval(
                    f"assessment {dpia.id} v{sign_off.version}",
                    date.fromisoformat(sign_off.at[:10]),
                    sign_off.review_by,
                )
                current = self._covered(connection, dpia.datasets)
                review_needed = bool(reasons_for_review(dpia, current))
        return DpiaState(requirement, reasoning, approval, review_needed)


def _question(template: Template, question_id: str) -> Any:
    question = template.question(question_id)
    if question is None:
        from difflib import get_close_matches

        near = get_close_matches(question_id, [q.id for q in template.questions], n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise BadInputError(f"template {template.id} has no question '{question_id}'{hint}")
    return question


def _registered(
    connection: Connection, dataset_ids: Iterable[str]
) -> tuple[list[CurrentDocument], dict[str, dict[str, Any]]]:
    """The current registrations of these datasets in the order given (once each), and the
    report of the latest scan of each one's registered data: a sample or a file given in
    its place says nothing about what an assessment assessed. Two queries, whatever the
    number of datasets; an unknown id raises `UnknownDatasetError`."""
    ids = list(dict.fromkeys(dataset_ids))
    found = {d.id: d for d in catalogue_queries.current_documents(connection, ids=ids)}
    for missing in (i for i in ids if i not in found):
        registrations.get(connection, missing)  # raises, naming the datasets it knows
    documents = [found[i] for i in ids if i in found]
    labels = {d.id: d.source_label for d in documents}
    return documents, catalogue_queries.latest_registered_scans(connection, labels)


def _facts(
    documents: list[CurrentDocument], reports: dict[str, dict[str, Any]]
) -> list[DatasetFacts]:
    facts = []
    for current in documents:
        report = reports.get(current.id)
        found = frozenset(
            PiiEntity(e) for c in (report or {}).get("columns", []) for e in c["entities"]
        )
        rows = report["rows"] if report else None
        facts.append(DatasetFacts(Registration.model_validate(current.document), rows, found))
    return facts


def covered_now(
    documents: list[CurrentDocument], reports: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """What an approval's `covered` record says of each dataset, as it is now: the
    registration version, and the personal data the latest scan of its registered data
    found (`column: entity`, sorted; None when never scanned). A change of either asks for
    a review (AVG art. 35(11)); a new scan that finds the same is no change: monthly
    exports must not void a DPIA."""
    return {d.id: {"version": d.version, "found": _found(reports.get(d.id))} for d in documents}


def _found(report: dict[str, Any] | None) -> list[str] | None:
    if report is None:
        return None
    return sorted(f"{c['name']}: {e}" for c in report["columns"] for e in c["entities"])


def reasons_for_review(state: Assessment, current: dict[str, Any]) -> list[str]:
    """Why an approved assessment needs a review: a dataset it covers changed since."""
    sign_off = state.in_force
    if sign_off is None:
        return []
    reasons = []
    for dataset_id, now in current.items():
        then = sign_off.covered.get(dataset_id)
        if then is None:
            continue
        if now["version"] != then["version"]:
            reasons.append(
                f"{dataset_id}: registration version {then['version']} was assessed, "
                f"{now['version']} is current"
            )
        if now["found"] != then["found"]:
            reasons.append(
                f"{dataset_id}: the latest scan finds other personal data than was assessed"
            )
    return reasons
