"""The audit log page: filters that narrow the entries, paging, the chain's verification
(intact, and broken after a row was changed behind governance's back), text shown as
text, and who may open it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from governance.audit_service import AuditFilter
from governance.domain.roles import Role
from governance.people_service import PermissionDenied
from tests.ui.conftest import ADMIN, governance_as

WMO = "wmo-wachtlijst"


def open_log(open_page: Callable[..., AppTest], user: str = "privacy-officer") -> AppTest:
    app = open_page("audit_log", as_user=user)
    assert not app.exception
    return app


def shown(app: AppTest) -> pd.DataFrame:
    assert not app.exception
    return app.dataframe[0].value


def total(app: AppTest) -> int:
    """The count in the caption 'Vermelding 1–50 van N'."""
    [caption] = [c.value for c in app.caption if c.value.startswith("Vermelding ")]
    return int(caption.split(" van ")[1].split(" ")[0])


@pytest.mark.parametrize("user", ["privacy-officer", "fg", ADMIN])
def test_the_log_shows_the_newest_entries_and_is_not_verified_until_asked(
    open_page: Callable[..., AppTest], ui_store: str, user: str
) -> None:
    app = open_log(open_page, user)
    entries = shown(app)
    stored = governance_as(ui_store, user).audit_entries()
    assert total(app) == stored.total > 0
    assert list(entries["Nr."]) == [e.seq for e in stored.entries]
    assert [i.value for i in app.info] == ["De keten is in deze sessie nog niet gecontroleerd."]


def test_filters_narrow_the_entries(open_page: Callable[..., AppTest], ui_store: str) -> None:
    governance_as(ui_store, "steward").gate(WMO, "beleid-sociaal-domein", "beleidsanalyse")
    app = open_log(open_page)
    everything = total(app)
    app.selectbox(key="audit_actor").select("steward").run()
    by_steward = total(app)
    assert 0 < by_steward < everything
    assert set(shown(app)["Wie"]) == {"steward"}
    app.selectbox(key="audit_family").select("gate").run()
    assert total(app) == 1 and list(shown(app)["Handeling"]) == ["gate.decide"]
    app.selectbox(key="audit_actor").select(None)
    app.selectbox(key="audit_family").select(None)
    app.text_input(key="audit_subject").input("JEUGD").run()
    subjects = shown(app)["Onderwerp"]
    assert 0 < len(subjects) < everything and all("jeugd" in s for s in subjects)
    after = date.today() + timedelta(days=2)  # past today in UTC, in any time zone
    app.text_input(key="audit_subject").input("")
    app.date_input(key="audit_since").set_value(after).run()
    assert not app.dataframe
    assert [i.value for i in app.info][-1] == "Geen vermeldingen met deze filters."


def test_an_impossible_period_is_explained_next_to_the_filters(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_log(open_page)
    app.date_input(key="audit_since").set_value(date.today())
    app.date_input(key="audit_until").set_value(date.today() - timedelta(days=1)).run()
    assert not app.exception
    assert any("swap the dates" in e.value for e in app.error)


def test_pages_step_through_the_log(open_page: Callable[..., AppTest], ui_store: str) -> None:
    app = open_log(open_page)
    app.selectbox(key="audit_page_size").select(25).run()
    first = list(shown(app)["Nr."])
    assert len(first) == 25 and total(app) > 25
    app.number_input(key="audit_page").set_value(2).run()
    second = list(shown(app)["Nr."])
    assert second and max(second) < min(first)
    app.selectbox(key="audit_actor").select(ADMIN).run()  # another filter starts at page 1
    newest = governance_as(ui_store, ADMIN).audit_entries(AuditFilter(actor=ADMIN), limit=1)
    assert shown(app)["Nr."].iloc[0] == newest.entries[0].seq


def test_verifying_an_untouched_store_says_intact(open_page: Callable[..., AppTest]) -> None:
    app = open_log(open_page)
    app.button(key="audit_verify").click().run()
    assert not app.exception and not app.error
    assert [s.value.startswith("**De keten is intact.**") for s in app.success] == [True]
    assert len(app.code[0].value) == 64  # the head's hash, to keep outside the store


def test_a_changed_row_makes_the_verification_say_broken(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    engine = sa.create_engine(ui_store)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"))
    engine.dispose()
    app = open_log(open_page)
    app.button(key="audit_verify").click().run()
    assert not app.exception and not app.success
    assert [e.value.startswith("**De keten is verbroken.**") for e in app.error] == [True]
    assert "audit entry 3 " in app.text[0].value and "was changed" in app.text[0].value


def test_a_name_with_markup_stays_text(open_page: Callable[..., AppTest], ui_store: str) -> None:
    name = "<script>alert(1)</script>[x](http://evil)"
    governance_as(ui_store, ADMIN).add_user(name, frozenset({Role.ANALYST}))
    app = open_log(open_page)
    assert f"user {name}" in list(shown(app)["Onderwerp"])  # a dataframe cell: never rendered


@pytest.mark.parametrize("user", ["analist", "steward"])
def test_other_roles_are_refused_by_page_and_service(
    run_page_alone: Callable[..., AppTest], ui_store: str, user: str
) -> None:
    from ui.components.texts import texts

    app = run_page_alone("audit_log", as_user=user)
    assert not app.exception
    assert [e.value for e in app.error] == [texts("nl")["common.not_allowed"]]
    assert not app.dataframe and not app.button
    with pytest.raises(PermissionDenied, match="read the audit log"):
        governance_as(ui_store, user).audit_entries()
    with pytest.raises(PermissionDenied, match="verify the audit log"):
        governance_as(ui_store, user).verify_audit()
