"""The risk register of an assessment (Model DPIA, parts C and D): edit the risks with
their likelihood and impact, the measures with owner and due date, and the residual
grades; read them back with the level the matrix gives; and see where they lie on a
likelihood x impact heat map, before and after the measures, with the counts beside it.

The services check every risk (ids, grades, measures with an owner, dates) and store the
register as one answer; the levels come from the domain's matrix through
`Governance.risk_register`.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from governance.assessment_views import RiskRegister
from governance.domain.assessment import Assessment
from governance.domain.risks import Grade, Risk
from governance.domain.templates import Question
from governance.errors import BadInputError
from governance.services import Governance
from ui.components import assessment_data
from ui.components.assessment_feedback import feedback, tell
from ui.components.assessment_questions import label
from ui.components.texts import t

RISK_COLUMNS = (
    "id",
    "description",
    "rights",
    "likelihood",
    "impact",
    "residual_likelihood",
    "residual_impact",
)
MEASURE_COLUMNS = ("risk", "description", "owner", "due")
_COLOURS = ("#9ccc65", "#ffca28", "#ef5350")  # low, medium, high


def risk_register(
    gov: Governance, scope: str, state: Assessment, question: Question, editable: bool
) -> None:
    register = assessment_data.risks(gov, state.id, state.version)
    st.markdown(f"**{label(question)}**")
    if editable:
        _editor(gov, scope, state.id, register)
    if not register.risks:
        st.caption(t("dpia.risk.none"))
        return
    st.dataframe(_register_rows(register.risks), hide_index=True)
    heat_maps(register)


def _editor(gov: Governance, scope: str, assessment_id: int, register: RiskRegister) -> None:
    where = f"{scope}.risks.{assessment_id}"
    # The stored register in the keys: once saved (by anyone), the editors start afresh.
    stored = json.dumps([r.to_json() for r in register.risks], sort_keys=True)
    digest = f"{zlib.crc32(stored.encode()):08x}"
    with st.form(f"{where}.form"):
        st.caption(t("dpia.risk.help"))
        risks = st.data_editor(
            pd.DataFrame(_risk_rows(register.risks), columns=list(RISK_COLUMNS)),
            key=f"{where}.risks.{digest}",
            num_rows="dynamic",
            hide_index=True,
            column_config=_risk_columns(),
        )
        measures = st.data_editor(
            _measure_frame(register.risks),
            key=f"{where}.measures.{digest}",
            num_rows="dynamic",
            hide_index=True,
            column_config=_measure_columns(),
        )
        if st.form_submit_button(t("dpia.risk.save"), key=f"{where}.save", type="primary"):
            _save(gov, where, assessment_id, register.question, risks, measures)
    feedback(where)


def _save(
    gov: Governance,
    where: str,
    assessment_id: int,
    question: str | None,
    risks: pd.DataFrame,
    measures: pd.DataFrame,
) -> None:
    """Store the edited register as one answer (none left: the answer is taken back)."""
    by_risk: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _filled(measures):
        due = row.get("due")
        by_risk[str(row.get("risk") or "").strip()].append(
            {
                "description": row.get("description"),
                "owner": row.get("owner"),
                "due": pd.Timestamp(due).date().isoformat() if due is not None else None,
            }
        )
    register = [
        {
            **{column: row.get(column) for column in RISK_COLUMNS},
            "id": str(row.get("id") or "").strip(),
            "rights": [r.strip() for r in str(row.get("rights") or "").split(",") if r.strip()],
            "measures": by_risk.pop(str(row.get("id") or "").strip(), []),
        }
        for row in _filled(risks)
    ]
    if by_risk:
        tell(where, "error", t("dpia.risk.unknown_risk", ids=", ".join(sorted(by_risk))))
        return
    try:
        gov.answer(assessment_id, {str(question): register or None})
    except BadInputError as error:
        tell(where, "error", str(error))
        return
    tell(where, "success", t("dpia.risk.saved", count=len(register)))
    st.rerun()


def _filled(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows someone filled in, empty cells as None."""
    rows = [
        {column: None if _empty(value) else value for column, value in row.items()}
        for row in frame.to_dict("records")
    ]
    return [row for row in rows if any(value is not None for value in row.values())]


def _empty(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and bool(pd.isna(value)))


def _risk_rows(risks: list[Risk]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "description": r.description,
            "rights": ", ".join(r.rights),
            "likelihood": r.likelihood.value,
            "impact": r.impact.value,
            "residual_likelihood": r.residual_likelihood.value if r.residual_likelihood else None,
            "residual_impact": r.residual_impact.value if r.residual_impact else None,
        }
        for r in risks
    ]


