"""Approval check: the analyst chooses a dataset, a purpose and a recipient from its
registration and sees whether sharing is approved, why (not), and gets the extract.

The answer comes from the stored decisions (`Governance.check`): nothing is decided here;
the extract is written by `Governance.share`, which refuses what the gate does not allow.
"""

from __future__ import annotations

import streamlit as st

from governance.domain.registration import Registration
from governance.domain.roles import Permission
from governance.errors import BadInputError
from governance.services import Governance
from ui.components import decision_view
from ui.components.safe import plain
from ui.components.session import data_version, require
from ui.components.texts import t

_PURPOSE, _RECIPIENT = "approval_purpose", "approval_recipient"


@st.cache_data(show_spinner=False, max_entries=4)
def _catalogue(_gov: Governance, url: str, version: int) -> dict[str, str]:
    """Every dataset's id and title, from the catalogue's light listing: the options of
    the first choice (the store's URL and version are the cache key)."""
    return {row.id: row.title for row in _gov.catalogue()}


@st.cache_data(show_spinner=False, max_entries=64)
def _registration(_gov: Governance, url: str, version: int, dataset_id: str) -> Registration:
    return _gov.show(dataset_id).registration


def _forget_choices() -> None:
    """Another dataset has other purposes and recipients: choose them again."""
    for key in (_PURPOSE, _RECIPIENT):
        st.session_state.pop(key, None)


gov = require(Permission.CHECK)
st.title(t("approval.title"))
st.caption(t("approval.intro"))

key = (gov.store.url, data_version(gov))
titles = _catalogue(gov, *key)
dataset_id = st.selectbox(
    t("approval.dataset"),
    list(titles),
    index=None,
    format_func=lambda i: t("approval.dataset_option", title=titles[i], id=i),
    placeholder=t("approval.dataset_placeholder"),
    key="approval_dataset",
    on_change=_forget_choices,
)
if dataset_id is None:
    st.info(t("approval.choose"))
    st.stop()
registration = _registration(gov, *key, dataset_id)

purposes = {purpose.id: purpose for purpose in registration.purposes}
purpose = st.selectbox(
    t("approval.purpose"),
    list(purposes),
    index=None,
    placeholder=t("approval.purpose_placeholder"),
    key=_PURPOSE,
)
if purpose is not None:
    st.text(purposes[purpose].description)

if not registration.recipients:
    st.warning(t("approval.no_recipients"))
    decision_view.ask_steward(registration, "add_recipient")
    st.stop()
recipients = {r.id: r for r in registration.recipients}
recipient = st.selectbox(
    t("approval.recipient"),
    list(recipients),
    index=None,
    format_func=lambda i: t(
        "approval.recipient_option",
        name=recipients[i].name,
        organisation=recipients[i].organisation,
    ),
    placeholder=t("approval.recipient_placeholder"),
    key=_RECIPIENT,
)
if purpose is None or recipient is None:
    st.info(t("approval.choose"))
    st.stop()

try:
    answer = gov.check(dataset_id, purpose, recipient)
except BadInputError as error:
    st.error(plain(str(error)))
    st.stop()
st.divider()
decision_view.show_answer(answer)
decision_view.extract_download(gov, answer)
decision_view.run_gate(gov, dataset_id, purpose, recipient)
