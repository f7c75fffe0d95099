"""Finding and starting assessments: the tabs of an assessment page, the list filtered by
dataset and status with the one to open, and the form for a new one.

`scope` ("dpia", "ethics") keeps the widgets of the two assessment pages apart.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from governance.domain.assessment import Status
from governance.domain.templates import TemplateKind
from governance.services import Governance
from ui.components import assessment_data
from ui.components.assessment_feedback import act, feedback
from ui.components.texts import t

SHOWN = 50  # rows of the table; the choice below it offers every match
OPENED = "assessment.opened"  # where a step that opens what it made says so


def assessment_tabs(scope: str, contents: dict[str, Callable[[], None]]) -> None:
    """Tabs `dpia.tab.<name>`, of which only the open one runs its content."""
    containers = st.tabs(
        [t(f"dpia.tab.{name}") for name in contents], key=f"{scope}.tab", on_change="rerun"
    )
    for container, content in zip(containers, contents.values(), strict=True):
        if container.open:
            with container:
                content()


def open_assessment(scope: str, assessment_id: int) -> None:
    """(In a callback.) Show this assessment: the list tab, no filter that hides it."""
    st.session_state[f"{scope}.tab"] = t("dpia.tab.list")
    st.session_state[f"{scope}.filter.dataset"] = None
    st.session_state[f"{scope}.filter.status"] = None
    st.session_state[f"{scope}.open"] = assessment_id


def browse(gov: Governance, scope: str, kinds: tuple[TemplateKind, ...]) -> int | None:
    """The assessments of these kinds, filtered; returns the one chosen to open."""
    every = {"": t("dpia.filter.all")}  # not None: a None option shows as no choice at all
    datasets = {**every, **dataset_names(gov)}
    statuses = {**every, **{s: t(f"dpia.status.{s.value}") for s in Status}}
    left, right = st.columns(2)
    dataset = left.selectbox(
        t("dpia.filter.dataset"),
        list(datasets),
        format_func=datasets.__getitem__,
        key=f"{scope}.filter.dataset",
    )
    status = right.selectbox(
        t("dpia.filter.status"),
        list(statuses),
        format_func=statuses.__getitem__,
        key=f"{scope}.filter.status",
    )
    feedback(OPENED)
    found = assessment_data.rows(gov, kinds, dataset or None, status or None)
    if not found:
        st.info(t("dpia.list.empty"))
        return None
    st.dataframe(
        [
            {
                t("dpia.list.id"): row.id,
                t("dpia.list.kind"): t(f"dpia.kind.{row.kind.value}"),
                t("dpia.list.title"): row.title,
                t("dpia.list.datasets"): ", ".join(row.datasets),
                t("dpia.list.status"): t(f"dpia.status.{row.status.value}"),
                t("dpia.list.version"): row.version,
                t("dpia.list.author"): row.author,
                t("dpia.list.review_by"): f"{row.review_by:%d-%m-%Y}" if row.review_by else "",
            }
            for row in found[:SHOWN]
        ],
        hide_index=True,
    )
    if len(found) > SHOWN:
        st.caption(t("dpia.list.more", shown=SHOWN, total=len(found)))
    titles = {
        row.id: f"#{row.id} · {row.title} ({t(f'dpia.status.{row.status.value}')})" for row in found
    }
    return st.selectbox(
        t("dpia.list.open"),
        list(titles),
        index=None,
        format_func=titles.__getitem__,
        placeholder=t("dpia.list.choose"),
        key=f"{scope}.open",
    )


def new_assessment_form(gov: Governance, scope: str, kinds: tuple[TemplateKind, ...]) -> None:
    """Start an assessment of one of `kinds` for registered datasets, then open it."""
    datasets = dataset_names(gov)
    names = {kind: t(f"dpia.kind.{kind.value}") for kind in kinds}
    key = f"{scope}.new"
    with st.form(key):
        st.radio(
            t("dpia.new.kind"),
            list(names),
            format_func=names.__getitem__,
            horizontal=True,
            key=f"{key}.kind",
        )
        st.multiselect(
            t("dpia.new.datasets"),
            list(datasets),
            format_func=datasets.__getitem__,
            placeholder=t("dpia.choose_datasets"),
            key=f"{key}.datasets",
        )
        st.text_input(t("dpia.new.title"), help=t("dpia.new.title_help"), key=f"{key}.title")
        st.form_submit_button(
            t("dpia.new.create"), key=f"{key}.go", type="primary", on_click=_create, args=(scope,)
        )
    feedback(key)


def dataset_names(gov: Governance) -> dict[str, str]:
    """Every registered dataset by id, named for a person to pick."""
    return {c.id: f"{c.id} — {c.title}" for c in assessment_data.datasets(gov)}


def _create(scope: str) -> None:
    key = f"{scope}.new"
    created = act(
        key,
        lambda state: t("dpia.new.created", id=state.id),
        lambda gov: gov.new_assessment(
            st.session_state[f"{key}.kind"],
            list(st.session_state[f"{key}.datasets"]),
            st.session_state[f"{key}.title"],
        ),
        done_at=OPENED,
    )
    if created is not None:
        open_assessment(scope, created.id)
