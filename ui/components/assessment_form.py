"""The workspace of one assessment — a DPIA, a pre-scan, an IAMA or a DEDA record — the
same for every template: who wrote it and where it stands, progress per part, the part
chosen with an input per question (for whoever may edit it now) or its answers with a
comment box per question (for a reviewer), the risk register where the template has one,
the workflow steps the person's roles allow, and the export.

Answers and comments are the words of people: they are shown with `st.text`, never
rendered.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import streamlit as st

from governance.assessment_views import Abilities
from governance.domain.assessment import Assessment
from governance.domain.templates import AnswerType, Part, Question, TemplateKind
from governance.dpia_service import AssessmentView
from governance.services import Governance
from ui.components import assessment_data
from ui.components.assessment_feedback import act, feedback, tell
from ui.components.assessment_list import browse
from ui.components.assessment_prescan import outcome_box
from ui.components.assessment_questions import answer_input, changed, show_answer, to_answer
from ui.components.assessment_workflow import export_buttons, steps
from ui.components.risk_matrix import risk_register
from ui.components.safe import plain
from ui.components.texts import language, t

READ_ONLY = Abilities(edit=False, comment=False, steps=())


def browse_and_open(gov: Governance, scope: str, kinds: tuple[TemplateKind, ...]) -> None:
    """The list of assessments of `kinds`, and the workspace of the one opened there."""
    chosen = browse(gov, scope, kinds)
    if chosen is not None:
        workspace(gov, scope, chosen)


def workspace(gov: Governance, scope: str, assessment_id: int) -> None:
    latest = assessment_data.view(gov, assessment_id)
    version = _version(scope, latest.state)
    if version == latest.state.version:
        view, abilities = latest, assessment_data.abilities(gov, assessment_id)
    else:  # an earlier version, e.g. the approved one while a revision is written
        view, abilities = assessment_data.view(gov, assessment_id, version), READ_ONLY
    state = view.state
    _header(view)
    _progress(view)
    # The steps above the questions: a reviewer acts on the whole, and need not scroll
    # past fifty questions to find the approval.
    with st.container(border=True):
        left, right = st.columns([2, 1])
        with left:
            st.markdown(f"**{t('dpia.steps.title')}**")
            steps(scope, state, abilities)
        with right:
            st.markdown(f"**{t('dpia.export.title')}**")
            export_buttons(gov, scope, state)
    if st.toggle(t("dpia.whole_record"), key=f"{scope}.record.{assessment_id}"):
        for part in view.template.parts:
            st.subheader(plain(part.title.in_language(language())), anchor=False)
            _part(gov, scope, view, part, READ_ONLY)
    else:
        _part(gov, scope, view, _chosen_part(scope, view), abilities)


def _version(scope: str, state: Assessment) -> int:
    """The version to show: the latest, or an earlier one chosen (each approved version
    stays readable and exportable)."""
    if state.version == 1:
        return 1
    approved = {sign_off.version for sign_off in state.approved_versions}
    names = {
        v: t("dpia.version_approved" if v in approved else "dpia.version_n", version=v)
        for v in range(state.version, 0, -1)
    }
    return int(
        st.selectbox(
            t("dpia.version"),
            list(names),
            format_func=names.__getitem__,
            key=f"{scope}.version.{state.id}",
        )
    )


def _header(view: AssessmentView) -> None:
    state = view.state
    st.subheader(plain(state.title), anchor=False)
    st.caption(
        t(
            "dpia.header",
            id=state.id,
            kind=t(f"dpia.kind.{state.kind.value}"),
            status=t(f"dpia.status.{state.status.value}"),
            version=state.version,
            author=plain(state.author),
            created=state.created_at[:10],
        )
    )
    st.caption(t("dpia.header_datasets", datasets=plain(", ".join(state.datasets))))
    for reason in view.review_needed:
        st.warning(t("dpia.review_needed", reason=plain(reason)))
    if state.advice:
        advice = state.advice
        st.info(
            t(
                "dpia.advice_given",
                position=t(f"dpia.position.{advice.position}"),
                by=plain(advice.by),
                at=advice.at[:10],
            )
        )
        st.text(advice.text)
    sign_off = state.sign_off
    if sign_off:
        decided = "dpia.approved_by" if sign_off.approved else "dpia.rejected_by"
        (st.success if sign_off.approved else st.error)(
            t(decided, by=plain(sign_off.by), at=sign_off.at[:10], review_by=sign_off.review_by)
        )
        if sign_off.note:
            st.text(sign_off.note)
    elif state.in_force:
        in_force = state.in_force
        st.info(t("dpia.in_force", version=in_force.version, review_by=in_force.review_by))
    if view.prescan:
        outcome_box(view.prescan, view.template)


def _progress(view: AssessmentView) -> None:
    answered = sum(done for _, done, _ in view.progress)
    total = sum(count for _, _, count in view.progress)
    st.progress(
        answered / total if total else 0.0,
        text=t("dpia.progress", answered=answered, total=total, open=len(view.unanswered)),
    )


def _chosen_part(scope: str, view: AssessmentView) -> Part:
    parts = {part.id: part for part in view.template.parts}
    titles = {
        part: f"{parts[part].title.in_language(language())} ({done}/{count})"
        for part, done, count in view.progress
    }
    chosen = st.selectbox(
        t("dpia.part"),
        list(titles),
        format_func=titles.__getitem__,
        key=f"{scope}.part.{view.state.id}",
    )
    return parts[chosen]


def _part(
    gov: Governance, scope: str, view: AssessmentView, part: Part, abilities: Abilities
) -> None:
    """A part's questions: inputs for an editor, comment boxes for a reviewer, otherwise
    read only; the risk register (which edits apart) below them."""
    state = view.state
    if part.intro:
        st.caption(plain(part.intro.in_language(language())))
    st.caption(plain(part.reference))
    if abilities.edit and not state.status.editable:
        st.info(t("dpia.revision_note", version=state.version + 1))
    editable = [q for q in part.questions if q.type is not AnswerType.RISK_LIST]
    where = f"{scope}.part.{state.id}"
    if (abilities.edit and editable) or abilities.comment:
        _form(scope, view, part, abilities, where)
    else:
        for question in part.questions:
            with st.container(border=True):
                _answer(view, question)
    feedback(where)
    for question in part.questions:
        if question.type is AnswerType.RISK_LIST:
            risk_register(gov, scope, state, question, abilities.edit)


def _form(scope: str, view: AssessmentView, part: Part, abilities: Abilities, where: str) -> None:
    state = view.state
    evidence = {s.question: s.evidence for s in view.suggestions}
    fields: list[tuple[Question, str, Any]] = []  # question, widget key, stored answer
    notes: dict[str, str] = {}  # question -> widget key of the comment
    with st.form(f"{scope}.form.{state.id}.{part.id}"):
        for question in part.questions:
            stored = state.answers.get(question.id)
            with st.container(border=True):
                if abilities.edit and question.type is not AnswerType.RISK_LIST:
                    key = f"{scope}.a.{state.id}.{question.id}.{_digest(stored)}"
                    answer_input(question, stored, key, suggested=question.id in evidence)
                    fields.append((question, key, stored))
                    _notes(view, question)
                else:
                    _answer(view, question)
                if abilities.comment:
                    notes[question.id] = f"{scope}.c.{state.id}.{question.id}"
                    st.text_area(t("dpia.comment"), key=notes[question.id], height=68)
        if fields:
            st.form_submit_button(
                t("dpia.save_answers"),
                key=f"{scope}.save.{state.id}.{part.id}",
                type="primary",
                on_click=_save_answers,
                args=(where, state.id, fields),
            )
        if notes:
            st.form_submit_button(
                t("dpia.save_comments"),
                key=f"{scope}.comments.{state.id}.{part.id}",
                on_click=_save_comments,
                args=(where, state.id, notes),
            )


def _answer(view: AssessmentView, question: Question) -> None:
    if question.type is AnswerType.RISK_LIST:
        st.markdown(f"**{plain(question.text.in_language(language()))}**")
        st.caption(t("dpia.risk.below"))
    else:
        show_answer(question, view.state.answers.get(question.id))
    _notes(view, question)


def _notes(view: AssessmentView, question: Question) -> None:
    """What goes with a question: its source, the suggestion and its evidence, who
    answered it, and the reviewers' comments."""
    state = view.state
    st.caption(plain(question.reference))
    for suggestion in view.suggestions:
        if suggestion.question == question.id:
            st.caption(t("dpia.suggested"))
            st.text("\n".join(suggestion.evidence))
    by = state.answered_by.get(question.id)
    if by:
        st.caption(t("dpia.answered_by", name=plain(by)))
    for comment in (c for c in state.comments if c.question == question.id):
        st.caption(
            t(
                "dpia.comment_by",
                name=plain(comment.by),
                at=comment.at[:10],
                version=comment.version,
            )
        )
        st.text(comment.text)


