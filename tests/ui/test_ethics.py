"""The ethics page: a DEDA dialogue recorded (participants, answers per stage and theme,
actions) and an IAMA, in the same workspace as the DPIA; and who may start one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from governance.domain.templates import TemplateKind
from governance.people_service import PermissionDenied
from tests.ui.conftest import governance_as
from tests.ui.test_dpia import (
    INJECTED,
    keyed,
    nl,
    opened,
    texts_shown,
    unescaped,
)

FIXI = "fixi-meldingen"


def listed(app: AppTest, scope: str) -> set[int]:
    """The assessments the page offers to open (their labels start with #id)."""
    return {
        int(option[1:].split(" ")[0])
        for box in app.selectbox
        if box.key == f"{scope}.open"
        for option in box.options
    }


def started(open_page: Callable[..., AppTest], user: str, kind: TemplateKind) -> AppTest:
    """The ethics page as `user`, a new assessment of `kind` started through its form."""
    app = open_page("ethics", as_user=user)
    app.session_state["ethics.tab"] = nl("dpia.tab.new")
    app.run()
    app.radio(key="ethics.new.kind").set_value(kind)
    app.multiselect(key="ethics.new.datasets").set_value([FIXI])
    app.text_input(key="ethics.new.title").input(f"{kind.value} meldingen openbare ruimte")
    app.button(key="ethics.new.go").click().run()
    assert not app.exception
    return app


def test_a_deda_dialogue_is_recorded_with_its_participants_and_actions(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = started(open_page, "steward", TemplateKind.DEDA)
    [row] = governance_as(ui_store, "steward").assessment_rows([TemplateKind.DEDA])
    assert app.session_state["ethics.open"] == row.id, "the new record opens"
    assert app.session_state["ethics.tab"] == nl("dpia.tab.list")
    keyed(app.text_area, f"ethics.a.{row.id}.deelnemers.").input(
        "Petra de Vries (gespreksleider)\nStef (data-analist)\n"
    )
    keyed(app.text_area, f"ethics.a.{row.id}.projectomschrijving.").input(INJECTED)
    app.button(key=f"ethics.save.{row.id}.deelnemers").click().run()
    app.selectbox(key=f"ethics.part.{row.id}").select("afspraken").run()
    keyed(app.text_area, f"ethics.a.{row.id}.afspraken.").input("Bias-toets vóór livegang (Stef)")
    app.button(key=f"ethics.save.{row.id}.afspraken").click().run()

    assert not app.exception and not app.error
    answers = governance_as(ui_store, "steward").assessment(row.id).state.answers
    assert answers["deelnemers"] == [
        {"name": "Petra de Vries", "role": "gespreksleider"},
        {"name": "Stef", "role": "data-analist"},
    ]
    assert answers["afspraken"] == "Bias-toets vóór livegang (Stef)"
    record = opened(open_page, "ethics", "privacy-officer", row.id)
    record.toggle(key=f"ethics.record.{row.id}").set_value(True).run()
    shown = texts_shown(record)
    assert "Petra de Vries (gespreksleider); Stef (data-analist)" in shown
    assert INJECTED in shown, "what people typed is shown as text"


def test_an_iama_takes_choices_and_the_lists_keep_their_kinds_apart(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = started(open_page, "privacy-officer", TemplateKind.IAMA)
    [row] = governance_as(ui_store, "steward").assessment_rows([TemplateKind.IAMA])
    app.selectbox(key=f"ethics.part.{row.id}").select("deel-2-wat").run()
    keyed(app.selectbox, f"ethics.a.{row.id}.d2-type-algoritme.").select("zelflerend")
    app.button(key=f"ethics.save.{row.id}.deel-2-wat").click().run()
    app.selectbox(key=f"ethics.part.{row.id}").select("deel-4-grondrechten").run()
    keyed(app.multiselect, f"ethics.a.{row.id}.d4-grondrechten.").set_value(
        ["privacy", "non-discriminatie"]
    )
    app.button(key=f"ethics.save.{row.id}.deel-4-grondrechten").click().run()

    answers = governance_as(ui_store, "steward").assessment(row.id).state.answers
    assert answers == {
        "d2-type-algoritme": "zelflerend",
        "d4-grondrechten": ["privacy", "non-discriminatie"],
    }
    assert listed(app, "ethics") == {row.id}
    assert not listed(open_page("dpia", as_user="privacy-officer"), "dpia")


def test_an_analyst_is_refused_by_the_ethics_page(
    run_page_alone: Callable[..., AppTest],
) -> None:
    app = run_page_alone("ethics", as_user="analist")
    assert [e.value for e in app.error] == [nl("common.not_allowed")]


def test_the_dpo_may_read_but_not_start_a_record(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = started(open_page, "fg", TemplateKind.DEDA)
    assert any("may not start an assessment" in unescaped(e.value) for e in app.error)
    assert not governance_as(ui_store, "fg").assessment_rows([TemplateKind.DEDA])
    with pytest.raises(PermissionDenied, match="steward or privacy_officer"):
        governance_as(ui_store, "fg").new_assessment(TemplateKind.DEDA, [FIXI], "")
