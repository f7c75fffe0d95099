"""The approval check: the analyst's answer for (dataset, purpose, recipient) before and
after the steward's gate run, the extract's download (which must hold no BSN), what a
refusal shows, and who may use the page."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from stdnum.nl import bsn
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from governance.people_service import PermissionDenied
from tests.builders import write_yaml
from tests.ui.conftest import governance_as

WMO = "wmo-wachtlijst"
TEAM = "beleid-sociaal-domein"  # Team Beleid Sociaal Domein: beleidsanalyse only
STEWARD = "Informatiebeheerder Sociaal Domein"
STEWARD_CONTACT = "informatiebeheer-sd@rivierstad.example"


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> list[MemoryMediaFileStorage]:
    """The in-memory file storage of each AppTest run, to read what a download button
    would hand the browser."""
    made: list[MemoryMediaFileStorage] = []

    class Recorded(MemoryMediaFileStorage):
        def __init__(self, media_endpoint: str) -> None:
            super().__init__(media_endpoint)
            made.append(self)

    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage", Recorded)
    return made


def is_bsn(cell: str) -> bool:
    """A cell written as a BSN (8 or 9 digits, maybe dotted or spaced) that passes
    python-stdnum's 11-check. stdnum alone also strips dashes and pads short numbers, so a
    date such as 18-12-2024 or a count such as 12 would pass it too."""
    digits = cell.replace(" ", "").replace(".", "")
    return digits.isdigit() and len(digits) in (8, 9) and bsn.is_valid(digits)


def downloaded(media: list[MemoryMediaFileStorage], button: object) -> bytes:
    url: str = button.proto.url  # type: ignore[attr-defined]
    return media[-1].get_file(url.rsplit("/", 1)[-1]).content


def ask(
    open_page: Callable[..., AppTest],
    purpose: str,
    recipient: str = TEAM,
    user: str = "analist",
    language: str = "nl",
) -> AppTest:
    app = open_page("approval", as_user=user, language=language)
    app.selectbox(key="approval_dataset").select(WMO).run()
    app.selectbox(key="approval_purpose").select(purpose)
    app.selectbox(key="approval_recipient").select(recipient)
    app.run()
    assert not app.exception
    return app


def markdown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def has_button(app: AppTest, key: str) -> bool:
    return any(button.key == key for button in app.button)


@pytest.mark.parametrize(
    ("language", "headline"),
    [("nl", "Nog niet beoordeeld"), ("en", "Never assessed")],
)
def test_before_any_gate_run_the_answer_is_never_assessed_and_names_the_steward(
    open_page: Callable[..., AppTest], language: str, headline: str
) -> None:
    app = ask(open_page, "beleidsanalyse", language=language)
    assert [headline in info.value for info in app.info] == [True]
    assert [code.value for code in app.code] == [f"{STEWARD} <{STEWARD_CONTACT}>"]
    assert not app.success and not app.error
    assert not has_button(app, "approval_share") and not app.get("download_button")


@pytest.mark.parametrize(
    ("purpose", "approved", "shown"),
    [
        ("beleidsanalyse", True, "Goedgekeurd"),
        # the team may receive the data for policy analysis only: the recipient rule blocks
        ("wachtlijst-monitoring", False, "Niet goedgekeurd"),
    ],
)
def test_after_the_stewards_gate_run_the_analyst_sees_the_decision(
    open_page: Callable[..., AppTest], ui_store: str, purpose: str, approved: bool, shown: str
) -> None:
    governance_as(ui_store, "steward").gate(WMO, recipient=TEAM, purpose=purpose)
    app = ask(open_page, purpose)
    headline = app.success if approved else app.error
    assert [shown in element.value for element in headline] == [True]
    assert has_button(app, "approval_share") is approved
    assert not app.get("download_button")
    if approved:
        form = app.dataframe[0].value.set_index("Kolom")["Wat ermee gebeurt"]
        assert form["Client_BSN"] == "als pseudoniem"
        assert form["Clientnaam"] == "weggelaten" and form["Opmerking"] == "weggelaten"
        assert form["Wijkteam"] == "zoals hij is"
        assert "Geldig tot en met" in markdown(app)
    else:
        assert "**Ontvanger toegestaan**" in markdown(app)  # the blocking rule, plainly named
        reasons = [text.value for text in app.text]
        assert any(r.startswith("Team Beleid Sociaal Domein may receive") for r in reasons)
        assert [code.value for code in app.code] == [f"{STEWARD} <{STEWARD_CONTACT}>"]


@pytest.mark.parametrize(
    ("user", "offered"), [("steward", True), ("privacy-officer", True), ("analist", False)]
)
def test_a_steward_runs_the_gate_from_the_page_and_the_answer_follows(
    open_page: Callable[..., AppTest], ui_store: str, user: str, offered: bool
) -> None:
    app = ask(open_page, "beleidsanalyse", user=user)
    assert has_button(app, "approval_run_gate") is offered
    if not offered:
        return
    app.button(key="approval_run_gate").click().run()
    assert not app.exception
    assert any(
        "Besluit vastgelegd: goedgekeurd onder voorwaarden" in s.value for s in app.success
    ), [s.value for s in app.success]
    assert any("Goedgekeurd" in s.value for s in app.success)
    # The decision is recorded, by whoever clicked, and answers the analyst.
    assert governance_as(ui_store, "analist").check(WMO, "beleidsanalyse", TEAM).approved
    newest = governance_as(ui_store, "privacy-officer").audit_entries().entries[0]
    assert (newest.action, newest.actor) == ("gate.decide", user)


def test_the_approved_extract_downloads_without_any_valid_bsn(
    open_page: Callable[..., AppTest],
    ui_store: str,
    key_file: Path,
    media: list[MemoryMediaFileStorage],
) -> None:
    decision = governance_as(ui_store, "steward").gate(WMO, TEAM, "beleidsanalyse").decision
    source = (Path("demo-data") / f"{WMO}.csv").read_text(encoding="cp1252")
    shared_bsns = [row["Client_BSN"] for row in csv.DictReader(io.StringIO(source), delimiter=";")]
    assert all(is_bsn(cell) for cell in shared_bsns)  # the test would see them if they leaked
    app = ask(open_page, "beleidsanalyse")
    app.button(key="approval_share").click().run()
    assert not app.exception and not app.error
    buttons = {button.key: button for button in app.get("download_button")}
    assert set(buttons) == {"approval_download_csv", "approval_download_sidecar"}
    rows = list(
        csv.reader(io.StringIO(downloaded(media, buttons["approval_download_csv"]).decode()))
    )
    assert rows[0][:3] == ["Client_BSN", "Geboortedatum", "Postcode"]
    assert "Clientnaam" not in rows[0] and len(rows) > 100
    assert not [cell for row in rows for cell in row if is_bsn(cell)]
    sidecar = json.loads(downloaded(media, buttons["approval_download_sidecar"]))
    assert sidecar["decision"] == decision.id
    assert {c["name"]: c["action"] for c in sidecar["columns"]}["Client_BSN"] == "pseudonymise"
    logged = governance_as(ui_store, "privacy-officer").audit_entries()
    assert (logged.entries[0].action, logged.entries[0].actor) == ("share.extract", "analist")


def test_a_privacy_officer_sees_the_answer_but_is_offered_no_extract(
    open_page: Callable[..., AppTest], ui_store: str, tmp_path: Path
) -> None:
    governance_as(ui_store, "steward").gate(WMO, TEAM, "beleidsanalyse")
    app = ask(open_page, "beleidsanalyse", user="privacy-officer")
    assert app.success and not has_button(app, "approval_share")
    with pytest.raises(PermissionDenied, match="write an extract"):
        governance_as(ui_store, "privacy-officer").share(
            WMO, TEAM, "beleidsanalyse", tmp_path / "x.csv"
        )


def test_typed_markup_and_links_are_shown_as_text(
    open_page: Callable[..., AppTest], ui_store: str, tmp_path: Path
) -> None:
    """Not even escaped Markdown: a browser still links a bare URL or address there."""
    steward = governance_as(ui_store, "steward")
    [(_, exported)] = steward.export_catalog([WMO], tmp_path)
    assert exported is not None
    document = yaml.safe_load(exported.read_text(encoding="utf-8"))
    title = "<script>alert(1)</script> [x](http://evil.example) www.evil.example"
    document["title"] = title
    document["steward"]["contact"] = "https://evil.example/steward"
    document["purposes"][1]["description"] = "Zie [hier](http://evil.example) <b>vet</b>"
    steward.import_catalog([write_yaml(document, tmp_path / "wmo.yaml")])
    app = ask(open_page, "beleidsanalyse")
    assert app.selectbox(key="approval_dataset").format_func(WMO) == f"{title} ({WMO})"
    assert f"{STEWARD} <https://evil.example/steward>" in [c.value for c in app.code]
    assert "Zie [hier](http://evil.example) <b>vet</b>" in [text.value for text in app.text]
    rendered = [*app.markdown, *app.caption, *app.info, *app.error, *app.success, *app.warning]
    assert rendered and not [e.value for e in rendered if "evil" in e.value or "<" in e.value]


@pytest.mark.parametrize(("user", "allowed"), [("analist", True), ("zonder-rol", False)])
def test_a_person_without_a_role_is_refused_by_page_and_service(
    run_page_alone: Callable[..., AppTest], ui_store: str, user: str, allowed: bool
) -> None:
    from ui.components.texts import texts

    app = run_page_alone("approval", as_user=user)
    assert not app.exception
    refused = [e.value for e in app.error] == [texts("nl")["common.not_allowed"]]
    assert refused is not allowed
    governance = governance_as(ui_store, user)
    if allowed:
        assert governance.check(WMO, "beleidsanalyse", TEAM).answer.value == "never assessed"
    else:
        with pytest.raises(PermissionDenied):
            governance.check(WMO, "beleidsanalyse", TEAM)
