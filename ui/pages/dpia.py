"""The DPIA workspace: the pre-scan (does this processing need a DPIA?), the list of
pre-scans and DPIAs to open one from, the Model DPIA part by part with its risk register,
the review by the privacy officer and the DPO, and the export."""

from __future__ import annotations

import streamlit as st

from governance.domain.roles import Permission
from governance.domain.templates import TemplateKind
from ui.components.assessment_form import workspace
from ui.components.assessment_list import assessment_tabs, browse, new_assessment_form
from ui.components.assessment_prescan import prescan_form
from ui.components.session import require
from ui.components.texts import t

SCOPE = "dpia"
KINDS = (TemplateKind.PRESCAN, TemplateKind.DPIA)

gov = require(Permission.ASSESS)
st.title(t("dpia.title"))
st.caption(t("dpia.intro"))
tabs = assessment_tabs(SCOPE, ("list", "prescan", "new"))
if tabs["list"].open:
    with tabs["list"]:
        chosen = browse(gov, SCOPE, KINDS)
        if chosen is not None:
            workspace(gov, SCOPE, chosen)
if tabs["prescan"].open:
    with tabs["prescan"]:
        prescan_form(gov, SCOPE)
if tabs["new"].open:
    with tabs["new"]:
        new_assessment_form(gov, SCOPE, (TemplateKind.DPIA,))
