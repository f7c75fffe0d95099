"""An assessment laid out for reading: what the Markdown and PDF exports render.

`build_report` turns the replayed state and its template into plain texts in one language
(Dutch by default), so the renderers only lay out; they hold no rules and no lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from governance.domain.assessment import Advice, Assessment, Comment, SignOff
from governance.domain.prescan import Outcome
from governance.domain.risks import Grade, Risk
from governance.domain.templates import AnswerType, Question, Template

SUMMARY_QUESTION = "managementsamenvatting"


@dataclass(frozen=True)
class ReportAnswer:
    question_id: str
    question: str
    reference: str
    answer: str  # "" when unanswered
    required: bool


@dataclass(frozen=True)
class ReportPart:
    id: str
    title: str
    reference: str
    answers: tuple[ReportAnswer, ...]

    @property
    def answered(self) -> int:
        return sum(bool(a.answer) for a in self.answers)


@dataclass(frozen=True)
class ReportDataset:
    id: str
    title: str
    organisation: str


@dataclass(frozen=True)
class Report:
    language: str  # "nl" or "en"
    assessment_id: int
    version: int
    status: str
    title: str
    template_title: str
    template_version: str
    datasets: tuple[ReportDataset, ...]
    author: str
    created_at: str
    summary: str
    parts: tuple[ReportPart, ...]
    risks: tuple[Risk, ...]
    advice: Advice | None
    sign_off: SignOff | None
    comments: tuple[Comment, ...] = ()
    review_needed: tuple[str, ...] = ()
    prescan: Outcome | None = None
    matrix_reference: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def matrix(self) -> dict[tuple[Grade, Grade], list[str]]:
        """Risk ids per (likelihood, impact) cell, for the heat map."""
        cells: dict[tuple[Grade, Grade], list[str]] = {
            (likelihood, impact): [] for likelihood in Grade for impact in Grade
        }
        for risk in self.risks:
            cells[(risk.likelihood, risk.impact)].append(risk.id)
        return cells


_YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}


def answer_text(question: Question, value: Any, language: str) -> str:
    """An answer as a reader sees it: option labels, ja/nee, names with roles."""
    if value is None:
        return ""
    kind = question.type
    if kind is AnswerType.YES_NO:
        yes, no = _YES_NO[language]
        return yes if value else no
    labels = {o.id: o.label.in_language(language) for o in question.options}
    if kind is AnswerType.CHOICE:
        return labels.get(value, str(value))
    if kind is AnswerType.MULTI_CHOICE:
        return ", ".join(labels.get(v, str(v)) for v in value)
    if kind is AnswerType.PEOPLE:
        return "; ".join(
            f"{p['name']} ({p['role']})" if p.get("role") else p["name"] for p in value
        )
    if kind is AnswerType.RISK_LIST:
        return ", ".join(f"{r['id']}: {r['description']}" for r in value)
    return str(value)


def build_report(
    state: Assessment,
    template: Template,
    datasets: list[ReportDataset],
    language: str = "nl",
    review_needed: tuple[str, ...] = (),
    prescan: Outcome | None = None,
) -> Report:
    from governance.domain.risks import MATRIX_REFERENCE

    parts = tuple(
        ReportPart(
            part.id,
            part.title.in_language(language),
            part.reference,
            tuple(
                ReportAnswer(
                    q.id,
                    q.text.in_language(language),
                    q.reference,
                    answer_text(q, state.answers.get(q.id), language),
                    q.required,
                )
                for q in part.questions
            ),
        )
        for part in template.parts
    )
    return Report(
        language=language,
        assessment_id=state.id,
        version=state.version,
        status=state.status.value,
        title=state.title,
        template_title=template.title.in_language(language),
        template_version=state.template_version,
        datasets=tuple(datasets),
        author=state.author,
        created_at=state.created_at,
        summary=str(state.answers.get(SUMMARY_QUESTION, "")),
        parts=parts,
        risks=tuple(state.risks(template)),
        advice=state.advice,
        sign_off=state.sign_off,
        comments=state.comments,
        review_needed=review_needed,
        prescan=prescan,
        matrix_reference=MATRIX_REFERENCE,
    )
