"""Upload a data file for a registered dataset: the PII scan set beside the declared
columns and the quality run's outcome, as entity names and counts only.

The check runs once per uploaded file (Streamlit gives each upload its own id); its
result, or the reason it was refused, stays under the uploader until another file comes.
"""

from __future__ import annotations

import streamlit as st

from governance import config
from governance.domain.quality import Outcome
from governance.errors import BadInputError
from governance.registration_service import ColumnVerdict, UploadCheck
from governance.services import Governance
from ui.components.safe import plain
from ui.components.texts import t

UPLOAD_KEY = "reg.upload"
_RESULT = "reg.upload.result"
_TYPES = ["csv", "xlsx", "parquet"]
_OUTCOME = {Outcome.PASSED: st.success, Outcome.WARNINGS: st.warning, Outcome.FAILED: st.error}


def upload_section(gov: Governance, dataset_id: str) -> None:
    st.subheader(t("register.upload.title"))
    limit = config.max_upload_mb()
    st.caption(t("register.upload.intro", limit=limit))
    uploaded = st.file_uploader(
        t("register.upload.label"), type=_TYPES, key=UPLOAD_KEY, help=t("register.upload.help")
    )
    if uploaded is None:
        st.session_state.pop(_RESULT, None)
        return
    marker = (dataset_id, uploaded.file_id)
    kept = st.session_state.get(_RESULT)
    if kept is None or kept[0] != marker:
        with st.spinner(t("register.upload.running")):
            try:
                kept = (marker, gov.check_upload(dataset_id, uploaded.name, uploaded))
            except BadInputError as error:
                kept = (marker, str(error))
        st.session_state[_RESULT] = kept
    result = kept[1]
    if isinstance(result, str):
        st.error(plain(result))
    else:
        _show(result)


def _show(result: UploadCheck) -> None:
    st.caption(
        t(
            "register.upload.summary",
            rows=result.rows,
            scanned=result.rows_scanned,
            name=plain(result.filename),
        )
    )
    st.markdown(f"**{t('register.upload.scan')}**")
    if result.undeclared_personal_data:
        st.warning(t("register.upload.undeclared"))
    st.dataframe(
        [
            {
                t("register.upload.column"): c.column,
                t("register.upload.declared"): c.declared or "",
                t("register.upload.found"): ", ".join(c.found),
                t("register.upload.verdict"): t(f"register.upload.verdicts.{c.verdict.value}"),
            }
            for c in sorted(result.columns, key=lambda c: c.verdict is ColumnVerdict.AGREES)
        ],
        hide_index=True,
        key="reg.upload.columns",
    )
    st.markdown(f"**{t('register.upload.quality')}**")
    _OUTCOME[result.outcome](t(f"register.upload.outcomes.{result.outcome.value}"))
    if not result.had_suite:
        st.caption(t("register.upload.no_suite"))
    if result.contract:
        st.dataframe(
            [
                {
                    t("register.upload.column"): p.column,
                    t("register.upload.check"): p.check,
                    t("register.upload.count"): p.count,
                    t("register.upload.message"): p.message,
                }
                for p in result.contract
            ],
            hide_index=True,
            key="reg.upload.contract",
        )
    if result.expectations:
        st.dataframe(
            [
                {
                    t("register.upload.expectation"): e.type,
                    t("register.upload.column"): ", ".join(e.columns),
                    t("register.upload.severity"): e.severity,
                    t("register.upload.passed"): e.success,
                    t("register.upload.count"): e.unexpected_count,
                }
                for e in result.expectations
            ],
            hide_index=True,
            key="reg.upload.expectations",
        )
