"""The app shell: sign-in, the pages each role sees, the language switch, and that a page
refuses a role it is not for even when reached directly."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from governance.services import DEMO_PASSWORD
from tests.ui.conftest import ADMIN


def test_without_signing_in_only_the_sign_in_form_shows(open_page: Callable[..., AppTest]) -> None:
    app = open_page(None, as_user=None)
    assert [t.value for t in app.title] == ["Aanmelden"]
    assert len(app.text_input) == 2


@pytest.mark.parametrize(
    ("password", "signed_in"), [(DEMO_PASSWORD, True), ("wrong-password-123", False), ("", False)]
)
def test_signing_in_needs_the_right_password(
    open_page: Callable[..., AppTest], password: str, signed_in: bool
) -> None:
    app = open_page(None, as_user=None)
    app.text_input[0].input("steward")
    app.text_input[1].input(password)
    app.button[0].click()  # the form's submit button
    app.run()
    assert ("signed_in" in app.session_state) is signed_in
    if not signed_in:
        assert app.error, "a failed sign-in says so"


@pytest.mark.parametrize(
    ("user", "sees", "misses"),
    [
        (
            "analist",
            {"Dashboard", "Catalogus", "Toestemmingscheck"},
            {"Auditlog", "DPIA-werkruimte"},
        ),
        ("steward", {"Dataset registreren", "DPIA-werkruimte"}, {"Auditlog"}),
        ("privacy-officer", {"Auditlog", "DPIA-werkruimte"}, {"Dataset registreren"}),
        (  # admin and steward: every page
            ADMIN,
            {"Dashboard", "Catalogus", "Dataset registreren", "DPIA-werkruimte"}
            | {"Ethiek (DEDA, IAMA)", "Toestemmingscheck", "Auditlog"},
            set(),
        ),
    ],
)
def test_each_role_sees_its_pages(
    open_page: Callable[..., AppTest], user: str, sees: set[str], misses: set[str]
) -> None:
    from ui.app import PAGES
    from ui.components.texts import texts

    app = open_page(None, as_user=user)
    assert not app.exception
    navigation = set()
    for page in PAGES:
        try:
            app.switch_page(page.file)  # only pages the app put in the navigation open
        except ValueError:
            continue
        navigation.add(texts("nl")[f"nav.{page.key}"])
    assert sees <= navigation
    assert not misses & navigation


def test_a_page_outside_a_roles_navigation_cannot_be_opened(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page(None, as_user="analist")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/audit_log.py")


def test_the_language_switch_turns_the_texts_english(open_page: Callable[..., AppTest]) -> None:
    app = open_page(None, as_user=None, language="en")
    assert [t.value for t in app.title] == ["Sign in"]


def test_both_languages_have_the_same_texts() -> None:
    from ui.components.texts import texts

    assert set(texts("nl")) == set(texts("en"))
    assert texts("nl"), "the texts are found"
