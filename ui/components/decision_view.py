"""A share decision as an analyst reads it: the answer in plain words first, then what
they get (column by column, with the rule that decides), and only then every rule with
its legal source. Also the extract: written on request, offered for download, and only
for an approved answer.

Reasons name registration values (titles, purposes, recipients, columns, contacts) that
people typed. Those never pass through Markdown, not even escaped: a browser still turns
a bare URL or e-mail address there into a link. They go to st.text, st.code and
dataframes; the Markdown holds only our own texts.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from governance.domain.gate import Decision, RuleResult, Verdict, share_form
from governance.domain.registration import Registration
from governance.domain.roles import Permission
from governance.errors import BadInputError
from governance.services import Governance
from governance.share_service import Answer, CheckAnswer, CheckedDecision
from ui.components.safe import plain
from ui.components.texts import language, t, texts

_EXTRACT = "approval_extract"  # session key: the extract last written, for its downloads

_HEADLINE = {
    Answer.APPROVED: st.success,
    Answer.NOT_APPROVED: st.error,
    Answer.NO_LONGER_VALID: st.warning,
    Answer.NEVER_ASSESSED: st.info,
}


def show_answer(answer: CheckAnswer) -> None:
    """The answer to the question chosen above it: approved or why not, and what to do."""
    registration = answer.registration
    if answer.unknown:
        st.error(t("approval.answer.unknown"))
        st.text(answer.unknown)
        ask_steward(registration, "ask_registration")
        return
    verdict = answer.answer
    _HEADLINE[verdict](t(f"approval.answer.{verdict.name.lower()}"))
    for checked in answer.decisions:
        _show_checked(checked, registration)
    if verdict is Answer.NOT_APPROVED:
        ask_steward(registration, "ask_blocked")
    elif verdict is not Answer.APPROVED:
        ask_steward(registration, "ask_gate")


def ask_steward(registration: Registration, step: str) -> None:
    """What to ask of whom: the next step, then the steward's (else the owner's) name and
    contact as text to copy, never a link made from what a registration says."""
    st.markdown(t(f"approval.next.{step}"))
    person = registration.steward or registration.owner
    if person is None:
        st.text(t("approval.no_steward"))
    else:
        st.code(f"{person.name} <{person.contact}>" if person.contact else person.name, None)


def _show_checked(checked: CheckedDecision, registration: Registration) -> None:
    decision = checked.decision
    st.text(
        t(
            "approval.decided",
            id=decision.id,
            date=decision.decided_at[:10],
            by=decision.decided_by,
        )
    )
    if checked.answer is Answer.APPROVED:
        st.markdown(t("approval.valid_until", date=decision.valid_until.isoformat()))
        show_decision(decision, registration)
        return
    if checked.invalid_because:
        st.markdown(f"**{t('approval.why_no_longer')}**")
        st.text("\n".join(f"• {reason}" for reason in checked.invalid_because))
    else:
        st.markdown(f"**{t('approval.why_not')}**")
        _list_rules(decision.with_verdict(Verdict.BLOCK))
    _all_rules(decision)


def show_decision(decision: Decision, registration: Registration) -> None:
    """What an approved share carries, column by column, its warnings, and every rule.
    `registration` is the version the decision was made on."""
    st.subheader(t("approval.form"))
    st.caption(t("approval.form_caption"))
    form = share_form(decision, registration)
    rows = [
        {
            t("approval.column"): column.name,
            t("approval.treatment"): t(f"approval.treated.{(column.action or 'keep')}"),
            t("approval.rule_name"): _rule_name(column.rule) if column.rule else "",
            t("approval.source"): column.source,
        }
        for column in (*form.shared, *form.dropped)
    ]
    st.dataframe(rows, hide_index=True, width="stretch", height="content")
    warnings = decision.with_verdict(Verdict.WARN)
    if warnings:
        st.markdown(f"**{t('approval.warnings')}**")
        _list_rules(warnings)
    _all_rules(decision)


def _list_rules(results: list[RuleResult]) -> None:
    """Each rule by its plain name, then its reason and source as text."""
    for result in results:
        st.markdown(f"**{_rule_name(result.rule)}**")
        st.text(f"{result.reason} ({result.source})")


def _all_rules(decision: Decision) -> None:
    with st.expander(t("approval.all_rules")):
        st.dataframe(
            [
                {
                    t("approval.rule_name"): _rule_name(r.rule),
                    t("approval.verdict_name"): t(f"approval.verdict.{r.verdict.value}"),
                    t("approval.reason"): r.reason,
                    t("approval.source"): r.source,
                }
                for r in decision.results
            ],
            hide_index=True,
            width="stretch",
        )


def _rule_name(rule: str) -> str:
    """The rule's plain name from our texts; a rule added since shows its id (a slug)."""
    return texts(language()).get(f"approval.rule.{rule}", rule)


