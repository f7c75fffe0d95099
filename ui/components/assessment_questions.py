"""One question of an assessment template on screen: the input for its answer type, and
the answer read back as text.

A widget shows the stored answer; `changed` tells whether the person altered it, and
`to_answer` turns the widget's value into what the services take (the services check it
against the question's type and say what is wrong). People's answers are shown with
`st.text`, never rendered.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from governance.domain.templates import AnswerType, Question
from governance.dpia.report import answer_text
from ui.components.safe import plain
from ui.components.texts import language, t

YES_NO = (None, True, False)


def label(question: Question) -> str:
    """The question in the chosen language, marked when an answer is required."""
    text = plain(question.text.in_language(language()))
    return f"{text} \\*" if question.required else text


def initial(question: Question, stored: Any, suggested: bool = False) -> Any:
    """The widget value that shows `stored`; an unanswered question a registration or scan
    suggests shows "yes", for the author to confirm by saving."""
    kind = question.type
    if kind is AnswerType.YES_NO:
        return True if stored is None and suggested else stored
    if kind is AnswerType.MULTI_CHOICE:
        return list(stored or [])
    if kind is AnswerType.DATE:
        return date.fromisoformat(stored) if stored else None
    if kind is AnswerType.PEOPLE:
        return "\n".join(_person(p) for p in stored or [])
    if kind is AnswerType.TEXT:
        return stored or ""
    return stored


def changed(question: Question, stored: Any, value: Any) -> bool:
    """Whether the widget's `value` differs from the stored answer."""
    return value != initial(question, stored)


def to_answer(question: Question, value: Any) -> Any:
    """The widget's value as the services take it; None takes an answer back."""
    kind = question.type
    if kind is AnswerType.DATE:
        return value.isoformat() if value else None
    if kind is AnswerType.PEOPLE:
        return [line for line in str(value or "").splitlines() if line.strip()] or None
    if kind in (AnswerType.TEXT, AnswerType.MULTI_CHOICE):
        return value or None
    return value


def answer_input(question: Question, stored: Any, key: str, suggested: bool = False) -> Any:
    """The input for one question (not the risk register: see `risk_matrix`)."""
    value = initial(question, stored, suggested)
    common = {"label": label(question), "key": key, "help": _help(question)}
    kind = question.type
    # Option labels looked up in dicts made now: a format function is called again
    # outside the script run, where the chosen language is not known.
    if kind is AnswerType.YES_NO:
        answers = {option: yes_no(option) for option in YES_NO}
        return st.radio(
            options=YES_NO,
            index=YES_NO.index(value),
            format_func=answers.__getitem__,
            horizontal=True,
            **common,
        )
    if kind in (AnswerType.CHOICE, AnswerType.MULTI_CHOICE):
        labels = {o.id: o.label.in_language(language()) for o in question.options}
        if kind is AnswerType.MULTI_CHOICE:
            return st.multiselect(
                options=list(labels), default=value, format_func=labels.__getitem__, **common
            )
        labels = {None: t("dpia.open_answer"), **labels}
        return st.selectbox(
            options=list(labels),
            index=list(labels).index(value) if value in labels else 0,
            format_func=labels.__getitem__,
            placeholder=t("dpia.open_answer"),  # what the None choice shows
            **common,
        )
    if kind is AnswerType.DATE:
        return st.date_input(value=value, format="DD-MM-YYYY", **common)
    if kind is AnswerType.PEOPLE:
        return st.text_area(value=value, placeholder=t("dpia.people_placeholder"), **common)
    return st.text_area(value=value, **common)


def show_answer(question: Question, stored: Any) -> None:
    """A question with its answer, read only."""
    st.markdown(f"**{label(question)}**")
    text = answer_text(question, stored, language())
    if text:
        st.text(text)
    else:
        st.caption(t("dpia.unanswered"))


def yes_no(value: bool | None) -> str:
    return {None: t("dpia.open_answer"), True: t("common.yes"), False: t("common.no")}[value]


def _help(question: Question) -> str:
    return f"{plain(question.help.in_language(language()))}\n\n*{plain(question.reference)}*"


def _person(person: dict[str, str]) -> str:
    return f"{person['name']} ({person['role']})" if person.get("role") else person["name"]
