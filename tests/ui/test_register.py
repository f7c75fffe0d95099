"""The register page: a new dataset and a new version of an existing one, a conflict that
loses nothing, each kind of bad input shown next to its field with nothing saved, an
upload's scan and quality outcome, injected text shown as text, and the roles that may not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from governance.people_service import PermissionDenied
from governance.services import Governance
from tests.ui.conftest import governance_as

ROOT = Path(__file__).resolve().parents[2]
WMO = "wmo-wachtlijst"
INJECTED = "<script>alert(1)</script> [x](http://evil) <b>vet</b>"


def _open(open_page: Callable[..., AppTest], dataset: str = WMO, user: str = "steward") -> AppTest:
    app = open_page("register", as_user=user)
    app.selectbox(key="reg.choice").select(dataset)
    return _run(app)


def _run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _click(app: AppTest, key: str) -> AppTest:
    app.button(key=key).click()
    return _run(app)


def _edit(
    app: AppTest,
    table: str,
    edited: dict[int, dict[str, Any]] | None = None,
    added: list[dict[str, Any]] | None = None,
) -> None:
    """Edit a data editor's cells as the browser would (AppTest cannot type into it)."""
    app.session_state[f"reg.table.{table}"] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": [],
    }


def _field(app: AppTest, path: str) -> Any:
    return app.session_state[f"reg.field.{path}"]


def _alerts(nodes: Any) -> list[str]:
    """The errors and warnings among `nodes`, their Markdown escapes undone."""
    return [
        re.sub(r"\\(.)", r"\1", node.value).replace("\u200b", "")
        for node in nodes
        if getattr(node, "type", "") in ("error", "warning")
    ]


def _path_to(app: AppTest, key: str) -> list[Any]:
    """The blocks from the page's root down to the widget or table with `key`, and it."""

    def search(node: Any) -> list[Any] | None:
        if getattr(node, "key", None) == key:
            return [node]
        if isinstance(node, Block):
            for index in sorted(node.children):
                if (found := search(node.children[index])) is not None:
                    return [node, *found]
        return None

    found = search(app._tree)
    assert found is not None, f"no widget with key {key}"
    return found


def messages_next_to(app: AppTest, key: str) -> list[str]:
    """The messages in the slot right below the widget or table with `key`."""
    *_, parent, widget = _path_to(app, key)
    children = [parent.children[i] for i in sorted(parent.children)]
    return _alerts(children[children.index(widget) + 1])


def messages_in_section(app: AppTest, key: str) -> list[str]:
    """The messages anywhere in the form section (a bordered box on the page's main
    block) that holds the widget with `key`."""
    _root, _main, section, *_ = _path_to(app, key)
    return _alerts(section)


def _table(app: AppTest, first_column: str) -> Any:
    """The st.dataframe whose first column is called `first_column`."""
    return next(d.value for d in app.dataframe if d.value.columns[0] == first_column)


def _version(url: str, dataset: str = WMO) -> tuple[int, str]:
    registration = governance_as(url, "beheer").show(dataset).registration
    return registration.version, registration.title


# --- saving --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "version", "says"),
    [
        ("Wachtlijst Wmo (bijgewerkt)", 2, "Opgeslagen als versie 2"),
        ("Wachtlijst Wmo-voorzieningen", 1, "Niets gewijzigd"),
    ],
)
def test_saving_an_edit_makes_a_new_version_only_when_something_changed(
    open_page: Callable[..., AppTest], ui_store: str, title: str, version: int, says: str
) -> None:
    app = _open(open_page)
    app.text_input(key="reg.field.title").input(title)
    _click(app, "reg.save")
    assert any(says in s.value for s in app.success)
    assert _version(ui_store) == (version, title)
    assert f"versie {version}" in app.markdown[0].value, "the form is now based on the saved one"


def _fill_new(app: AppTest, dataset_id: str, title: str) -> None:
    """Type a new dataset with one purpose and nothing personal."""
    for path, value in {
        "id": dataset_id,
        "title": title,
        "organisation": "Gemeente Rivierstad",
        "source.system": "Parkeerbeheer",
        "source.location": "demo-data/parkeren.csv",
    }.items():
        app.text_input(key=f"reg.field.{path}").input(value)
    app.text_area(key="reg.field.description").input("Verleende parkeervergunningen per wijk.")
    _edit(app, "purposes", added=[{"id": "monitoring", "description": "Beleid parkeren"}])


