"""Ethics: the record of a DEDA dialogue (who took part, the answers per stage and theme,
the actions agreed) and the IAMA for algorithms that support decisions about people; the
same assessment engine and workspace as the DPIA, with their own templates."""

from __future__ import annotations

import streamlit as st

from governance.domain.roles import Permission
from governance.domain.templates import TemplateKind
from ui.components.assessment_form import workspace
from ui.components.assessment_list import assessment_tabs, browse, new_assessment_form
from ui.components.session import require
from ui.components.texts import t

SCOPE = "ethics"
KINDS = (TemplateKind.DEDA, TemplateKind.IAMA)

gov = require(Permission.ASSESS)
st.title(t("ethics.title"))
st.caption(t("ethics.intro"))
tabs = assessment_tabs(SCOPE, ("list", "new"))
if tabs["list"].open:
    with tabs["list"]:
        chosen = browse(gov, SCOPE, KINDS)
        if chosen is not None:
            workspace(gov, SCOPE, chosen)
if tabs["new"].open:
    with tabs["new"]:
        new_assessment_form(gov, SCOPE, KINDS)
