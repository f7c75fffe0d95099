"""Rendering for the terminal: aligned tables, JSON, and readable registration views."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from governance.domain.quality import ValidationResult
    from governance.domain.scan import Comparison, ScanReport
    from governance.services import DatasetView


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain aligned table; cells are stringified, None shows as '-'."""
    cells = [[("-" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def key_values(pairs: Sequence[tuple[str, object]]) -> str:
    width = max(len(key) for key, _ in pairs)
    return "\n".join(f"{key.ljust(width)}  {'-' if v is None else v}" for key, v in pairs)


def registration_text(view: DatasetView) -> str:
    """A registration as a steward reads it: the essentials, purposes, columns, findings."""
    r = view.registration
    owner = r.owner
    personal = r.personal_data
    blocks = [
        f"{r.title}  [{r.id} v{r.version}, {r.status.value}]",
        r.description,
        key_values(
            [
                ("organisation", r.organisation),
                ("owner", f"{owner.name}, {owner.department} <{owner.contact}>" if owner else None),
                ("steward", r.steward.name if r.steward else None),
                (
                    "source",
                    f"{r.source.system}: {r.source.location or r.source.table} "
                    f"({r.source.format.value})",
                ),
                ("confidentiality", r.confidentiality.value),
                (
                    "retention",
                    f"{r.retention.period} ({r.retention.basis or 'no basis'})"
                    if r.retention
                    else None,
                ),
                ("personal data", "yes" if r.holds_personal_data else "no"),
                ("data subjects", ", ".join(personal.data_subjects) if personal else None),
                (
                    "special categories",
                    ", ".join(u.category.value for u in personal.special_categories) or None
                    if personal
                    else None,
                ),
                ("BSN basis", personal.bsn.statutory_basis if personal and personal.bsn else None),
            ]
        ),
        "Purposes\n"
        + table(
            ("ID", "GROUND", "PROVISION", "DESCRIPTION"),
            [
                (
                    p.id,
                    p.legal_basis.ground.value if p.legal_basis else None,
                    p.legal_basis.provision if p.legal_basis else None,
                    p.description,
                )
                for p in r.purposes
            ],
        ),
    ]
    if r.columns:
        blocks.append(
            "Columns\n"
            + table(
                ("NAME", "TYPE", "NULLABLE", "PII", "DESCRIPTION"),
                [
                    (
                        c.name,
                        c.type.value,
                        "yes" if c.nullable else "no",
                        c.pii.value if c.pii else None,
                        c.description,
                    )
                    for c in r.columns
                ],
            )
        )
    if r.recipients:
        blocks.append(
            "Recipients\n"
            + table(
                ("NAME", "ORGANISATION", "AGREEMENT", "PURPOSES"),
                [
                    (x.name, x.organisation, x.agreement, ", ".join(x.purposes) or "all")
                    for x in r.recipients
                ],
            )
        )
    blocks.append(
        "History\n"
        + table(
            ("VERSION", "SAVED AT", "BY"),
            [(v.version, v.saved_at, v.saved_by) for v in view.history],
        )
    )
    findings = [f"  {f.severity.value}: {f.describe()}" for f in view.findings]
    blocks.append("Legal rules\n" + ("\n".join(findings) or "  no findings"))
    return "\n\n".join(blocks)


def scan_text(report: ScanReport, comparison: Comparison | None = None) -> str:
    """A scan as a privacy officer reads it: per column the decision and its evidence."""
    rows = []
    for column in report.columns:
        for finding in column.findings:
            rows.append(
                (
                    column.name,
                    finding.entity.value,
                    f"{finding.score:.2f}",
                    f"{finding.match_rate:.1%}",
                    "; ".join(finding.evidence),
                )
            )
        if not column.findings:
            rows.append((column.name, "-", None, None, "; ".join(column.notes) or None))
    blocks = [
        f"{report.source}: {report.rows_scanned} of {report.rows} rows scanned",
        table(("COLUMN", "ENTITY", "SCORE", "MATCH", "EVIDENCE"), rows),
    ]
    if comparison is not None:
        blocks.append(_comparison_text(comparison))
    return "\n\n".join(blocks)


def _comparison_text(comparison: Comparison) -> str:
    lines = ["Compared with the registration"]
    for label, differences in (
        ("undeclared personal data", comparison.undeclared),
        ("declared but not found", comparison.declared_not_found),
    ):
        for difference in differences:
            entities = ", ".join(e.value for e in difference.entities)
            lines.append(f"  {label}: {difference.column} ({entities})")
    for label, names in (
        ("column in the data, not in the registration", comparison.unregistered_columns),
        ("column in the registration, not in the data", comparison.missing_columns),
    ):
        lines += [f"  {label}: {name}" for name in names]
    return "\n".join(lines) if len(lines) > 1 else lines[0] + ": as declared"


def validation_text(result: ValidationResult, had_suite: bool) -> str:
    """A quality run for the terminal: the outcome, the contract, each expectation."""
    from governance.quality.html_report import unexpected_text

    blocks = [
        f"{result.dataset_id} v{result.registration_version}: {result.outcome.value.upper()} "
        f"({result.rows} rows of {result.source})"
    ]
    if result.contract:
        blocks.append(
            "Schema contract broken (the suite was not run)\n"
            + table(
                ("COLUMN", "CHECK", "COUNT", "MESSAGE"),
                [(p.column, p.check, p.count, p.message) for p in result.contract],
            )
        )
    else:
        blocks.append("Schema contract: as registered")
    if result.expectations:
        blocks.append(
            "Expectations\n"
            + table(
                ("EXPECTATION", "COLUMNS", "SEVERITY", "OK", "OBSERVED", "UNEXPECTED", "SAMPLES"),
                [
                    (
                        e.type,
                        ", ".join(e.columns),
                        e.severity.value,
                        "yes" if e.success else "NO",
                        e.observed,
                        unexpected_text(e),
                        ", ".join(e.samples),
                    )
                    for e in result.expectations
                ],
            )
        )
    elif not had_suite:
        blocks.append("No expectation suite (expectations/<id>.yaml): only the contract ran")
    return "\n\n".join(blocks)
