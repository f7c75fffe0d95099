"""What the gate needs to know about a dataset's DPIA: is one required, and is there an
approved one that still holds (AVG art. 35(1) and 35(11)).

The assessment engine fills it from approved pre-scans and DPIAs (`dpia_service`); without
those, the registration's `dpia` record counts (`recorded_state`: the pre-scan outcome and,
for a DPIA approved before this tool, its reference and dates). The gate reads only this
state, wherever it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from governance.domain.registration import Registration, canonical_digest
from governance.domain.vocabulary import DpiaRequirement


@dataclass(frozen=True)
class Approval:
    reference: str
    approved_on: date
    review_by: date


@dataclass(frozen=True)
class DpiaState:
    requirement: DpiaRequirement | None  # None: no pre-scan recorded
    reasoning: str = ""
    approval: Approval | None = None
    review_needed: bool = False  # a linked registration or scan changed since approval

    def digest(self) -> str:
        """Changes whenever the state does, so a decision made on it can tell."""
        approval = self.approval
        return canonical_digest(
            {
                "requirement": self.requirement.value if self.requirement else None,
                "approval": [
                    approval.reference,
                    approval.approved_on.isoformat(),
                    approval.review_by.isoformat(),
                ]
                if approval
                else None,
                "review_needed": self.review_needed,
            }
        )


def recorded_state(registration: Registration) -> DpiaState:
    """The state as the registration's `dpia` record gives it."""
    record = registration.dpia
    if record is None:
        return DpiaState(None)
    approval = None
    if record.reference and record.approved_on and record.review_by:
        approval = Approval(record.reference, record.approved_on, record.review_by)
    return DpiaState(record.prescan, record.reasoning, approval)
