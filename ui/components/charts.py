"""The dashboard's Altair charts, each with the table of the numbers it draws, and the
tables of text the dashboard and the catalogue show.

A `Figure` holds a chart and the rows behind it with a label per field in the chosen
language; `show` draws the chart and puts the rows, as text, in an expander beneath. Field
names are fixed identifiers: Vega-Lite reads dots and brackets in a field name as a path,
so translated words appear only as titles and values. Names people typed (organisations,
titles) reach the chart as data values, which Vega draws as text, never as markup. The
data goes to the chart as a DataFrame: Streamlit sends it beside the spec, where Altair
does not validate it value by value (inline values took a quarter of a second).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import altair as alt
import pandas as pd
import streamlit as st

from governance.views_service import (
    AssessmentCount,
    DatasetCount,
    GateCount,
    LegalBasisFigure,
    PiiCount,
)
from ui.components.texts import t

_T = TypeVar("_T")

_OUTCOME_COLOURS = {"APPROVED": "#2e7d32", "CONDITIONAL": "#ef6c00", "BLOCKED": "#c62828"}
_BASIS_COLOURS = ("#2e7d32", "#c62828")  # complete, incomplete


@dataclass(frozen=True)
class Figure:
    chart: alt.TopLevelMixin
    rows: list[dict[str, Any]]  # the numbers behind the chart
    labels: dict[str, str]  # field -> column title


def show(figure: Figure) -> None:
    st.altair_chart(figure.chart)
    with st.expander(t("dashboard.numbers")):
        st.dataframe(figure.rows, column_config=figure.labels, hide_index=True)


def show_or_none(counts: Sequence[_T], draw: Callable[[Sequence[_T]], Figure], none: str) -> None:
    """The figure `draw` makes of `counts`; where there are none, the text `none` says so."""
    if counts:
        show(draw(counts))
    else:
        st.info(t(none))


def table(rows: list[dict[str, Any]], columns: str) -> None:
    """Rows as a table of text (a dataframe renders no Markdown or HTML); `columns` is the
    text group that names each field, e.g. "catalogue.column" for catalogue.column.id."""
    labels = {field: t(f"{columns}.{field}") for field in (rows[0] if rows else {})}
    st.dataframe(rows, column_config=labels, hide_index=True)


def _count_label() -> dict[str, str]:
    return {"count": t("dashboard.count")}


def _stacked(
    rows: list[dict[str, Any]],
    category: str,
    stack: str,
    labels: dict[str, str],
    horizontal: bool = False,
    colours: alt.Scale | None = None,
) -> alt.Chart:
    """Bars of `count` per `category`, stacked by `stack`."""
    along = alt.X if horizontal else alt.Y
    across = alt.Y if horizontal else alt.X
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            across(f"{category}:N", title=labels[category], sort="ascending"),
            along("sum(count):Q", title=labels["count"]),
            alt.Color(f"{stack}:N", title=labels[stack], scale=colours or alt.Undefined),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=labels[category]),
                alt.Tooltip(f"{stack}:N", title=labels[stack]),
                alt.Tooltip("count:Q", title=labels["count"]),
            ],
        )
    )


def datasets_by_organisation(counts: Sequence[DatasetCount]) -> Figure:
    labels = {
        "organisation": t("dashboard.datasets.organisation"),
        "status": t("dashboard.datasets.status"),
        **_count_label(),
    }
    rows = [
        {
            "organisation": c.organisation,
            "status": t(f"catalogue.vocab.status.{c.status}"),
            "count": c.count,
        }
        for c in counts
    ]
    return Figure(_stacked(rows, "organisation", "status", labels, horizontal=True), rows, labels)


def legal_basis(figure: LegalBasisFigure) -> Figure:
    labels = {"state": t("dashboard.legal_basis.state"), **_count_label()}
    complete, incomplete = (t(f"dashboard.legal_basis.{s}") for s in ("complete", "incomplete"))
    rows = [
        {"state": complete, "count": figure.complete},
        {"state": incomplete, "count": len(figure.gaps)},
    ]
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_arc(innerRadius=50)
        .encode(
            alt.Theta("count:Q", title=labels["count"]),
            alt.Color(
                "state:N",
                title=labels["state"],
                scale=alt.Scale(domain=[complete, incomplete], range=list(_BASIS_COLOURS)),
            ),
            tooltip=[
                alt.Tooltip("state:N", title=labels["state"]),
                alt.Tooltip("count:Q", title=labels["count"]),
            ],
        )
    )
    return Figure(chart, rows, labels)


def assessments_by_status(counts: Sequence[AssessmentCount]) -> Figure:
    labels = {
        "kind": t("dashboard.assessments.kind"),
        "status": t("dashboard.assessments.status"),
        **_count_label(),
    }
    rows = [
        {
            "kind": t(f"catalogue.vocab.assessment_kind.{c.kind}"),
            "status": t(f"catalogue.vocab.assessment_status.{c.status}"),
            "count": c.count,
        }
        for c in counts
    ]
    return Figure(_stacked(rows, "kind", "status", labels), rows, labels)


def gate_outcomes(counts: Sequence[GateCount]) -> Figure:
    labels = {
        "day": t("dashboard.gate.day"),
        "outcome": t("dashboard.gate.outcome"),
        **_count_label(),
    }
    rows = [
        {"day": c.day, "outcome": t(f"catalogue.vocab.outcome.{c.outcome}"), "count": c.count}
        for c in counts
    ]
    colours = alt.Scale(
        domain=[t(f"catalogue.vocab.outcome.{o}") for o in _OUTCOME_COLOURS],
        range=list(_OUTCOME_COLOURS.values()),
    )
    return Figure(_stacked(rows, "day", "outcome", labels, colours=colours), rows, labels)


def pii_declared_and_found(counts: Sequence[PiiCount]) -> Figure:
    """Declared and found columns side by side per entity; the table adds where they
    agree and where they differ."""
    measures = ("declared", "found", "confirmed", "undeclared", "not_found")
    labels = {
        "entity": t("dashboard.pii.entity"),
        **{m: t(f"dashboard.pii.{m}") for m in measures},
    }
    rows = [{"entity": c.entity, **{m: getattr(c, m) for m in measures}} for c in counts]
    drawn = [
        {"entity": c.entity, "measure": labels[m], "count": getattr(c, m)}
        for c in counts
        for m in ("declared", "found")
    ]
    chart = (
        alt.Chart(pd.DataFrame(drawn))
        .mark_bar()
        .encode(
            alt.Y("entity:N", title=labels["entity"]),
            alt.X("count:Q", title=t("dashboard.count")),
            alt.YOffset("measure:N"),
            alt.Color("measure:N", title=t("dashboard.pii.measure")),
            tooltip=[
                alt.Tooltip("entity:N", title=labels["entity"]),
                alt.Tooltip("measure:N", title=t("dashboard.pii.measure")),
                alt.Tooltip("count:Q", title=t("dashboard.count")),
            ],
        )
    )
    return Figure(chart, rows, labels)
