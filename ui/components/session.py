"""Who is signed in, and the `Governance` they act through.

The store is opened once per process (`st.cache_resource`); each rerun gets a light
`Governance` bound to the signed-in person, so the services check *their* roles.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from governance import config
from governance.domain.roles import Permission
from governance.services import Governance
from governance.store.db import Store
from ui.components.texts import t

_USER = "signed_in"


@dataclass(frozen=True)
class SignedIn:
    """The person, not their roles: those are read from the store on every rerun, so a
    role taken away counts at once."""

    name: str
    via: str  # "password" or "oidc"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    store.migrate()
    return store


def governance_for(name: str) -> Governance:
    return Governance(_store(config.database_url()), name)


def current_user() -> SignedIn | None:
    user = st.session_state.get(_USER)
    return user if isinstance(user, SignedIn) else None


def sign_in(name: str, via: str) -> None:
    st.session_state[_USER] = SignedIn(name, via)


def sign_out() -> None:
    st.session_state.pop(_USER, None)


def governance() -> Governance:
    """The services, acting as the signed-in person (the app never shows a page otherwise)."""
    user = current_user()
    if user is None:
        st.stop()
    return governance_for(user.name)


def require(permission: Permission) -> Governance:
    """The services for a page that needs `permission`; anyone else sees why not, and the
    page stops. (The services refuse too: this only saves a person a useless form.)"""
    gov = governance()
    if not gov.may(permission):
        st.error(t("common.not_allowed"))
        st.stop()
    return gov


def data_version(gov: Governance) -> int:
    """Changes with every write to the store (the audit chain's length): the key that
    invalidates cached page data."""
    return gov.store_version()
