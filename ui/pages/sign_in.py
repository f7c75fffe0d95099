"""Sign in with a local account, or through the municipality's identity provider when
`.streamlit/secrets.toml` has an `[auth]` section (see the README)."""

from __future__ import annotations

import streamlit as st

from governance import config
from governance.passwords import SignInLocked
from ui.components.safe import plain
from ui.components.session import governance_for, sign_in
from ui.components.texts import t

st.title(t("sign_in.title"))
st.caption(t("sign_in.intro"))


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


if _oidc_configured():
    if st.user.is_logged_in:
        claim = config.oidc_claim()
        name = str(st.user.get(claim) or "")
        # An e-mail address the provider has not verified names nobody.
        unverified = claim == "email" and st.user.get("email_verified") is False
        if name and not unverified and governance_for(name).roles():
            sign_in(name, "oidc")
            st.rerun()
        st.error(t("sign_in.no_account", name=plain(name or "?")))
    elif st.button(t("sign_in.with_provider"), type="primary"):
        st.login()
    st.divider()

with st.form("sign_in"):
    name = st.text_input(t("sign_in.name"))
    password = st.text_input(t("sign_in.password"), type="password")
    submitted = st.form_submit_button(t("sign_in.submit"), type="primary")
if submitted:
    name = name.strip()
    if not name or not password:
        st.error(t("sign_in.missing"))
    else:
        try:
            roles = governance_for(name).authenticate(name, password)
        except SignInLocked:
            st.error(t("sign_in.locked"))
        else:
            if roles is None:
                st.error(t("sign_in.failed"))
            else:
                sign_in(name, "password")
                st.rerun()
