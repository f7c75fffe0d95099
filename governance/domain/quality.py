"""What a quality run reports: the schema contract's problems and each expectation's outcome.

Definitions only; `governance.quality` fills them (pandera for the contract, Great
Expectations for the suite). No record holds a raw value of a personal-data column:
the runner drops or masks Great Expectations' unexpected-value samples for those columns
before a record is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    CRITICAL = "critical"  # a failure blocks a share
    WARNING = "warning"  # a failure is reported


class Outcome(StrEnum):
    PASSED = "passed"
    WARNINGS = "warnings"  # only warning-level expectations failed
    FAILED = "failed"  # the contract broke or a critical expectation failed


@dataclass(frozen=True)
class ContractProblem:
    """One break of the schema contract the registration declares."""

    column: str
    check: str  # "column_missing", "column_unexpected", "type", "nullable", "unique"
    count: int  # cells (or 1 for a whole-column problem)
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "check": self.check,
            "count": self.count,
            "message": self.message,
        }


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation of the suite, run on the data."""

    type: str  # the Great Expectations name, e.g. "expect_column_values_to_not_be_null"
    columns: tuple[str, ...]
    severity: Severity
    success: bool
    observed: Any = None  # observed_value where GX gives one (aggregate, never a row value)
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    samples: tuple[str, ...] = ()  # unexpected values; masked shapes for personal data
    note: str | None = None
    arguments: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "columns": list(self.columns),
            "severity": self.severity.value,
            "success": self.success,
            "observed": self.observed,
            "unexpected_count": self.unexpected_count,
            "unexpected_percent": self.unexpected_percent,
            "samples": list(self.samples),
            "note": self.note,
            "arguments": self.arguments,
        }


@dataclass(frozen=True)
class ValidationResult:
    dataset_id: str
    registration_version: int
    source: str
    fingerprint: str
    rows: int
    contract: tuple[ContractProblem, ...]
    expectations: tuple[ExpectationOutcome, ...]

    @property
    def outcome(self) -> Outcome:
        if self.contract or any(
            not e.success and e.severity is Severity.CRITICAL for e in self.expectations
        ):
            return Outcome.FAILED
        if any(not e.success for e in self.expectations):
            return Outcome.WARNINGS
        return Outcome.PASSED

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset_id,
            "version": self.registration_version,
            "source": self.source,
            "fingerprint": self.fingerprint,
            "rows": self.rows,
            "outcome": self.outcome.value,
            "contract": [p.to_json() for p in self.contract],
            "expectations": [e.to_json() for e in self.expectations],
        }