def _measure_frame(risks: list[Risk]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {"risk": r.id, "description": m.description, "owner": m.owner, "due": m.due}
            for r in risks
            for m in r.measures
        ],
        columns=list(MEASURE_COLUMNS),
    )
    frame["due"] = pd.to_datetime(frame["due"])
    return frame


def _grade_column(key: str, required: bool) -> Any:
    grades = {g.value: t(f"dpia.grade.{g.value}") for g in Grade}
    return st.column_config.SelectboxColumn(
        t(f"dpia.risk.col.{key}"),
        options=list(grades),
        format_func=grades.__getitem__,
        required=required,
    )


def _risk_columns() -> dict[str, Any]:
    return {
        "id": st.column_config.TextColumn(t("dpia.risk.col.id"), required=True),
        "description": st.column_config.TextColumn(
            t("dpia.risk.col.description"), required=True, width="large"
        ),
        "rights": st.column_config.TextColumn(
            t("dpia.risk.col.rights"), help=t("dpia.risk.rights_help")
        ),
        "likelihood": _grade_column("likelihood", True),
        "impact": _grade_column("impact", True),
        "residual_likelihood": _grade_column("residual_likelihood", False),
        "residual_impact": _grade_column("residual_impact", False),
    }


def _measure_columns() -> dict[str, Any]:
    return {
        "risk": st.column_config.TextColumn(t("dpia.risk.col.risk"), required=True),
        "description": st.column_config.TextColumn(
            t("dpia.risk.col.measure"), required=True, width="large"
        ),
        "owner": st.column_config.TextColumn(t("dpia.risk.col.owner"), required=True),
        "due": st.column_config.DateColumn(t("dpia.risk.col.due"), format="DD-MM-YYYY"),
    }


def _register_rows(risks: list[Risk]) -> list[dict[str, str]]:
    """The register as read: texts people typed go into table cells, shown as text."""

    def grade(value: Grade | None) -> str:
        return t(f"dpia.grade.{value.value}") if value else "–"

    return [
        {
            t("dpia.risk.col.id"): r.id,
            t("dpia.risk.col.description"): r.description,
            t("dpia.risk.col.rights"): ", ".join(r.rights),
            t("dpia.risk.col.likelihood"): grade(r.likelihood),
            t("dpia.risk.col.impact"): grade(r.impact),
            t("dpia.risk.col.level"): grade(r.level),
            t("dpia.risk.col.measures"): "; ".join(
                f"{m.description} ({m.owner}{f', {m.due:%d-%m-%Y}' if m.due else ''})"
                for m in r.measures
            ),
            t("dpia.risk.col.residual_level"): grade(r.residual_level),
        }
        for r in risks
    ]


def heat_maps(register: RiskRegister) -> None:
    """Two heat maps, before and after the measures, with the counts in the cells and in
    a table."""
    grades = [t(f"dpia.grade.{g.value}") for g in Grade]
    frame = pd.DataFrame(
        [
            {
                "likelihood": t(f"dpia.grade.{c.likelihood.value}"),
                "impact": t(f"dpia.grade.{c.impact.value}"),
                "level": t(f"dpia.grade.{c.level.value}"),
                "before": c.inherent,
                "after": c.residual,
            }
            for c in register.cells
        ]
    )
    for column, count in zip(st.columns(2), ("before", "after"), strict=True):
        column.altair_chart(_heat_map(frame, count, grades), width="stretch")
    with st.expander(t("dpia.risk.numbers")):
        st.dataframe(
            frame.rename(columns={c: t(f"dpia.risk.col.{c}") for c in frame.columns}),
            hide_index=True,
        )
    st.caption(t("dpia.risk.matrix_reference"))


def _heat_map(frame: pd.DataFrame, count: str, grades: list[str]) -> alt.LayerChart:
    base = alt.Chart(frame, title=t(f"dpia.risk.{count}")).encode(
        x=alt.X(
            "likelihood:N",
            sort=grades,
            title=t("dpia.risk.col.likelihood"),
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y("impact:N", sort=grades[::-1], title=t("dpia.risk.col.impact")),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "level:N",
            scale=alt.Scale(domain=grades, range=list(_COLOURS)),
            legend=alt.Legend(title=t("dpia.risk.col.level")),
        ),
        tooltip=[
            alt.Tooltip("likelihood:N", title=t("dpia.risk.col.likelihood")),
            alt.Tooltip("impact:N", title=t("dpia.risk.col.impact")),
            alt.Tooltip("level:N", title=t("dpia.risk.col.level")),
            alt.Tooltip(f"{count}:Q", title=t("dpia.risk.col.count")),
        ],
    )
    counts = base.mark_text(fontSize=18, fontWeight="bold").encode(text=f"{count}:Q")
    return (cells + counts).properties(height=220)
