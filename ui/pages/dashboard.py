"""Dashboard: how far the organisation is, for management and the privacy officer.

The figures come from `Governance.dashboard` in one call, cached until the store changes
(`data_version`), so reruns and other visitors cost nothing until someone writes.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from governance.domain.roles import Permission
from governance.errors import BadInputError
from governance.services import Governance
from governance.views_service import REVIEW_NOTICE, DashboardFigures
from ui.components import charts
from ui.components.safe import plain
from ui.components.session import data_version, require
from ui.components.texts import t


@st.cache_data(show_spinner=False, max_entries=16)
def _figures(
    _gov: Governance, store: str, actor: str, version: int, today: date
) -> DashboardFigures:
    """Keyed by the store, the person (the service checks their permission), the store's
    state and the day (review dates count from today)."""
    return _gov.dashboard(today)


gov = require(Permission.VIEW_CATALOGUE)
st.title(t("dashboard.title"))
st.caption(t("dashboard.intro"))
try:
    figures = _figures(gov, gov.store.url, gov.actor, data_version(gov), date.today())
except BadInputError as error:
    st.error(plain(str(error)))
    st.stop()

basis = figures.legal_basis
numbers = st.columns(6)
numbers[0].metric(t("dashboard.metric.datasets"), figures.total)
numbers[1].metric(t("dashboard.metric.personal"), basis.personal)
numbers[2].metric(
    t("dashboard.metric.legal_basis"),
    "–" if basis.share is None else f"{basis.share:.0%}",
    help=t("dashboard.legal_basis.share", complete=basis.complete, personal=basis.personal),
)
numbers[3].metric(t("dashboard.metric.reviews_due"), len(figures.reviews_due))
numbers[4].metric(t("dashboard.metric.decisions"), sum(c.count for c in figures.gate_outcomes))
numbers[5].metric(t("dashboard.metric.scanned"), figures.scanned)

left, right = st.columns(2)
with left:
    st.subheader(t("dashboard.datasets.title"))
    charts.show(charts.datasets_by_organisation(figures.datasets))
with right:
    st.subheader(t("dashboard.legal_basis.title"))
    st.caption(t("dashboard.legal_basis.caption"))
    if basis.personal:
        charts.show(charts.legal_basis(basis))
    else:
        st.info(t("dashboard.legal_basis.none"))

if basis.gaps:
    st.markdown(f"**{t('dashboard.legal_basis.gaps')}**")
    gaps = [
        {
            "dataset": gap.dataset_id,
            "title": gap.title,
            "organisation": gap.organisation,
            "rules": ", ".join(gap.rules),
        }
        for gap in basis.gaps
    ]
    charts.table(gaps, "dashboard.legal_basis.column")
elif basis.personal:
    st.success(t("dashboard.legal_basis.no_gaps"))

left, right = st.columns(2)
with left:
    st.subheader(t("dashboard.assessments.title"))
    charts.show_or_none(
        figures.assessments, charts.assessments_by_status, "dashboard.assessments.none"
    )
with right:
    st.subheader(t("dashboard.gate.title"))
    charts.show_or_none(figures.gate_outcomes, charts.gate_outcomes, "dashboard.gate.none")

st.markdown(f"**{t('dashboard.assessments.due', days=REVIEW_NOTICE.days)}**")
if figures.reviews_due:
    due = [
        {
            "id": row.id,
            "kind": t(f"catalogue.vocab.assessment_kind.{row.kind}"),
            "title": row.title,
            "datasets": ", ".join(row.datasets),
            "review_by": row.review_by,
            "overdue": row.overdue,
            "reasons": "; ".join(row.review_reasons),
        }
        for row in figures.reviews_due
    ]
    charts.table(due, "dashboard.assessments.column")
else:
    st.caption(t("dashboard.assessments.none_due"))

st.subheader(t("dashboard.pii.title"))
st.caption(t("dashboard.pii.caption", scanned=figures.scanned, total=figures.total))
charts.show_or_none(figures.pii, charts.pii_declared_and_found, "dashboard.pii.none")
