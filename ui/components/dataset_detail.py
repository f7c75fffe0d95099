"""One dataset in tabs: its registration with the legal rules' findings, its columns with
the personal data declared and found, quality runs, scans, gate decisions, the
assessments that cover it, and its history.

Everything people typed (title, description, purposes, paths, names) is shown as text:
in tables, or escaped with `plain` where Streamlit renders Markdown. Scans and quality
runs show counts, rules and masked shapes only, as they are stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from governance.domain.registration import Registration
from governance.views_service import AUDIT_LIMIT, ColumnPii, DatasetDetail
from ui.components.charts import table
from ui.components.safe import plain
from ui.components.texts import t

_Run = TypeVar("_Run")


def when(moment: str) -> str:
    """An ISO 8601 UTC time to the minute, as the tables show it."""
    return moment[:16].replace("T", " ")


def show(detail: DatasetDetail) -> None:
    tabs = st.tabs(
        [
            t(f"catalogue.tabs.{name}")
            for name in (
                "registration",
                "columns",
                "quality",
                "scans",
                "decisions",
                "dpias",
                "history",
            )
        ]
    )
    parts = (_registration, _columns, _quality, _scans, _decisions, _dpias, _history)
    for tab, part in zip(tabs, parts, strict=True):
        with tab:
            part(detail)


def _runs(
    runs: Sequence[_Run],
    name: str,
    columns: str,
    row: Callable[[_Run], dict[str, Any]],
    describe: Callable[[_Run], str],
    dataset_id: str,
) -> _Run | None:
    """The runs (scans, quality runs, decisions) as a table, newest first, and the one
    picked in a select box below it; None, said so, when there are none."""
    if not runs:
        st.info(t(f"catalogue.{name}.none"))
        return None
    table([row(run) for run in runs], columns)
    index = st.selectbox(
        t(f"catalogue.{name}.choose"),
        range(len(runs)),
        format_func=lambda i: describe(runs[i]),
        key=f"catalogue_{name}_{dataset_id}",
    )
    return runs[index]


def _registration(detail: DatasetDetail) -> None:
    registration = detail.registration
    st.subheader(plain(registration.title))
    summary = t(
        "catalogue.registration.summary",
        organisation=registration.organisation,
        version=registration.version,
        status=t(f"catalogue.vocab.status.{registration.status.value}"),
        bio=t(f"catalogue.vocab.bio.{registration.confidentiality.value}"),
    )
    st.caption(plain(summary))
    owner = registration.owner
    st.caption(
        plain(t("catalogue.registration.owner", name=owner.name, department=owner.department))
        if owner
        else t("catalogue.registration.no_owner")
    )
    st.markdown(plain(registration.description))
    st.markdown(f"**{t('catalogue.registration.purposes')}**")
    purposes = [
        {
            "id": purpose.id,
            "kind": t(f"catalogue.vocab.purpose_kind.{purpose.kind.value}"),
            "ground": t(f"catalogue.vocab.ground.{purpose.legal_basis.ground.value}")
            if purpose.legal_basis
            else "",
            "provision": (purpose.legal_basis.provision or "") if purpose.legal_basis else "",
            "compatible_with": purpose.compatibility.original_purpose
            if purpose.compatibility
            else "",
            "description": purpose.description,
        }
        for purpose in registration.purposes
    ]
    table(purposes, "catalogue.registration.purpose_column")
    st.markdown(f"**{t('catalogue.registration.findings')}**")
    if detail.findings:
        findings = [
            {
                "severity": t(f"catalogue.vocab.severity.{finding.severity.value}"),
                "rule": finding.rule_id,
                "field": ".".join(str(part) for part in finding.path),
                "message": finding.message,
                "source": finding.source,
                "fix": finding.fix,
            }
            for finding in detail.findings
        ]
        table(findings, "catalogue.registration.finding_column")
    else:
        st.success(t("catalogue.registration.no_findings"))
    with st.expander(t("catalogue.registration.all_fields")):
        table(_fields(registration), "catalogue.registration.field_column")


def _fields(registration: Registration) -> list[dict[str, str]]:
    """Every field of the registration as `path: value` rows (`purposes.0.id`), so none is
    left out whatever the form of the registration."""
    rows: list[dict[str, str]] = []

    def add(path: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                add(f"{path}.{key}" if path else key, inner)
        elif isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
            for index, inner in enumerate(value):
                add(f"{path}.{index}", inner)
        else:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            rows.append({"field": path, "value": shown})

    add("", registration.document())
    return rows


def _state(column: ColumnPii, scanned: bool) -> str:
    if not scanned:
        return ""
    if not column.in_registration:
        state = "not_registered"
    elif not column.in_data:
        state = "not_in_data"
    elif column.undeclared:
        state = "undeclared"
    elif column.not_found:
        state = "not_found"
    else:
        state = "ok"
    return t(f"catalogue.columns.state.{state}")


def _columns(detail: DatasetDetail) -> None:
    scan = detail.column_scan
    if scan is None:
        st.info(t("catalogue.columns.no_scan"))
    else:
        compared = t(
            "catalogue.columns.scan",
            id=scan.id,
            when=when(scan.scanned_at),
            source=scan.source,
            rows=scan.rows,
        )
        st.caption(plain(compared))
        if scan.registration_version != detail.registration.version:
            st.warning(
                t(
                    "catalogue.columns.stale",
                    scanned=scan.registration_version,
                    current=detail.registration.version,
                )
            )
    rows = [
        {
            "name": column.name,
            "type": column.type or "",
            "declared": column.declared or "",
            "found": ", ".join(column.found),
            "undeclared": ", ".join(column.undeclared),
            "not_found": ", ".join(column.not_found),
            "state": _state(column, scan is not None),
        }
        for column in detail.columns
    ]
    table(rows, "catalogue.columns.column")


def _quality(detail: DatasetDetail) -> None:
    run = _runs(
        detail.quality,
        "quality",
        "catalogue.quality.run_column",
        lambda r: {
            "id": r.id,
            "when": when(r.validated_at),
            "by": r.validated_by,
            "source": r.source,
            "version": r.registration_version,
            "rows": r.rows,
            "outcome": _quality_outcome(r.outcome),
        },
        lambda r: f"{r.id} · {when(r.validated_at)} · {_quality_outcome(r.outcome)}",
        detail.registration.id,
    )
    if run is None:
        return
    st.markdown(f"**{t('catalogue.quality.contract')}**")
    if run.contract:
        problems = [
            {"column": p.column, "check": p.check, "count": p.count, "message": p.message}
            for p in run.contract
        ]
        table(problems, "catalogue.quality.contract_column")
    else:
        st.success(t("catalogue.quality.contract_ok"))
    st.markdown(f"**{t('catalogue.quality.expectations')}**")
    if run.expectations:
        expectations = [
            {
                "type": e.type,
                "columns": ", ".join(e.columns),
                "severity": t(f"catalogue.vocab.severity.{e.severity}"),
                "success": e.success,
                "observed": e.observed,
                "unexpected_count": e.unexpected_count,
                "unexpected_percent": e.unexpected_percent,
                "note": e.note,
            }
            for e in run.expectations
        ]
        table(expectations, "catalogue.quality.expectation_column")
    else:
        st.caption(t("catalogue.quality.no_expectations"))


def _quality_outcome(outcome: str) -> str:
    return t(f"catalogue.vocab.quality.{outcome}")


def _scans(detail: DatasetDetail) -> None:
    scan = _runs(
        detail.scans,
        "scans",
        "catalogue.scans.column",
        lambda s: {
            "id": s.id,
            "when": when(s.scanned_at),
            "by": s.scanned_by,
            "source": s.source,
            "registered": s.registered_source,
            "version": s.registration_version,
            "rows": s.rows,
            "rows_scanned": s.rows_scanned,
            "personal_columns": len({f.column for f in s.findings}),
            "undeclared": s.undeclared,
        },
        lambda s: f"{s.id} · {when(s.scanned_at)}",
        detail.registration.id,
    )
    if scan is None:
        return
    st.markdown(f"**{t('catalogue.scans.findings', id=scan.id)}**")
    if scan.findings:
        findings = [
            {
                "column": f.column,
                "entity": f.entity,
                "score": f.score,
                "match_rate": f.match_rate,
                "kind": f.kind,
                "evidence": "; ".join(f.evidence),
            }
            for f in scan.findings
        ]
        table(findings, "catalogue.scans.finding_column")
    else:
        st.caption(t("catalogue.scans.no_findings"))


def _decisions(detail: DatasetDetail) -> None:
    decision = _runs(
        detail.decisions,
        "decisions",
        "catalogue.decisions.column",
        lambda d: {
            "id": d.id,
            "when": when(d.decided_at),
            "by": d.decided_by,
            "purpose": d.purpose,
            "recipient": d.recipient,
            "outcome": _outcome(d.outcome.value),
            "valid_until": d.valid_until,
            "version": d.registration_version,
            "registered": d.on_registered_data,
        },
        lambda d: f"{d.id} · {when(d.decided_at)} · {_outcome(d.outcome.value)}",
        detail.registration.id,
    )
    if decision is None:
        return
    st.markdown(f"**{t('catalogue.decisions.rules', id=decision.id)}**")
    rules = [
        {
            "rule": r.rule,
            "principle": r.principle,
            "verdict": t(f"catalogue.vocab.verdict.{r.verdict.value}"),
            "reason": r.reason,
            "source": r.source,
            "conditions": "; ".join(c.describe() for c in r.conditions),
        }
        for r in decision.results
    ]
    table(rules, "catalogue.decisions.rule_column")
    if decision.conditions:
        described = "; ".join(c.describe() for c in decision.conditions)
        st.caption(plain(t("catalogue.decisions.conditions", conditions=described)))


def _outcome(outcome: str) -> str:
    return t(f"catalogue.vocab.outcome.{outcome}")


def _dpias(detail: DatasetDetail) -> None:
    if not detail.shows_assessments:
        st.caption(t("catalogue.dpias.not_for_role"))
        return
    if not detail.assessments:
        st.info(t("catalogue.dpias.none"))
        return
    rows = [
        {
            "id": a.id,
            "kind": t(f"catalogue.vocab.assessment_kind.{a.kind}"),
            "title": a.title,
            "status": t(f"catalogue.vocab.assessment_status.{a.status}"),
            "version": a.version,
            "author": a.author,
            "approved_version": a.approved_version,
            "review_by": a.review_by,
            "review_reasons": "; ".join(a.review_reasons),
        }
        for a in detail.assessments
    ]
    table(rows, "catalogue.dpias.column")


def _history(detail: DatasetDetail) -> None:
    st.markdown(f"**{t('catalogue.history.versions')}**")
    versions = [
        {
            "version": v.version,
            "saved_at": when(v.saved_at),
            "saved_by": v.saved_by,
            "digest": v.content_digest[:16],
        }
        for v in reversed(detail.versions)
    ]
    table(versions, "catalogue.history.version_column")
    st.markdown(f"**{t('catalogue.history.audit', limit=AUDIT_LIMIT)}**")
    if not detail.shows_audit:
        st.caption(t("catalogue.history.not_for_role"))
        return
    if not detail.audit:
        st.caption(t("catalogue.history.no_audit"))
        return
    entries = [
        {
            "seq": e.seq,
            "at": when(e.at),
            "actor": e.actor,
            "action": e.action,
            "subject": e.subject,
        }
        for e in detail.audit
    ]
    table(entries, "catalogue.history.audit_column")
