"""The dashboard page: its charts with the numbers behind them on the demo store, figures
that follow a change in the store, Dutch and English, and who may open it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from governance.domain.templates import TemplateKind
from governance.dpia.templates import template_for
from governance.people_service import PermissionDenied
from tests.builders import valid_document, write_yaml
from tests.test_dpia_service import every_required_answer
from tests.ui.conftest import ADMIN, governance_as

WMO = "wmo-wachtlijst"


def opened(
    open_page: Callable[..., AppTest], user: str = "analist", language: str = "nl"
) -> AppTest:
    app = open_page("dashboard", as_user=user, language=language)
    assert not app.exception
    assert not app.error
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def charts(app: AppTest) -> int:
    return len(app.get("vega_lite_chart"))


def table_with(app: AppTest, *fields: str) -> pd.DataFrame:
    """The (first) table behind a chart that has these fields."""
    return next(df.value for df in app.dataframe if set(fields) <= set(df.value.columns))


@pytest.mark.parametrize("user", ["analist", "steward", "privacy-officer", "fg", ADMIN])
def test_the_dashboard_shows_the_demo_store_in_charts_and_numbers(
    open_page: Callable[..., AppTest], user: str
) -> None:
    app = opened(open_page, user)
    assert [t.value for t in app.title] == ["Dashboard"]
    shown = metrics(app)
    assert shown["Datasets"] == "7"
    assert shown["Met persoonsgegevens"] == "6"
    assert shown["Grondslag compleet"] == "100%"
    assert shown["Gescand"] == "7"
    assert charts(app) == 3  # datasets, legal basis, personal data; no gates or DPIAs yet
    per_organisation = table_with(app, "organisation", "status", "count")
    assert per_organisation.groupby("organisation")["count"].sum().to_dict() == {
        "Gemeente Dijkhoven": 1,
        "Gemeente Polderwaard": 1,
        "Gemeente Rivierstad": 5,
    }
    pii = table_with(app, "entity", "declared", "found").set_index("entity")
    assert pii.loc["BSN", "declared"] >= 1 and pii.loc["BSN", "found"] >= 1
    assert {i.value for i in app.info} == {
        "Er zijn nog geen beoordelingen.",
        "Er zijn nog geen deelbesluiten genomen.",
    }


def approve_a_dpia(url: str) -> int:
    """A DPIA of the Wmo waiting list by the steward, advised on by the DPO and approved by
    the privacy officer (the demo accounts)."""
    steward = governance_as(url, "steward")
    dpia = steward.new_assessment(TemplateKind.DPIA, [WMO], "DPIA Wmo")
    steward.answer(dpia.id, every_required_answer(template_for(TemplateKind.DPIA)))
    steward.submit(dpia.id)
    governance_as(url, "privacy-officer").review(dpia.id, {})
    governance_as(url, "fg").advise(dpia.id, "positive", "Akkoord")
    governance_as(url, "privacy-officer").approve(dpia.id)
    return dpia.id


def test_gates_and_assessments_appear_as_they_are_made(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = opened(open_page)
    steward = governance_as(ui_store, "steward")
    steward.gate(WMO, "beleid-sociaal-domein", "beleidsanalyse")
    steward.gate(WMO, "onbekende-ontvanger", "beleidsanalyse")
    approve_a_dpia(ui_store)
    app.run()
    assert not app.exception
    assert charts(app) == 5
    assert metrics(app)["Deelbesluiten"] == "2"
    outcomes = table_with(app, "day", "outcome", "count")
    assert outcomes["count"].sum() == 2 and "geblokkeerd" in set(outcomes["outcome"])
    kinds = table_with(app, "kind", "status", "count")
    assert kinds.to_dict("records") == [{"kind": "DPIA", "status": "goedgekeurd", "count": 1}]


def test_the_figures_follow_a_change_in_the_store(
    open_page: Callable[..., AppTest], ui_store: str, tmp_path: Path
) -> None:
    app = opened(open_page)
    assert metrics(app)["Datasets"] == "7"
    document = valid_document("nieuwe-dataset")
    document["organisation"] = "Gemeente Nieuwdorp"
    governance_as(ui_store, "steward").import_catalog([write_yaml(document, tmp_path / "n.yaml")])
    app.run()
    assert metrics(app)["Datasets"] == "8"
    organisations = set(table_with(app, "organisation", "status", "count")["organisation"])
    assert "Gemeente Nieuwdorp" in organisations


def test_the_dashboard_speaks_english(open_page: Callable[..., AppTest]) -> None:
    app = opened(open_page, language="en")
    assert set(metrics(app)) >= {"Datasets", "With personal data", "Legal basis complete"}
    assert "Legal basis of datasets with personal data" in [s.value for s in app.subheader]


@pytest.mark.parametrize(("user", "allowed"), [("nobody", False), ("analist", True)])
def test_only_someone_with_a_role_sees_the_dashboard(
    run_page_alone: Callable[..., AppTest], ui_store: str, user: str, allowed: bool
) -> None:
    from ui.components.texts import texts

    app = run_page_alone("dashboard", as_user=user)
    assert not app.exception
    refused = texts("nl")["common.not_allowed"] in [e.value for e in app.error]
    assert refused is not allowed
    assert bool(app.metric) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied, match="may not read the dashboard"):
            governance_as(ui_store, user).dashboard()