def test_registering_a_new_dataset(open_page: Callable[..., AppTest], ui_store: str) -> None:
    app = open_page("register", as_user="steward")
    assert app.selectbox(key="reg.choice").value == ""
    _fill_new(app, "parkeervergunningen", "Parkeervergunningen")
    _click(app, "reg.save")
    assert any("nieuwe dataset (versie 1)" in s.value for s in app.success)
    assert _version(ui_store, "parkeervergunningen") == (1, "Parkeervergunningen")
    assert app.selectbox(key="reg.choice").value == "parkeervergunningen"
    stored = governance_as(ui_store, "beheer").show("parkeervergunningen").registration
    assert [p.id for p in stored.purposes] == ["monitoring"]
    assert any("no data steward is named" in w.value for w in app.warning), (
        "the warnings stay visible after the save"
    )


def test_a_new_dataset_can_start_as_a_copy_without_the_id(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = open_page("register", as_user="steward")
    app.selectbox(key="reg.copy").select("fixi-meldingen")
    _run(app)
    assert _field(app, "id") == "" and _field(app, "organisation") == "Gemeente Dijkhoven"
    app.text_input(key="reg.field.id").input("fixi-meldingen-2027")
    app.text_input(key="reg.field.title").input("Meldingen openbare ruimte 2027")
    _click(app, "reg.save")
    stored = governance_as(ui_store, "beheer").show("fixi-meldingen-2027").registration
    original = governance_as(ui_store, "beheer").show("fixi-meldingen").registration
    assert stored.version == 1 and stored.title == "Meldingen openbare ruimte 2027"
    assert stored.purposes == original.purposes and stored.columns == original.columns
    assert original.version == 1, "the copied registration is unchanged"


def test_an_id_that_is_taken_is_shown_at_the_id(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = open_page("register", as_user="steward")
    _fill_new(app, WMO, "Dubbel")
    _click(app, "reg.save")
    taken = messages_next_to(app, "reg.field.id")
    assert any(WMO in m and "already registered" in m for m in taken), taken
    assert _version(ui_store) == (1, "Wachtlijst Wmo-voorzieningen")


# --- conflicts -----------------------------------------------------------------------------


def _save_as_colleague(url: str, title: str) -> None:
    colleague = governance_as(url, "beheer")
    document = colleague.show(WMO).registration.document()
    del document["version"]
    colleague.save_registration({**document, "title": title}, 1)


def test_a_conflict_is_shown_and_the_input_kept(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = _open(open_page)
    app.text_input(key="reg.field.title").input("Mijn titel")
    app.text_input(key="reg.field.retention.period").input("P3Y")
    _save_as_colleague(ui_store, "Hun titel")
    _click(app, "reg.save")
    assert any(
        "version 2 by beheer" in e.value and "nothing was overwritten" in e.value for e in app.error
    )
    assert (_field(app, "title"), _field(app, "retention.period")) == ("Mijn titel", "P3Y")
    assert _version(ui_store) == (2, "Hun titel"), "the store keeps the other's version"
    differing = _table(app, "Veld")
    assert set(differing.iloc[:, 0]) == {"title", "retention.period"}

    _click(app, "reg.conflict.keep")
    assert _field(app, "title") == "Mijn titel"
    _click(app, "reg.save")
    assert _version(ui_store) == (3, "Mijn titel")


def test_loading_the_other_version_keeps_the_input_aside(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = _open(open_page)
    app.text_input(key="reg.field.title").input("Mijn titel")
    _save_as_colleague(ui_store, "Hun titel")
    _click(app, "reg.save")
    _click(app, "reg.conflict.take")
    assert _field(app, "title") == "Hun titel"
    assert "versie 2" in app.markdown[0].value
    _click(app, "reg.stash.restore")
    assert _field(app, "title") == "Mijn titel"
    assert _version(ui_store) == (2, "Hun titel")


def test_typed_input_survives_a_visit_to_another_page(open_page: Callable[..., AppTest]) -> None:
    app = _open(open_page)
    app.text_input(key="reg.field.title").input("Half getypt")
    _edit(app, "purposes", edited={0: {"description": "Nieuwe omschrijving"}})
    _run(app)
    app.switch_page("pages/dashboard.py")
    app.run()  # Streamlit forgets the widgets of a page that is not shown
    assert "reg.field.title" not in app.session_state
    app.switch_page("pages/register.py")
    _run(app)
    assert app.selectbox(key="reg.choice").value == WMO
    assert _field(app, "title") == "Half getypt"
    assert app.session_state["reg.draft"]["purposes"][0]["description"] == "Nieuwe omschrijving"


# --- bad input -----------------------------------------------------------------------------


def _clear_title(app: AppTest) -> str:
    app.text_input(key="reg.field.title").input("")
    return "reg.field.title"


def _bad_period(app: AppTest) -> str:
    app.text_input(key="reg.field.retention.period").input("P5X")
    return "reg.field.retention.period"


def _bad_provision(app: AppTest) -> str:
    _edit(app, "purposes", edited={0: {"legal_basis.provision": "zie beleidsplan"}})
    return "reg.table.purposes"


def _bad_format(app: AppTest) -> str:
    app.selectbox(key="reg.field.source.format").select("sql")
    return "reg.field.source.format"


@pytest.mark.parametrize(
    ("make_bad", "key", "says", "where"),
    [
        (_clear_title, "reg.field.title", "Verplicht veld", messages_next_to),
        (_bad_period, "reg.field.retention.period", "'P5X' is not an ISO 8601", messages_next_to),
        (
            _bad_provision,
            "reg.table.purposes",
            "does not name a law and an article",
            messages_next_to,
        ),
        (_bad_format, "reg.field.source.format", "needs 'url'", messages_in_section),
    ],
    ids=["empty-required", "invalid-iso-period", "unknown-provision-format", "sql-without-url"],
)
@pytest.mark.parametrize("button", ["reg.check", "reg.save"])
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_saved(
    open_page: Callable[..., AppTest],
    ui_store: str,
    make_bad: Callable[[AppTest], str],
    key: str,
    says: str,
    where: Callable[[AppTest, str], list[str]],
    button: str,
) -> None:
    app = _open(open_page)
    before = governance_as(ui_store, "beheer").store_version()
    make_bad(app)
    _click(app, button)
    shown = where(app, key)
    assert any(says in m for m in shown), shown
    assert governance_as(ui_store, "beheer").store_version() == before, "nothing half-saved"
    if button == "reg.save":
        assert any("Niet opgeslagen" in e.value for e in app.error)


def test_a_fixed_field_loses_its_message(open_page: Callable[..., AppTest]) -> None:
    app = _open(open_page)
    _bad_period(app)
    _click(app, "reg.check")
    assert messages_next_to(app, "reg.field.retention.period")
    app.text_input(key="reg.field.retention.period").input("P2Y")
    _run(app)
    assert messages_next_to(app, "reg.field.retention.period") == []
    assert any("Geen meldingen" in s.value for s in app.success)


def test_a_legal_rule_shows_at_its_field_before_saving(open_page: Callable[..., AppTest]) -> None:
    app = _open(open_page)
    app.text_input(key="reg.field.owner.name").input("")
    app.text_input(key="reg.field.owner.department").input("")
    app.text_input(key="reg.field.owner.contact").input("")
    _edit(app, "purposes", edited={1: {"legal_basis.ground": "legitimate_interests"}})
    _click(app, "reg.check")
    purposes = messages_next_to(app, "reg.table.purposes")
    assert any(m.startswith("Rij 2") and "AVG art. 6(1), last sentence" in m for m in purposes)
    owner = messages_in_section(app, "reg.field.owner.name")
    assert any("no accountable owner (AVG art. 5(2)" in m for m in owner), owner


# --- uploads -------------------------------------------------------------------------------


def _upload(app: AppTest, name: str, content: bytes) -> AppTest:
    app.file_uploader(key="reg.upload").set_value((name, content, "text/csv"))
    return _run(app)


def test_an_upload_shows_the_scan_against_the_declaration_and_the_quality(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    from ui.components.texts import texts

    app = _open(open_page)
    before = governance_as(ui_store, "beheer").store_version()
    _upload(app, "wmo-wachtlijst.csv", Path("demo-data/wmo-wachtlijst.csv").read_bytes())
    columns = _table(app, "Kolom")
    found = dict(zip(columns["Kolom"], columns["Gevonden"], strict=True))
    assert found["Client_BSN"] == "BSN"
    verdict = dict(zip(columns["Kolom"], columns["Beoordeling"], strict=True))
    assert verdict["Client_BSN"] == "klopt"
    assert verdict["Opmerking"] == "niet gedeclareerd persoonsgegeven"  # e-mail in free text
    shown = {a.value for a in [*app.success, *app.warning, *app.error]}
    assert texts("nl")["register.upload.outcomes.passed"] in shown
    assert governance_as(ui_store, "beheer").store_version() == before + 2


@pytest.mark.parametrize(
    ("name", "content", "limit", "says"),
    [
        ("export.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), None, "is not a data file"),
        ("export.csv", b"a;b\n" + b"1;2\n" * 400_000, "1", "more than the 1 MB"),
    ],
    ids=["not-a-data-file", "over-the-limit"],
)
def test_a_refused_upload_says_why_below_the_uploader(
    open_page: Callable[..., AppTest],
    ui_store: str,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes,
    limit: str | None,
    says: str,
) -> None:
    if limit is not None:
        monkeypatch.setenv("GOVERNANCE_MAX_UPLOAD_MB", limit)
    app = _open(open_page)
    before = governance_as(ui_store, "beheer").store_version()
    _upload(app, name, content)
    assert any(says in m for m in messages_next_to(app, "reg.upload"))
    assert governance_as(ui_store, "beheer").store_version() == before


def test_a_new_dataset_is_saved_before_an_upload(open_page: Callable[..., AppTest]) -> None:
    app = open_page("register", as_user="steward")
    assert not app.file_uploader
    assert any("eerst op" in i.value for i in app.info)


# --- injected text -------------------------------------------------------------------------


def test_an_injected_title_is_shown_as_text(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = _open(open_page)
    app.text_input(key="reg.field.title").input(INJECTED)
    _click(app, "reg.save")
    assert _version(ui_store) == (2, INJECTED)
    heading = app.markdown[0].value
    assert r"\<script\>" in heading and r"\[x\]\(http" in heading
    bodies = [m.value for m in app.markdown] + [c.value for c in app.caption]
    assert not any("<script>" in body or "<b>" in body for body in bodies)
    assert app.text_input(key="reg.field.title").value == INJECTED


# --- who may -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "allowed"),
    [("steward", True), ("beheer", True), ("analist", False), ("privacy-officer", False)],
)
def test_only_a_role_that_registers_gets_the_form(
    run_page_alone: Callable[..., AppTest], ui_store: str, user: str, allowed: bool
) -> None:
    from ui.components.texts import texts

    app = run_page_alone("register", as_user=user)
    assert not app.exception
    refused = texts("nl")["common.not_allowed"] in [e.value for e in app.error]
    assert refused is not allowed
    assert bool(app.text_input) is allowed, "the form shows only to whom it is for"
    gov = governance_as(ui_store, user)
    document = gov.show(WMO).registration.document()
    del document["version"]
    if allowed:
        assert gov.save_registration({**document, "title": "Wmo"}, 1).version == 2
    else:
        with pytest.raises(PermissionDenied, match=rf"{user} \(.*\) may not"):
            gov.save_registration(document, 1)


def test_the_page_speaks_english(open_page: Callable[..., AppTest]) -> None:
    app = open_page("register", as_user="steward", language="en")
    assert not app.exception
    assert app.title[0].value == "Register or edit a dataset"


# --- the form and the document -------------------------------------------------------------


def test_the_form_has_a_field_for_every_registration_field() -> None:
    from governance.domain.registration import field_names
    from ui.components.registration_fields import FIELDS, SECTIONS, TABLES

    covered = {f.path for f in FIELDS} | {t.path for t in TABLES}
    covered |= {f"{t.path}.{c.path}" for t in TABLES for c in t.columns}
    objects = {p for s in SECTIONS for p in s.paths}
    parents = {path.rsplit(".", 1)[0] for path in covered if "." in path}
    missing = set(field_names()) - covered - objects - parents - {"version"}
    assert not missing


@pytest.mark.parametrize("path", sorted((ROOT / "catalog").glob("*.yaml")), ids=lambda p: p.stem)
def test_a_registration_read_back_from_the_form_is_unchanged(path: Path) -> None:
    from governance.catalog_files import load
    from ui.components.registration_form import normalised

    (registration_file,) = load(path)
    original = registration_file.registration
    read_back = type(original).model_validate(normalised(original.document()))
    assert read_back.content_digest() == original.content_digest()


def test_the_service_refuses_an_analyst_even_without_the_page(ui_store: str) -> None:
    gov: Governance = governance_as(ui_store, "analist")
    with pytest.raises(PermissionDenied):
        gov.check_upload(WMO, "wmo.csv", b"a,b\n1,2\n")
