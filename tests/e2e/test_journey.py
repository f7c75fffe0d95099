"""The issue's journey in a real browser: a steward registers a dataset and sees the scan
of its file, a privacy officer runs the pre-scan and approves the steward's DPIA, and an
analyst gets "approved" for the purpose. A screenshot of each page goes to
build/screenshots/ for a reviewer."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.e2e.conftest import GOVERNANCE, SCREENSHOTS, Session, env

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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "00-sign-in-refused.png"))
    context.close()


def choose(session: Session, key: str, option: str) -> None:
    """Pick `option` in the selectbox or multiselect with this widget key, and see that the
    widget shows it (a click that lands while the page reruns is tried again)."""
    widget = session.page.locator(f".st-key-{key.replace('.', '-')}")
    for _ in range(3):
        widget.click()
        session.page.get_by_role("option", name=option).first.click()
        if session.page.get_by_role("listbox").count():  # a multiselect's list stays open
            session.page.keyboard.press("Escape")
        session.settle()
        if option.strip(" —") in _shown(widget):
            return
    raise AssertionError(f"{key} does not show {option!r}")


def _shown(widget: Any) -> str:
    """What a select widget shows: its text, its inputs' values and its options' titles."""
    return str(
        widget.evaluate(
            "e => [e.textContent, ...Array.from(e.querySelectorAll('input'), i => i.value),"
            " ...Array.from(e.querySelectorAll('[title]'), t => t.title)].join(' ')"
        )
    )


def type_into(session: Session, key: str, text: str) -> None:
    field = session.page.locator(f".st-key-{key.replace('.', '-')} input")
    field.fill(text)
    field.press("Enter")
    session.settle()


def click(session: Session, key: str) -> None:
    session.page.locator(f".st-key-{key.replace('.', '-')} button").first.click()
    session.settle()


def test_the_journey_from_registration_to_approval(
    browser: Any, ui_url: str, workdir: Path
) -> None:
    steward = Session(browser, ui_url, "steward")
    # Vega draws the charts after the page has settled: wait for the first one's marks.
    steward.page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for()
    steward.screenshot("01-dashboard")
    steward.open("Catalogus")
    steward.page.get_by_role("heading", name="Catalogus").wait_for()
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

    # The steward has written a DPIA of the Wmo waiting list and submitted it (through the
    # command line: 51 answers typed in a browser would test patience, not the product).
    dpia = write_and_submit_a_dpia(workdir, "steward")

    # The privacy officer runs the pre-scan: a DPIA is required.
    officer = Session(browser, ui_url, "privacy-officer")
    officer.open("DPIA-werkruimte")
    officer.page.get_by_role("tab", name="Pre-scan").click()
    officer.settle()
    choose(officer, "dpia.prescan.datasets", "wmo-wachtlijst — ")
    officer.page.get_by_role(
        "button", name="Alle open ja/nee-vragen met 'nee' beantwoorden"
    ).click()
    officer.settle()
    officer.page.get_by_text("Uitkomst: een DPIA is verplicht.").first.wait_for()
    officer.page.get_by_role("button", name="Pre-scan opslaan").click()
    officer.settle()
    officer.page.get_by_text("Pre-scan opgeslagen als beoordeling").wait_for()
    officer.screenshot("04-prescan")
    # ...takes up the steward's DPIA for review,
    officer.page.get_by_role("tab", name="Beoordelingen").click()
    officer.settle()
    choose(officer, "dpia.open", f"#{dpia} · DPIA Wmo-wachtlijst")
    officer.page.get_by_role("button", name="Beoordeling oppakken").click()
    officer.settle()
    officer.page.get_by_text("De beoordeling is opgepakt.").wait_for()

    # ...the DPO gives advice,
    dpo = Session(browser, ui_url, "fg")
    dpo.open("DPIA-werkruimte")
    choose(dpo, "dpia.open", f"#{dpia} · DPIA Wmo-wachtlijst")
    dpo.page.get_by_text("positief onder voorwaarden").click()
    dpo.page.locator(f".st-key-dpia-step-advised-{dpia}-text textarea").fill(
        "Akkoord, mits het BSN gepseudonimiseerd wordt gedeeld."
    )
    dpo.page.get_by_role("button", name="Advies vastleggen").click()
    dpo.settle()
    dpo.page.get_by_text("Het advies van de FG is vastgelegd.").wait_for()
    dpo.close()

    # ...and the privacy officer approves it.
    officer.open("DPIA-werkruimte")
    choose(officer, "dpia.open", f"#{dpia} · DPIA Wmo-wachtlijst")
    officer.page.get_by_role("button", name="Goedkeuren").click()
    officer.settle()
    officer.page.get_by_text("Goedgekeurd door privacy-officer").first.wait_for()
    officer.screenshot("05-dpia-approved")
    # With the DPIA in force, the privacy officer lets the gate decide for the policy team.
    officer.open("Toestemmingscheck")
    ask(officer)
    click(officer, "approval_run_gate")
    officer.page.get_by_text("Besluit vastgelegd: goedgekeurd onder voorwaarden").wait_for()
    officer.open("Ethiek (DEDA, IAMA)")
    officer.page.get_by_role("heading", name="Ethiek").first.wait_for()
    officer.screenshot("07-ethics")
    officer.open("Auditlog")
    officer.page.get_by_role("heading", name="Auditlog").first.wait_for()
    officer.screenshot("08-audit-log")
    officer.close()

    # The analyst asks, and may: with the conditions the gate set.
    analyst = Session(browser, ui_url, "analist")
    assert analyst.page.get_by_role("link", name="Auditlog").count() == 0
    analyst.open("Toestemmingscheck")
    ask(analyst)
    analyst.page.get_by_text("Goedgekeurd.").first.wait_for()
    analyst.screenshot("06-approval-check")
    analyst.close()


def ask(session: Session) -> None:
    choose(session, "approval_dataset", "(wmo-wachtlijst)")
    choose(session, "approval_purpose", "beleidsanalyse")
    choose(session, "approval_recipient", "Team Beleid Sociaal Domein")


def write_and_submit_a_dpia(workdir: Path, author: str) -> int:
    from governance.domain.templates import TemplateKind
    from governance.dpia.templates import template_for
    from tests.test_dpia_service import every_required_answer

    def governance(*arguments: str) -> str:
        run = subprocess.run(
            [*GOVERNANCE, *arguments],
            cwd=workdir, env={**env(workdir), "GOVERNANCE_USER": author},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        return run.stdout

    created = json.loads(
        governance(
            "dpia", "new", "wmo-wachtlijst", "--title", "DPIA Wmo-wachtlijst", "--format", "json"
        )
    )
    answers = workdir / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(every_required_answer(template_for(TemplateKind.DPIA)), allow_unicode=True),
        encoding="utf-8",
    )
    governance("dpia", "answer", str(created["id"]), "--file", str(answers))
    governance("dpia", "submit", str(created["id"]))
    return int(created["id"])