# --- the extract -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtractFiles:
    """An extract written for one question, held for its downloads (the files themselves
    were in a private temporary folder, removed at once)."""

    asked: tuple[str, str, str]  # dataset, purpose, recipient
    name: str
    data: bytes
    sidecar: bytes
    rows: int
    columns: int
    dropped: int


def extract_download(gov: Governance, answer: CheckAnswer) -> None:
    """For an approved answer: a button that writes the extract, then its downloads."""
    if not answer.approved or answer.recipient is None:
        return
    st.subheader(t("approval.extract"))
    if not gov.may(Permission.SHARE):
        st.caption(t("approval.no_share_permission"))
        return
    st.caption(t("approval.extract_explain"))
    asked = (answer.registration.id, answer.purpose, answer.recipient)
    if st.button(t("approval.make_extract"), key="approval_share", type="primary"):
        st.session_state.pop(_EXTRACT, None)
        try:
            written = _write_extract(gov, *asked)
        except BadInputError as error:
            st.error(plain(str(error)))
            return
        if written is None:
            st.error(t("approval.extract_blocked"))
            return
        st.session_state[_EXTRACT] = written
    files = st.session_state.get(_EXTRACT)
    if not isinstance(files, ExtractFiles) or files.asked != asked:
        return
    st.success(
        t("approval.extract_ready", rows=files.rows, columns=files.columns, dropped=files.dropped)
    )
    data_column, sidecar_column = st.columns(2)
    data_column.download_button(
        t("approval.download_csv"),
        files.data,
        file_name=files.name,
        mime="text/csv",
        key="approval_download_csv",
        on_click="ignore",
    )
    sidecar_column.download_button(
        t("approval.download_sidecar"),
        files.sidecar,
        file_name=f"{files.name}.json",
        mime="application/json",
        key="approval_download_sidecar",
        on_click="ignore",
    )


def _write_extract(
    gov: Governance, dataset_id: str, purpose: str, recipient: str
) -> ExtractFiles | None:
    """Write the extract through the service into a folder only this process can read,
    keep its bytes for the download, and remove the folder; None when the share was
    refused after all (the data changed and the gate, run again, blocked)."""
    with tempfile.TemporaryDirectory(prefix="governance-extract-") as folder:
        out = Path(folder) / f"{dataset_id}-{recipient}-{purpose}.csv"
        run = gov.share(dataset_id, recipient, purpose, out)
        extract = run.extract
        if extract is None:
            return None
        return ExtractFiles(
            (dataset_id, purpose, recipient),
            out.name,
            extract.path.read_bytes(),
            extract.sidecar_path.read_bytes(),
            extract.rows,
            len(extract.columns),
            len(extract.dropped),
        )


def run_gate(gov: Governance, dataset_id: str, purpose: str, recipient: str) -> None:
    """For a steward or privacy officer: let the gate decide now on the registered data
    (the service refuses anyone else, whatever this shows)."""
    if not gov.may(Permission.GATE):
        return
    st.divider()
    st.subheader(t("approval.gate.title"))
    done = st.session_state.pop("approval_gate_done", None)
    if done:
        st.success(t("approval.gate.done", outcome=t(f"approval.gate.outcome.{done}")))
    st.caption(t("approval.gate.explain"))
    if not st.button(t("approval.gate.run"), key="approval_run_gate"):
        return
    try:
        with st.spinner(t("approval.gate.running")):
            decided = gov.gate(dataset_id, recipient, purpose)
    except BadInputError as error:
        st.error(plain(str(error)))
        return
    st.session_state["approval_gate_done"] = decided.decision.outcome.value
    st.rerun()
