"""A quality run as one self-contained HTML page a steward can open or mail (no scripts,
no external files). Everything shown is escaped; samples are already masked for personal
data by the runner."""

from __future__ import annotations

from html import escape
from typing import Any

from governance.domain.quality import ExpectationOutcome, Outcome, ValidationResult

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:70rem}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}.passed{color:#0a6b2d}.failed{color:#a30d0d}.warnings{color:#8a5a00}
.badge{font-weight:bold;text-transform:uppercase}
"""

_LABELS = {
    Outcome.PASSED: "geslaagd / passed",
    Outcome.WARNINGS: "waarschuwingen / warnings",
    Outcome.FAILED: "afgekeurd / failed",
}


def render(result: ValidationResult) -> str:
    outcome = result.outcome
    title = f"Datakwaliteit: {result.dataset_id} (versie {result.registration_version})"
    parts = [
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='badge {outcome.value}'>{escape(_LABELS[outcome])}</p>",
        _table(
            ("Bron / source", "Rijen / rows", "Vingerafdruk / SHA-256"),
            [(result.source, result.rows, result.fingerprint)],
        ),
        "<h2>Schemacontract / schema contract</h2>",
        _table(
            ("Kolom", "Controle", "Aantal", "Melding"),
            [(p.column, p.check, p.count, p.message) for p in result.contract],
        )
        if result.contract
        else "<p class='passed'>Alle kolommen zoals geregistreerd.</p>",
        "<h2>Verwachtingen / expectations</h2>",
        _table(
            (
                "Verwachting",
                "Kolommen",
                "Ernst",
                "Resultaat",
                "Afwijkend",
                "Voorbeelden",
                "Toelichting",
            ),
            [_expectation_row(e) for e in result.expectations],
        )
        if result.expectations
        else "<p>Geen verwachtingen uitgevoerd.</p>",
        "</body></html>",
    ]
    return "\n".join(parts)


def _expectation_row(outcome: ExpectationOutcome) -> tuple[Any, ...]:
    return (
        outcome.type,
        ", ".join(outcome.columns),
        outcome.severity.value,
        "ok" if outcome.success else "niet ok",
        unexpected_text(outcome),
        ", ".join(outcome.samples),
        outcome.note or "",
    )


def unexpected_text(outcome: ExpectationOutcome) -> str:
    """'12 (0.15%)', or '' where the expectation counts no rows (row count, …)."""
    if outcome.unexpected_count is None:
        return ""
    if outcome.unexpected_percent is None:
        return str(outcome.unexpected_count)
    return f"{outcome.unexpected_count} ({outcome.unexpected_percent:.2f}%)"


def _table(headers: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
