"""Register a new dataset or edit one: every field with its help, the legal rules'
messages next to the fields before saving, a save that makes a new version, and a
conflict shown with nothing lost when someone else saved first. A registered dataset's
data file can be uploaded for a PII scan and a quality run."""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance.domain.legal_rules import Severity
from governance.domain.roles import Permission
from governance.errors import BadInputError
from governance.registration_service import RegistrationConflict, RegistrationRefused
from governance.services import Governance
from ui.components import registration_form as form
from ui.components.registration_upload import upload_section
from ui.components.safe import plain
from ui.components.session import data_version, require
from ui.components.texts import t

NEW = ""  # the choice of a new dataset (no dataset id is empty)
_NEW_FORM: dict[str, Any] = {"document": {}, "version": None, "title": ""}
CHOICE = "reg.choice"
LOADED = "reg.loaded"  # the choice the form was loaded for
BASE = "reg.base_version"  # the version the edit is based on; None for a new dataset
TITLE = "reg.loaded_title"
DRAFT = "reg.draft"  # what was typed, kept when Streamlit forgets the widgets
CHECKING = "reg.checking"  # once checked, the messages follow every change
PENDING = "reg.pending"  # a document to load at the start of the next run
CONFLICT = "reg.conflict"
STASH = "reg.stash"  # the typed input set aside when the other version was loaded
FLASH = "reg.flash"
EXTRA = "reg.refused"  # (id, refusals) only a save finds: the id is taken
COPY = "reg.copy"  # a new dataset may start as a copy of a registered one
COPIED = "reg.copied"  # the copy the form was loaded with


@st.cache_data(show_spinner=False, max_entries=8)
def _choices(_gov: Governance, store: str, version: int) -> dict[str, str]:
    """Dataset ids and titles (`store` and `version` are the cache key)."""
    return dict(_gov.registration_choices())


def _dataset_choice(choices: dict[str, str], key: str, label: str, none: str, help_: str) -> str:
    """A registered dataset, or NEW (shown as the text `none`); the other arguments are
    text keys too."""
    return st.selectbox(
        t(label),
        [NEW, *choices],
        key=key,
        format_func=lambda i: t(none) if i == NEW else f"{i} — {choices[i]}",
        help=t(help_),
    )


def _load(choice: str, source: dict[str, Any], version: int | None, title: str) -> None:
    form.load(source)
    st.session_state.update(
        {LOADED: choice, BASE: version, TITLE: title, DRAFT: source, CONFLICT: None, EXTRA: None}
    )


def _stored(gov: Governance, dataset_id: str) -> dict[str, Any]:
    """The current version as a pending load: its document without the version (the
    version is what the edit is based on, not content)."""
    registration = gov.show(dataset_id).registration
    document = registration.document()
    version = document.pop("version")
    return {
        "choice": dataset_id,
        "document": document,
        "version": version,
        "title": registration.title,
    }


def _prepare(gov: Governance, choices: dict[str, str]) -> str:
    """Load the form when the person chose another dataset, or after a save or a
    conflict asked for it; keep it as typed otherwise."""
    pending = st.session_state.pop(PENDING, None)
    if pending is not None:
        st.session_state[CHOICE] = pending["choice"]
    elif CHOICE not in st.session_state and LOADED in st.session_state:
        st.session_state[CHOICE] = st.session_state[LOADED]  # back from another page
    choice = _dataset_choice(
        choices, CHOICE, "register.choose", "register.new", "register.choose_help"
    )
    if pending is not None:
        _load(choice, pending["document"], pending["version"], pending["title"])
        st.session_state[CHECKING] = pending.get("checking", False)
    elif st.session_state.get(LOADED) != choice:
        st.session_state[CHECKING] = False
        st.session_state[STASH] = None
        for key in (COPY, COPIED):
            st.session_state.pop(key, None)
        loading = _stored(gov, choice) if choice != NEW else _NEW_FORM
        _load(choice, loading["document"], loading["version"], loading["title"])
    elif not form.is_loaded():
        form.load(st.session_state.get(DRAFT) or {})
    if choice == NEW:
        _offer_copy(gov, choices)
    return choice


def _offer_copy(gov: Governance, choices: dict[str, str]) -> None:
    """A new dataset like one already registered (the same system, owner, purposes) starts
    as its copy without the id, so the steward changes what differs instead of typing all."""
    source = _dataset_choice(
        choices, COPY, "register.copy_from", "register.copy_none", "register.copy_help"
    )
    if source == st.session_state.get(COPIED, NEW):
        return
    st.session_state[COPIED] = source
    document = _stored(gov, source)["document"] if source != NEW else {}
    document.pop("id", None)
    _load(NEW, document, None, "")


