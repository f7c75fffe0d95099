"""The governance front end: sign in, then the pages the signed-in person's roles allow.

Start it with `governance ui` (or `make demo`). Every page is a thin file in `pages/`;
what a role may do is `governance.domain.roles.PERMISSIONS`, which the services enforce.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from governance.domain.roles import Permission
from ui.components.safe import plain
from ui.components.session import current_user, governance, sign_out
from ui.components.texts import LANGUAGES, language, t

FAVICON = Path(__file__).parent / "assets" / "favicon.png"


@dataclass(frozen=True)
class PageSpec:
    file: str
    key: str  # texts: nav.<key>
    icon: str
    permission: Permission


PAGES = (
    PageSpec("pages/dashboard.py", "dashboard", ":material/monitoring:", Permission.VIEW_CATALOGUE),
    PageSpec("pages/catalogue.py", "catalogue", ":material/dataset:", Permission.VIEW_CATALOGUE),
    PageSpec("pages/register.py", "register", ":material/edit_document:", Permission.REGISTER),
    PageSpec("pages/dpia.py", "dpia", ":material/policy:", Permission.ASSESS),
    PageSpec("pages/ethics.py", "ethics", ":material/balance:", Permission.ASSESS),
    PageSpec("pages/approval.py", "approval", ":material/task_alt:", Permission.CHECK),
    PageSpec("pages/audit_log.py", "audit_log", ":material/receipt_long:", Permission.VIEW_AUDIT),
)


def main() -> None:
    # A local favicon: with a page's Material icon, the browser fetches one from Google.
    st.set_page_config(page_title="Governance", page_icon=str(FAVICON), layout="wide")
    _language_switch()
    user = current_user()
    if user is None:
        st.navigation([st.Page("pages/sign_in.py", title=t("nav.sign_in"))]).run()
        return
    gov = governance()
    roles, permitted = gov.roles(), gov.permissions()
    allowed = [page for page in PAGES if page.permission in permitted]
    with st.sidebar:
        st.caption(t("common.signed_in_as", name=plain(user.name)))
        st.caption(", ".join(t(f"roles.{role.value}") for role in sorted(roles)) or "–")
        if st.button(t("common.sign_out"), key="sign_out"):
            sign_out()
            if user.via == "oidc":
                st.logout()
            st.rerun()
    if not allowed:
        st.warning(t("common.no_role"))
        st.stop()
    pages = [
        st.Page(page.file, title=t(f"nav.{page.key}"), icon=page.icon, url_path=page.key)
        for page in allowed
    ]
    st.navigation(pages).run()


def _language_switch() -> None:
    with st.sidebar:
        st.selectbox(
            "Taal / language",
            list(LANGUAGES),
            index=list(LANGUAGES).index(language()),
            format_func=LANGUAGES.__getitem__,
            key="language",
        )


main()
