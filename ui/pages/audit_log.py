"""Audit log: who did what, to what and when, filtered and a page at a time, and whether
the hash chain is intact.

Entries are filtered and counted in the store (`Governance.audit_entries`). Verifying the
chain reads the whole log and every audited record, so it runs on a button and its result
is kept for the session, with a note when entries were added since; it is not cached on
the store's version, because tampering with a row does not change that version.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from governance.audit_service import AuditFilter, AuditPage
from governance.domain.roles import Permission
from governance.errors import BadInputError
from governance.services import AuditReport, Governance
from ui.components.safe import plain
from ui.components.session import data_version, require
from ui.components.texts import language, t, texts

PAGE_SIZES = (25, 50, 100, 200)
PROBLEMS_SHOWN = 20
_VERIFIED, _PAGE, _SEEN = "audit_verified", "audit_page", "audit_filter_seen"


@dataclass(frozen=True)
class _Verified:
    url: str
    version: int  # the store's version when verified
    at: str
    report: AuditReport


def _verification(gov: Governance) -> None:
    st.subheader(t("audit_log.verification"))
    if st.button(t("audit_log.verify"), key="audit_verify", help=t("audit_log.verify_help")):
        version = data_version(gov)
        try:
            report = gov.verify_audit()
        except BadInputError as error:
            st.error(plain(str(error)))
            return
        at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        st.session_state[_VERIFIED] = _Verified(gov.store.url, version, at, report)
    verified = st.session_state.get(_VERIFIED)
    if not isinstance(verified, _Verified) or verified.url != gov.store.url:
        st.info(t("audit_log.not_verified"))
        return
    report = verified.report
    if report.intact:
        st.success(t("audit_log.intact", entries=report.entries))
    else:
        st.error(t("audit_log.broken", count=len(report.problems), entries=report.entries))
        st.text("\n".join(report.problems[:PROBLEMS_SHOWN]))
        hidden = len(report.problems) - PROBLEMS_SHOWN
        if hidden > 0:
            st.caption(t("audit_log.more_problems", count=hidden))
    if report.head is not None:
        st.caption(t("audit_log.head", seq=report.head.seq))
        st.code(report.head.entry_hash, language=None)
    st.caption(t("audit_log.checked_at", at=verified.at))
    added = data_version(gov) - verified.version
    if added > 0:
        st.warning(t("audit_log.changed_since", count=added))


def _filters(gov: Governance) -> tuple[AuditFilter, int]:
    """The filter and page size the reader chose."""
    choices = gov.audit_choices()
    everyone, every_family = t("audit_log.everyone"), t("audit_log.every_family")
    names = texts(language())
    first, second = st.columns(2)
    actor = first.selectbox(
        t("audit_log.actor"),
        [None, *choices.actors],
        format_func=lambda a: everyone if a is None else a,
        placeholder=everyone,  # what a None choice shows
        key="audit_actor",
    )
    family = second.selectbox(
        t("audit_log.family"),
        [None, *choices.families],
        format_func=lambda f: (
            every_family if f is None else names.get(f"audit_log.family_name.{f}", f)
        ),
        placeholder=every_family,
        key="audit_family",
    )
    subject = st.text_input(
        t("audit_log.subject"), key="audit_subject", help=t("audit_log.subject_help")
    )
    since_column, until_column, size_column = st.columns(3)
    since = since_column.date_input(
        t("audit_log.since"), value=None, format="DD-MM-YYYY", key="audit_since"
    )
    until = until_column.date_input(
        t("audit_log.until"), value=None, format="DD-MM-YYYY", key="audit_until"
    )
    size = size_column.selectbox(
        t("audit_log.page_size"), PAGE_SIZES, index=1, key="audit_page_size"
    )
    return AuditFilter(actor, family, subject.strip() or None, since, until), size


def _entries(gov: Governance, where: AuditFilter, size: int) -> AuditPage:
    """The chosen page; a new filter starts at page 1, and a page past the end (the log
    shrank: see the verification) shows the last one."""
    if st.session_state.get(_SEEN) != (where, size):
        st.session_state[_SEEN] = (where, size)
        st.session_state[_PAGE] = 1
    number = st.session_state.get(_PAGE, 1)
    found = gov.audit_entries(where, size, (number - 1) * size)
    if not found.entries and found.total:
        st.session_state[_PAGE] = math.ceil(found.total / size)
        found = gov.audit_entries(where, size, (st.session_state[_PAGE] - 1) * size)
    return found


def _show(found: AuditPage) -> None:
    if not found.total:
        st.info(t("audit_log.none_found"))
        return
    first = found.offset + 1
    st.caption(
        t(
            "audit_log.showing",
            first=first,
            last=found.offset + len(found.entries),
            total=found.total,
        )
    )
    st.dataframe(
        [
            {
                t("audit_log.seq"): entry.seq,
                t("audit_log.at"): entry.at[:19].replace("T", " "),
                t("audit_log.actor"): entry.actor,
                t("audit_log.action"): entry.action,
                t("audit_log.subject_column"): entry.subject,
                t("audit_log.digest"): entry.digest[:16],
            }
            for entry in found.entries
        ],
        hide_index=True,
        width="stretch",
    )
    pages = math.ceil(found.total / found.limit)
    if pages > 1:
        st.number_input(t("audit_log.page"), min_value=1, max_value=pages, step=1, key=_PAGE)


gov = require(Permission.VIEW_AUDIT)
st.title(t("audit_log.title"))
st.caption(t("audit_log.intro"))
_verification(gov)
st.subheader(t("audit_log.filters"))
where, size = _filters(gov)
try:
    found = _entries(gov, where, size)
except BadInputError as error:
    st.error(plain(str(error)))
    st.stop()
_show(found)
