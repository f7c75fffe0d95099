"""The pre-share gate: may this dataset go to this recipient for this purpose, in which form,
and why.

Definitions only, like the legal rules: the evidence a gate weighs (`GateInput`), what each
rule concludes (`RuleResult`, with the AVG art. 5 principle it serves and its source), and
the decision that is stored (`Decision`). The rules themselves live in `gate_rules`; the
services gather the evidence (the latest scan and quality run on the exact data, the DPIA
state) and store the decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from governance.domain.dpia_state import DpiaState
from governance.domain.quality import Outcome as QualityOutcome
from governance.domain.registration import Registration
from governance.domain.scan import ColumnDifference


class Verdict(StrEnum):
    PASS = "pass"
    WARN = "warn"  # shown with the decision; does not change the outcome
    CONDITION = "condition"  # the data may go only in the form the conditions set
    BLOCK = "block"
    NOT_ASSESSED = "not_assessed"  # the rule needs a purpose or recipient the dataset knows


class Outcome(StrEnum):
    APPROVED = "APPROVED"
    CONDITIONAL = "CONDITIONAL"
    BLOCKED = "BLOCKED"

    @property
    def allows_sharing(self) -> bool:
        return self is not Outcome.BLOCKED


class Action(StrEnum):
    """What a condition does to a column of the extract."""

    DROP = "drop"
    PSEUDONYMISE = "pseudonymise"


@dataclass(frozen=True)
class Condition:
    action: Action
    columns: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.action.value} {', '.join(self.columns)}"

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action.value, "columns": list(self.columns)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Condition:
        return cls(Action(data["action"]), tuple(data["columns"]))


@dataclass(frozen=True)
class Judgement:
    """What a rule's check concludes; the rule adds its id, principle and source."""

    verdict: Verdict
    reason: str
    conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class RuleResult:
    rule: str
    principle: str
    source: str
    verdict: Verdict
    reason: str
    conditions: tuple[Condition, ...] = ()

    def describe(self) -> str:
        return f"[{self.rule}] {self.reason} ({self.source})"

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "principle": self.principle,
            "source": self.source,
            "verdict": self.verdict.value,
            "reason": self.reason,
            "conditions": [c.to_json() for c in self.conditions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RuleResult:
        return cls(
            data["rule"],
            data["principle"],
            data["source"],
            Verdict(data["verdict"]),
            data["reason"],
            tuple(Condition.from_json(c) for c in data["conditions"]),
        )


# --- the evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanEvidence:
    """The latest PII scan of the exact data to be shared."""

    scan_id: int
    undeclared: tuple[ColumnDifference, ...]


@dataclass(frozen=True)
class QualityEvidence:
    """The latest quality run on the exact data: its outcome, and what failed, in words
    that hold no value of the data."""

    run_id: int
    outcome: QualityOutcome
    had_suite: bool
    failures: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    suite_digest: str | None = None  # the suite file the run used (None: no suite)


@dataclass(frozen=True)
class GateInput:
    registration: Registration
    purpose: str  # as asked; may be one the registration does not know
    recipient: str
    scan: ScanEvidence | None
    quality: QualityEvidence | None
    dpia: DpiaState
    today: date


# --- the decision ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """One gate run, as stored: immutable, audited, and valid until `valid_until` unless
    the registration, the data or the DPIA state changes first (`invalid_because`)."""

    dataset_id: str
    registration_version: int
    fingerprint: str
    purpose: str
    recipient: str
    outcome: Outcome
    results: tuple[RuleResult, ...]
    dpia_digest: str
    decided_by: str
    decided_at: str  # ISO 8601 UTC
    valid_until: date
    scan_id: int | None = None
    validation_id: int | None = None
    suite_digest: str | None = None
    on_registered_data: bool = True  # False: made on a file given in place of the source
    id: int | None = None  # given by the store

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """Every condition, one per action, columns in the order the rules named them."""
        merged: dict[Action, dict[str, None]] = {}
        for result in self.results:
            for condition in result.conditions:
                merged.setdefault(condition.action, {}).update(dict.fromkeys(condition.columns))
        return tuple(Condition(action, tuple(columns)) for action, columns in merged.items())

    def with_verdict(self, verdict: Verdict) -> list[RuleResult]:
        return [r for r in self.results if r.verdict is verdict]

    def invalid_because(
        self,
        registration_version: int,
        dpia_digest: str,
        fingerprint: str | None,
        today: date,
        suite_digest: str | None = None,
    ) -> list[str]:
        """Why this decision no longer holds; empty while it does."""
        reasons = []
        if suite_digest != self.suite_digest:
            reasons.append("the expectation suite changed since the decision")
        if registration_version != self.registration_version:
            reasons.append(
                f"the registration changed since the decision (version "
                f"{self.registration_version} then, {registration_version} now)"
            )
        if fingerprint is not None and fingerprint != self.fingerprint:
            reasons.append("the data changed since the decision (another fingerprint)")
        if dpia_digest != self.dpia_digest:
            reasons.append("the DPIA status of the dataset changed since the decision")
        if today > self.valid_until:
            reasons.append(f"the decision expired on {self.valid_until.isoformat()}")
        return reasons

    def stored(self, decision_id: int) -> Decision:
        return replace(self, id=decision_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dataset": self.dataset_id,
            "version": self.registration_version,
            "fingerprint": self.fingerprint,
            "purpose": self.purpose,
            "recipient": self.recipient,
            "outcome": self.outcome.value,
            "conditions": [c.to_json() for c in self.conditions],
            "rules": [r.to_json() for r in self.results],
            "dpia_digest": self.dpia_digest,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
            "valid_until": self.valid_until.isoformat(),
            "scan_id": self.scan_id,
            "validation_id": self.validation_id,
            "suite_digest": self.suite_digest,
            "on_registered_data": self.on_registered_data,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Decision:
        return cls(
            dataset_id=data["dataset"],
            registration_version=data["version"],
            fingerprint=data["fingerprint"],
            purpose=data["purpose"],
            recipient=data["recipient"],
            outcome=Outcome(data["outcome"]),
            results=tuple(RuleResult.from_json(r) for r in data["rules"]),
            dpia_digest=data["dpia_digest"],
            decided_by=data["decided_by"],
            decided_at=data["decided_at"],
            valid_until=date.fromisoformat(data["valid_until"]),
            scan_id=data["scan_id"],
            validation_id=data["validation_id"],
            suite_digest=data["suite_digest"],
            on_registered_data=data["on_registered_data"],
            id=data["id"],
        )


def outcome_of(results: list[RuleResult]) -> Outcome:
    """Blocked when any rule blocks or could not be assessed (fail closed), conditional
    when any sets a condition, else approved."""
    verdicts = {r.verdict for r in results}
    if verdicts & {Verdict.BLOCK, Verdict.NOT_ASSESSED}:
        return Outcome.BLOCKED
    if Verdict.CONDITION in verdicts:
        return Outcome.CONDITIONAL
    return Outcome.APPROVED


@dataclass(frozen=True)
class ColumnTreatment:
    """How one declared column appears in an extract for a decision, and which rule says so."""

    name: str
    action: Action | None  # None: shared as it is
    rule: str = ""
    source: str = ""


@dataclass(frozen=True)
class ShareForm:
    """The extract a decision allows: the columns it carries (in declared order) and those
    it leaves out."""

    shared: tuple[ColumnTreatment, ...]
    dropped: tuple[ColumnTreatment, ...] = field(default_factory=tuple)


def share_form(decision: Decision, registration: Registration) -> ShareForm:
    """Apply a decision's conditions to the declared columns of the registration it was
    made on; the first rule to name a column for an action is cited."""
    cited: dict[tuple[Action, str], RuleResult] = {}
    for result in decision.results:
        for condition in result.conditions:
            for name in condition.columns:
                cited.setdefault((condition.action, name), result)
    shared, dropped = [], []
    for column in registration.columns:
        if (Action.DROP, column.name) in cited:
            by = cited[(Action.DROP, column.name)]
            dropped.append(ColumnTreatment(column.name, Action.DROP, by.rule, by.source))
        elif (Action.PSEUDONYMISE, column.name) in cited:
            by = cited[(Action.PSEUDONYMISE, column.name)]
            shared.append(ColumnTreatment(column.name, Action.PSEUDONYMISE, by.rule, by.source))
        else:
            shared.append(ColumnTreatment(column.name, None))
    return ShareForm(tuple(shared), tuple(dropped))
