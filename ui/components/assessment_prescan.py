"""The DPIA pre-scan as a guided questionnaire: choose the datasets, see which answers
their registrations and scans suggest and why (prefilled, for the author to confirm or
change), watch the outcome and its reasons follow the answers, and save it for the gate.
"""

from __future__ import annotations

import zlib
from typing import Any

import streamlit as st

from governance.domain.prescan import Outcome
from governance.domain.templates import AnswerType, Question, Template, TemplateKind
from governance.dpia_service import PrescanView
from governance.services import Governance
from ui.components import assessment_data
from ui.components.assessment_feedback import act, feedback
from ui.components.assessment_list import OPENED, dataset_names, open_assessment
from ui.components.assessment_questions import answer_input, to_answer
from ui.components.safe import plain
from ui.components.texts import language, t

Fields = dict[str, tuple[Question, str]]  # question id -> (question, widget key)


def prescan_form(gov: Governance, scope: str) -> None:
    """The questionnaire; once saved, the pre-scan opens in the list of assessments."""
    choices = dataset_names(gov)
    chosen = st.multiselect(
        t("dpia.prescan.datasets"),
        list(choices),
        format_func=choices.__getitem__,
        key=f"{scope}.prescan.datasets",
        placeholder=t("dpia.choose_datasets"),
    )
    if not chosen:
        st.info(t("dpia.prescan.choose"))
        return
    dataset_ids = tuple(chosen)
    template = gov.assessment_template(TemplateKind.PRESCAN)
    evidence = {
        s.question: s.evidence for s in assessment_data.prescan(gov, dataset_ids, {}).suggestions
    }
    # A new choice of datasets starts a fresh questionnaire, prefilled from its suggestions.
    prefix = f"{scope}.prescan.{zlib.crc32('|'.join(dataset_ids).encode()):08x}"
    fields = {q.id: (q, f"{prefix}.{q.id}") for q in template.questions}
    st.caption(t("dpia.prescan.intro", count=len(evidence)))
    # The outcome above the questions it follows: drawn once they have been read.
    outcome = st.container(border=True)
    st.button(
        t("dpia.prescan.others_no"),
        key=f"{prefix}.others_no",
        on_click=_others_no,
        args=(fields,),
    )
    answers = _questionnaire(template, fields, evidence)
    with outcome:
        outcome_box(assessment_data.prescan(gov, dataset_ids, answers).outcome, template)
    where = f"{scope}.prescan"
    st.button(
        t("dpia.prescan.save"),
        key=f"{prefix}.save",
        type="primary",
        on_click=_save,
        args=(scope, where, dataset_ids, fields),
    )
    feedback(where)


def _questionnaire(
    template: Template, fields: Fields, evidence: dict[str, tuple[str, ...]]
) -> dict[str, Any]:
    """Every question part by part, suggestions prefilled with their evidence beside
    them; returns the answers given so far."""
    answers = {}
    for part in template.parts:
        with st.expander(plain(part.title.in_language(language())), expanded=True):
            if part.intro:
                st.caption(plain(part.intro.in_language(language())))
            for question in part.questions:
                value = answer_input(
                    question, None, fields[question.id][1], suggested=question.id in evidence
                )
                if question.id in evidence:
                    st.caption(t("dpia.suggested"))
                    st.text("\n".join(evidence[question.id]))
                answer = to_answer(question, value)
                if answer is not None:
                    answers[question.id] = answer
    return answers


def _answers(fields: Fields) -> dict[str, Any]:
    given = {qid: to_answer(q, st.session_state.get(key)) for qid, (q, key) in fields.items()}
    return {qid: answer for qid, answer in given.items() if answer is not None}


def _others_no(fields: Fields) -> None:
    """Answer "no" to every yes/no question still open (the CLI's --others-no)."""
    for question, key in fields.values():
        if question.type is AnswerType.YES_NO and st.session_state.get(key) is None:
            st.session_state[key] = False


def _save(scope: str, where: str, dataset_ids: tuple[str, ...], fields: Fields) -> None:
    answers = _answers(fields)
    saved: PrescanView | None = act(
        where,
        lambda view: t(
            "dpia.prescan.saved",
            id=view.assessment.id,
            outcome=t(f"dpia.outcome.{view.outcome.requirement.value}"),
        ),
        lambda gov: gov.prescan(list(dataset_ids), answers, save=True),
        done_at=OPENED,
    )
    if saved is not None and saved.assessment is not None:
        open_assessment(scope, saved.assessment.id)


def outcome_box(outcome: Outcome, template: Template) -> None:
    """The pre-scan's outcome with the answers that decided it and the rule it applies."""
    requirement = outcome.requirement.value
    box = {"required": st.warning, "recommended": st.info}.get(requirement, st.success)
    box(t(f"dpia.outcome.{requirement}"))
    texts = {q.id: q.text.in_language(language()) for q in template.questions}
    for criterion, question_ids in outcome.decided_by.items():
        st.markdown(f"**{t(f'dpia.criterion.{criterion.value}')}**")
        st.markdown("\n".join(f"- {plain(texts[qid])}" for qid in question_ids))
    if outcome.iama_needed:
        st.info(t("dpia.outcome.iama"))
    if outcome.childrens_rights:
        st.info(t("dpia.outcome.children"))
    if outcome.unanswered:
        st.caption(t("dpia.outcome.unanswered", count=len(outcome.unanswered)))
    st.caption(plain(outcome.reference))
