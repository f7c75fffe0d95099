"""The workflow of an assessment on screen: the steps the signed-in person's roles allow
in its present status (submit, take up the review, request changes, the DPO's advice,
approve, reject), and its export as PDF or Markdown.

Which steps show comes from `Governance.assessment_abilities`; whether a step may be
taken — the separation of duties, the DPO's advice before approval, every required
question answered — the services decide when it is clicked, and a refusal is shown here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from governance.assessment_views import Abilities
from governance.domain.assessment import ADVICE_POSITIONS, Assessment, EventType
from governance.services import Governance
from ui.components.assessment_feedback import act, feedback
from ui.components.texts import language, t


def steps(scope: str, state: Assessment, abilities: Abilities) -> None:
    where = f"{scope}.steps.{state.id}"
    if not abilities.steps:
        st.caption(t("dpia.steps.none", status=t(f"dpia.status.{state.status.value}")))
    for step in abilities.steps:
        _DRAW[step](f"{scope}.step.{step.value}.{state.id}", where, state.id)
    feedback(where)


def _take(
    button: Callable[..., Any],
    key: str,
    where: str,
    step: EventType,
    call: Callable[[Governance], Any],
    **options: Any,
) -> None:
    """The button (or a form's submit button) that takes `step` by `call`."""
    button(
        t(f"dpia.step.{step.value}"),
        key=key,
        on_click=act,
        args=(where, t(f"dpia.done.{step.value}"), call),
        **options,
    )


def _button(call: Callable[[Governance, int], Any], step: EventType) -> Callable[..., None]:
    """A step that needs no more than a click."""

    def draw(key: str, where: str, assessment_id: int) -> None:
        _take(st.button, key, where, step, lambda gov: call(gov, assessment_id))

    return draw


def _advise(key: str, where: str, assessment_id: int) -> None:
    positions = {position: t(f"dpia.position.{position}") for position in ADVICE_POSITIONS}
    with st.form(key):
        st.radio(
            t("dpia.advice.position"),
            list(positions),
            format_func=positions.__getitem__,
            horizontal=True,
            key=f"{key}.position",
        )
        st.text_area(t("dpia.advice.text"), key=f"{key}.text")
        _take(
            st.form_submit_button,
            f"{key}.go",
            where,
            EventType.ADVISED,
            lambda gov: gov.advise(
                assessment_id,
                st.session_state[f"{key}.position"],
                st.session_state[f"{key}.text"],
            ),
        )


def _approve(key: str, where: str, assessment_id: int) -> None:
    with st.form(key):
        st.date_input(
            t("dpia.approve.review_by"),
            value=None,
            format="DD-MM-YYYY",
            help=t("dpia.approve.review_by_help"),
            key=f"{key}.review_by",
        )
        st.text_area(t("dpia.approve.note"), help=t("dpia.approve.note_help"), key=f"{key}.note")
        _take(
            st.form_submit_button,
            f"{key}.go",
            where,
            EventType.APPROVED,
            lambda gov: gov.approve(
                assessment_id,
                st.session_state[f"{key}.review_by"],
                st.session_state[f"{key}.note"],
            ),
            type="primary",
        )


def _reject(key: str, where: str, assessment_id: int) -> None:
    with st.form(key):
        st.text_area(t("dpia.reject.reason"), key=f"{key}.reason")
        _take(
            st.form_submit_button,
            f"{key}.go",
            where,
            EventType.REJECTED,
            lambda gov: gov.reject(assessment_id, st.session_state[f"{key}.reason"]),
        )


_DRAW: dict[EventType, Callable[[str, str, int], None]] = {
    EventType.SUBMITTED: _button(lambda gov, a: gov.submit(a), EventType.SUBMITTED),
    EventType.REVIEW_STARTED: _button(lambda gov, a: gov.review(a, {}), EventType.REVIEW_STARTED),
    EventType.CHANGES_REQUESTED: _button(
        lambda gov, a: gov.review(a, {}, request_changes=True), EventType.CHANGES_REQUESTED
    ),
    EventType.ADVISED: _advise,
    EventType.APPROVED: _approve,
    EventType.REJECTED: _reject,
}


def export_buttons(gov: Governance, scope: str, state: Assessment) -> None:
    """PDF and Markdown of the version shown, in the language of the screen; made when
    clicked, not on every rerun."""
    name = f"{state.kind.value}-{state.id}-v{state.version}"
    for fmt, suffix, mime in (
        ("pdf", "pdf", "application/pdf"),
        ("markdown", "md", "text/markdown"),
    ):
        st.download_button(
            t(f"dpia.export.{fmt}"),
            data=partial(gov.export, state.id, fmt, language(), state.version),
            file_name=f"{name}.{suffix}",
            mime=mime,
            key=f"{scope}.export.{fmt}.{state.id}.{state.version}",
            on_click="ignore",
            icon=":material/download:",
        )