def _save(gov: Governance, drawn: form.DrawnForm) -> None:
    base = st.session_state.get(BASE)
    try:
        result = gov.save_registration(drawn.document, base)
    except RegistrationRefused as refused:
        st.session_state[CHECKING] = True
        taken = tuple(p for p in refused.problems if p.kind == "id-taken")
        st.session_state[EXTRA] = (drawn.document.get("id"), taken)
        st.error(t("register.refused", n=len(refused.problems)))
        return
    except RegistrationConflict as conflict:
        st.session_state[CONFLICT] = {
            "message": str(conflict),
            **_stored(gov, conflict.dataset_id),
        }
        return
    except BadInputError as error:
        st.error(plain(str(error)))
        return
    st.session_state[FLASH] = t(f"register.saved.{result.outcome.value}", version=result.version)
    st.session_state[PENDING] = {**_stored(gov, result.dataset_id), "checking": True}
    st.rerun()


def _conflict_panel(drawn: form.DrawnForm) -> None:
    """Someone else saved first: say so, show what differs, and let the person either
    base their input on that version or load it, with their input kept aside."""
    conflict = st.session_state.get(CONFLICT)
    if not conflict:
        return
    st.error(plain(conflict["message"]), icon=":material/sync_problem:")
    changed = form.differences(drawn.document, conflict["document"])
    with st.expander(t("register.conflict.compare", version=conflict["version"]), expanded=True):
        st.dataframe(changed, hide_index=True, key="reg.conflict.table")
    keep, take = st.columns(2)
    if keep.button(
        t("register.conflict.keep", version=conflict["version"]), key="reg.conflict.keep"
    ):
        st.session_state[BASE] = conflict["version"]
        st.session_state[CONFLICT] = None
        st.rerun()
    if take.button(
        t("register.conflict.take", version=conflict["version"]), key="reg.conflict.take"
    ):
        st.session_state[STASH] = drawn.document
        st.session_state[PENDING] = conflict
        st.rerun()


def _stash_panel() -> None:
    """The input set aside when the other version was loaded, to take back."""
    stash = st.session_state.get(STASH)
    if not stash:
        return
    st.info(t("register.stash.kept"))
    if st.button(t("register.stash.restore"), key="reg.stash.restore"):
        st.session_state[STASH] = None
        st.session_state[PENDING] = {
            "choice": st.session_state[LOADED],
            "document": stash,
            "version": st.session_state[BASE],
            "title": st.session_state[TITLE],
            "checking": True,
        }
        st.rerun()


gov = require(Permission.REGISTER)
st.title(t("register.title"))
st.caption(t("register.intro"))
choice = _prepare(gov, _choices(gov, gov.store.url, data_version(gov)))
base_version = st.session_state.get(BASE)
if base_version is None:
    st.markdown(t("register.creating"))
else:
    st.markdown(t("register.editing", title=plain(st.session_state[TITLE]), version=base_version))
flash = st.session_state.pop(FLASH, None)
if flash:
    st.success(flash)
_stash_panel()

drawn = form.draw(editing=base_version is not None)
st.session_state[DRAFT] = drawn.document
check_column, save_column, _ = st.columns([1, 1, 3])
if check_column.button(t("register.check"), key="reg.check", help=t("register.check_help")):
    st.session_state[CHECKING] = True
if save_column.button(
    t("register.save"), key="reg.save", type="primary", help=t("register.save_help")
):
    _save(gov, drawn)
_conflict_panel(drawn)
if st.session_state.get(CHECKING):
    try:
        problems = gov.check_registration(drawn.document).problems
    except BadInputError as error:
        st.error(plain(str(error)))
    else:
        extra = st.session_state.get(EXTRA)
        if extra and extra[0] == drawn.document.get("id"):
            problems += extra[1]
        form.show_problems(drawn.slots, problems)
        refusals = sum(p.severity is Severity.REFUSAL for p in problems)
        if problems:
            st.warning(t("register.summary", refusals=refusals, warnings=len(problems) - refusals))
        else:
            st.success(t("register.no_problems"))

st.divider()
if choice == NEW or base_version is None:
    st.subheader(t("register.upload.title"))
    st.info(t("register.upload.save_first"))
else:
    upload_section(gov, choice)
