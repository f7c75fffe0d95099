"""Ethics: the record of a DEDA dialogue (who took part, the answers per stage and theme,
the actions agreed) and the IAMA for algorithms that support decisions about people; the
same assessment engine and workspace as the DPIA, with their own templates."""

from __future__ import annotations

from functools import partial

import streamlit as st

from governance.domain.roles import Permission
from governance.domain.templates import TemplateKind
from ui.components.assessment_form import browse_and_open
from ui.components.assessment_list import assessment_tabs, new_assessment_form
from ui.components.session import require
from ui.components.texts import t

SCOPE = "ethics"
KINDS = (TemplateKind.DEDA, TemplateKind.IAMA)

gov = require(Permission.ASSESS)
st.title(t("ethics.title"))
st.caption(t("ethics.intro"))
assessment_tabs(
    SCOPE,
    {
        "list": partial(browse_and_open, gov, SCOPE, KINDS),
        "new": partial(new_assessment_form, gov, SCOPE, KINDS),
    },
)
