"""What a PII scan reports, and how it compares with what the steward declared.

The scanner fills these records; the store keeps them; the CLI and the UI show them. They
hold counts, rule names and masked shapes only — never a value from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from governance.domain.vocabulary import PiiEntity

if TYPE_CHECKING:
    from governance.domain.registration import Registration


@dataclass(frozen=True)
class Finding:
    """One entity found in one column, with the evidence that decided it."""

    entity: PiiEntity
    score: float
    match_rate: float
    evidence: tuple[str, ...]
    kind: str = "structured"  # "structured": the column is of this kind; "free_text": some cells

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity.value,
            "score": round(self.score, 2),
            "match_rate": round(self.match_rate, 4),
            "kind": self.kind,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class ColumnReport:
    name: str
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()  # evidence that ruled something out, for the privacy officer

    @property
    def entities(self) -> list[PiiEntity]:
        return sorted({f.entity for f in self.findings})

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entities": [e.value for e in self.entities],
            "findings": [f.to_json() for f in self.findings],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class ScanReport:
    source: str
    rows: int
    rows_scanned: int
    columns: tuple[ColumnReport, ...]
    fingerprint: str | None = None

    def found(self) -> dict[str, set[PiiEntity]]:
        return {c.name: set(c.entities) for c in self.columns}

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "rows": self.rows,
            "rows_scanned": self.rows_scanned,
            "fingerprint": self.fingerprint,
            "columns": [c.to_json() for c in self.columns],
        }


@dataclass(frozen=True)
class ColumnDifference:
    column: str
    entities: tuple[PiiEntity, ...]

    def to_json(self) -> dict[str, Any]:
        return {"column": self.column, "entities": [e.value for e in self.entities]}


@dataclass(frozen=True)
class Comparison:
    """Found against declared: what the registration misses, and what it claims in vain."""

    undeclared: tuple[ColumnDifference, ...] = ()
    declared_not_found: tuple[ColumnDifference, ...] = ()
    unregistered_columns: tuple[str, ...] = ()
    missing_columns: tuple[str, ...] = ()

    @property
    def has_undeclared_personal_data(self) -> bool:
        return bool(self.undeclared)

    def to_json(self) -> dict[str, Any]:
        return {
            "undeclared": [d.to_json() for d in self.undeclared],
            "declared_not_found": [d.to_json() for d in self.declared_not_found],
            "unregistered_columns": list(self.unregistered_columns),
            "missing_columns": list(self.missing_columns),
        }


def compare(registration: Registration, report: ScanReport) -> Comparison:
    """Set the scan beside the declared columns (AVG art. 30(1)(c): know what you hold)."""
    declared = {c.name: ({c.pii} if c.pii else set()) for c in registration.columns}
    found = report.found()
    undeclared = tuple(
        ColumnDifference(name, tuple(sorted(entities - declared.get(name, set()))))
        for name, entities in found.items()
        if entities - declared.get(name, set())
    )
    not_found = tuple(
        ColumnDifference(name, tuple(sorted(entities - found[name])))
        for name, entities in declared.items()
        if name in found and entities - found[name]
    )
    return Comparison(
        undeclared=undeclared,
        declared_not_found=not_found,
        unregistered_columns=tuple(name for name in found if name not in declared),
        missing_columns=tuple(name for name in declared if name not in found)
        if registration.columns
        else (),
    )