def _digest(stored: Any) -> str:
    """Part of an input's key: when the stored answer changes (by anyone), the input
    starts again from it."""
    return f"{zlib.crc32(json.dumps(stored, sort_keys=True, default=str).encode()):08x}"


def _save_answers(where: str, assessment_id: int, fields: list[tuple[Question, str, Any]]) -> None:
    answers = {
        question.id: to_answer(question, st.session_state.get(key))
        for question, key, stored in fields
        if changed(question, stored, st.session_state.get(key))
    }
    if not answers:
        tell(where, "info", t("dpia.nothing_changed"))
        return
    act(
        where,
        t("dpia.answers_saved", count=len(answers)),
        lambda gov: gov.answer(assessment_id, answers),
    )


def _save_comments(where: str, assessment_id: int, notes: dict[str, str]) -> None:
    comments = {
        question: str(st.session_state.get(key) or "").strip() for question, key in notes.items()
    }
    comments = {question: text for question, text in comments.items() if text}
    if not comments:
        tell(where, "info", t("dpia.no_comments"))
        return
    saved = act(
        where,
        t("dpia.comments_saved", count=len(comments)),
        lambda gov: gov.review(assessment_id, comments),
    )
    if saved is not None:
        for key in notes.values():
            st.session_state[key] = ""
