"""The catalogue page: search and filters that narrow the list, paging a long list, the
detail tabs of a dataset (declared against found personal data), text people typed shown
as text, Dutch and English, and who may open it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from governance.domain.vocabulary import BioLevel, LegalGround, Status
from governance.people_service import PermissionDenied
from tests.builders import valid_document, write_yaml
from tests.test_example_catalog import PILOT_IDS
from tests.ui.conftest import governance_as

WMO, JEUGD = "wmo-wachtlijst", "jeugd-wachtlijst"
AANVRAGEN, PIEK = "reisdocumenten-aanvragen", "reisdocumenten-piekmomenten"
HOSTILE = "<script>alert(1)</script> [x](http://evil) <b>vet</b>"


def opened(open_page: Callable[..., AppTest], language: str = "nl") -> AppTest:
    app = open_page("catalogue", as_user="analist", language=language)
    assert not app.exception
    return app


def listed(app: AppTest) -> list[str]:
    assert not app.exception
    table = next((df.value for df in app.dataframe if "legal_grounds" in df.value.columns), None)
    return [] if table is None else list(table["id"])


def choose(app: AppTest, dataset_id: str) -> AppTest:
    app.selectbox(key="catalogue_dataset").select(dataset_id).run()
    assert not app.exception and not app.error
    return app


def table_with(app: AppTest, *fields: str) -> pd.DataFrame:
    return next(df.value for df in app.dataframe if set(fields) <= set(df.value.columns))


def test_the_catalogue_lists_every_dataset(open_page: Callable[..., AppTest]) -> None:
    app = opened(open_page)
    assert len(listed(app)) == 7
    assert "7 datasets gevonden; 1–7 getoond." in [c.value for c in app.caption]


@pytest.mark.parametrize(
    ("search", "expected"),
    [("wachtlijst", {WMO, JEUGD}), ("Wmo wachtlijst", {WMO}), ("bestaat-niet", set())],
)
def test_searching_narrows_the_list(
    open_page: Callable[..., AppTest], search: str, expected: set[str]
) -> None:
    app = opened(open_page)
    app.text_input(key="catalogue_search").input(search).run()
    assert set(listed(app)) == expected
    if not expected:
        assert [i.value for i in app.info] == [
            "Geen dataset voldoet aan deze zoekopdracht en filters."
        ]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("catalogue_organisation", "Gemeente Dijkhoven", {"fixi-meldingen"}),
        ("catalogue_owner", "Teamleider Burgerzaken", {AANVRAGEN, PIEK}),
        ("catalogue_status", Status.RETIRED, set()),
        ("catalogue_status", Status.ACTIVE, PILOT_IDS),
        ("catalogue_personal_data", False, {PIEK}),
        ("catalogue_legal_ground", LegalGround.CONTRACT, {"inhuur-personeel"}),
        ("catalogue_bio_level", BioLevel.PUBLIC, {PIEK}),
    ],
)
def test_each_filter_narrows_the_list(
    open_page: Callable[..., AppTest], key: str, value: Any, expected: set[str]
) -> None:
    app = opened(open_page)
    app.selectbox(key=key).select(value).run()
    assert set(listed(app)) == expected


def test_search_and_filters_combine(open_page: Callable[..., AppTest]) -> None:
    app = opened(open_page)
    app.text_input(key="catalogue_search").input("reisdocumenten").run()
    app.selectbox(key="catalogue_personal_data").select(True).run()
    assert listed(app) == [AANVRAGEN]


def test_a_long_list_is_shown_a_page_at_a_time(
    open_page: Callable[..., AppTest], ui_store: str, tmp_path: Path
) -> None:
    files = [
        write_yaml(valid_document(f"extra-{n:02d}"), tmp_path / f"{n}.yaml") for n in range(50)
    ]
    governance_as(ui_store, "steward").import_catalog(files)
    app = opened(open_page)
    assert len(listed(app)) == 50
    assert "57 datasets gevonden; 1–50 getoond." in [c.value for c in app.caption]
    app.number_input(key="catalogue_page").set_value(2).run()
    assert len(listed(app)) == 7
    assert "57 datasets gevonden; 51–57 getoond." in [c.value for c in app.caption]


def test_the_detail_tabs_set_declared_against_found_personal_data(
    open_page: Callable[..., AppTest],
) -> None:
    app = choose(open_page("catalogue", as_user="privacy-officer"), WMO)
    assert [tab.label for tab in app.tabs] == [
        "Registratie",
        "Kolommen en persoonsgegevens",
        "Kwaliteit",
        "Scans",
        "Besluiten",
        "DPIA's",
        "Geschiedenis",
    ]
    columns = table_with(app, "name", "declared", "found", "undeclared").set_index("name")
    assert (columns.loc["Client_BSN", "declared"], columns.loc["Client_BSN", "found"]) == (
        "BSN",
        "BSN",
    )
    assert columns.loc["Client_BSN", "state"] == "klopt"
    assert columns.loc["Opmerking", "undeclared"] == "EMAIL_ADDRESS"
    assert columns.loc["Opmerking", "state"] == "niet-opgegeven persoonsgegevens"
    assert any(c.value.startswith("Vergeleken met scan ") for c in app.caption)
    scans = table_with(app, "rows_scanned", "personal_columns")
    assert len(scans) == 1 and bool(scans.loc[0, "registered"])
    quality = table_with(app, "outcome", "rows", "when")
    assert list(quality["outcome"]) == ["geslaagd"]
    history = table_with(app, "seq", "action", "subject")
    assert {"registration.create", "scan.run", "validation.run"} <= set(history["action"])
    assert "De juridische regels vinden niets aan deze registratie." in [
        s.value for s in app.success
    ]
    assert [i.value for i in app.info] == [
        "Er is nog geen deelbesluit over deze dataset.",
        "Geen pre-scan, DPIA, IAMA of DEDA gaat over deze dataset.",
    ]


def test_an_analyst_sees_no_assessments_or_audit_entries_in_the_detail(
    open_page: Callable[..., AppTest],
) -> None:
    app = choose(opened(open_page), WMO)
    captions = [c.value for c in app.caption]
    assert any(
        c.startswith("Beoordelingen (DPIA, IAMA, DEDA) ziet wie eraan werkt") for c in captions
    )
    assert any(c.startswith("De auditlog ziet de privacy officer") for c in captions)
    assert not any("seq" in df.value.columns for df in app.dataframe)


def test_a_decision_shows_its_rules(open_page: Callable[..., AppTest], ui_store: str) -> None:
    governance_as(ui_store, "steward").gate(WMO, "onbekende-ontvanger", "beleidsanalyse")
    app = choose(opened(open_page), WMO)
    decisions = table_with(app, "purpose", "recipient", "valid_until")
    assert decisions.loc[0, ["recipient", "outcome"]].tolist() == [
        "onbekende-ontvanger",
        "geblokkeerd",
    ]
    rules = table_with(app, "rule", "principle", "verdict", "reason")
    assert "blokkeert" in set(rules["verdict"])


def test_text_people_typed_is_shown_as_text(
    open_page: Callable[..., AppTest], ui_store: str, tmp_path: Path
) -> None:
    document = valid_document("vijandige-titel")
    document["title"] = HOSTILE
    document["description"] = f"Omschrijving {HOSTILE}"
    del document["steward"]  # a warning, so that the findings show with their source
    governance_as(ui_store, "steward").import_catalog([write_yaml(document, tmp_path / "x.yaml")])
    app = opened(open_page)
    app.text_input(key="catalogue_search").input("vijandige").run()
    assert table_with(app, "id", "title").loc[0, "title"] == HOSTILE  # a table cell is text
    choose(app, "vijandige-titel")
    rendered = [e.value for e in [*app.subheader, *app.markdown, *app.caption]]
    assert r"\<script\>alert\(1\)\</script\>" in app.subheader[0].value
    findings = table_with(app, "severity", "rule", "source", "fix").set_index("rule")
    assert findings.loc["steward-missing", "severity"] == "waarschuwing"
    assert "AVG art. 5(2)" in findings.loc["steward-missing", "source"]
    assert r"\[x\]\(http\:" in app.subheader[0].value
    assert not any("<script>" in text or "](http" in text or "<b>" in text for text in rendered)


def test_the_catalogue_speaks_english(open_page: Callable[..., AppTest]) -> None:
    app = choose(opened(open_page, language="en"), WMO)
    assert [t.value for t in app.title] == ["Catalogue"]
    assert [tab.label for tab in app.tabs][:2] == ["Registration", "Columns and personal data"]
    states = set(table_with(app, "name", "state")["state"])
    assert {"agrees", "undeclared personal data"} <= states


@pytest.mark.parametrize(("user", "allowed"), [("nobody", False), ("analist", True)])
def test_only_someone_with_a_role_sees_the_catalogue(
    run_page_alone: Callable[..., AppTest], ui_store: str, user: str, allowed: bool
) -> None:
    from ui.components.texts import texts

    app = run_page_alone("catalogue", as_user=user)
    assert not app.exception
    refused = texts("nl")["common.not_allowed"] in [e.value for e in app.error]
    assert refused is not allowed
    assert bool(listed(app)) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied, match="may not read the catalogue"):
            governance_as(ui_store, user).catalogue()
        with pytest.raises(PermissionDenied, match="may not read the catalogue"):
            governance_as(ui_store, user).dataset_detail(WMO)
