"""The DPIA workspace: the pre-scan (does this processing need a DPIA?), the list of
pre-scans and DPIAs to open one from, the Model DPIA part by part with its risk register,
the review by the privacy officer and the DPO, and the export."""

from __future__ import annotations

from functools import partial

import streamlit as st

from governance.domain.roles import Permission
from governance.domain.templates import TemplateKind
from ui.components.assessment_form import browse_and_open
from ui.components.assessment_list import assessment_tabs, new_assessment_form
from ui.components.assessment_prescan import prescan_form
from ui.components.session import require
from ui.components.texts import t

SCOPE = "dpia"
KINDS = (TemplateKind.PRESCAN, TemplateKind.DPIA)

gov = require(Permission.ASSESS)
st.title(t("dpia.title"))
st.caption(t("dpia.intro"))
assessment_tabs(
    SCOPE,
    {
        "list": partial(browse_and_open, gov, SCOPE, KINDS),
        "prescan": partial(prescan_form, gov, SCOPE),
        "new": partial(new_assessment_form, gov, SCOPE, (TemplateKind.DPIA,)),
    },
)
