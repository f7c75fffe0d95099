"""The rules of the pre-share gate, each with the AVG art. 5 principle it serves and its
source, in the order a privacy officer reads them.

A rule's check looks at one `Share` (the registration with the purpose and recipient
asked for, and the evidence on the exact data) and returns a `Judgement`. Rules that need
a purpose or recipient the dataset does not know say `not_assessed`; the purpose and
recipient rules themselves block such a share and list the known ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from governance.domain.dpia_state import DpiaState
from governance.domain.durations import RetentionPeriod, add_period
from governance.domain.gate import (
    Action,
    Condition,
    Decision,
    GateInput,
    Judgement,
    RuleResult,
    Verdict,
    outcome_of,
)
from governance.domain.legal_rules import assess, refusals
from governance.domain.quality import Outcome as QualityOutcome
from governance.domain.registration import Column, Purpose, Recipient, Registration
from governance.domain.scan import ColumnDifference
from governance.domain.vocabulary import (
    DpiaRequirement,
    PiiEntity,
    PurposeKind,
    SpecialCategory,
    Status,
)

LAWFULNESS = "lawfulness, fairness and transparency (AVG art. 5(1)(a))"
PURPOSE_LIMITATION = "purpose limitation (AVG art. 5(1)(b))"
MINIMISATION = "data minimisation (AVG art. 5(1)(c))"
ACCURACY = "accuracy (AVG art. 5(1)(d))"
CONFIDENTIALITY = "integrity and confidentiality (AVG art. 5(1)(f))"
ACCOUNTABILITY = "accountability (AVG art. 5(2))"

SHOWN_AT_MOST = 5  # failures named in a reason before "and N more"

# Special categories whose processing the Dutch DPA's list always puts under a DPIA
# (AP-lijst verplichte DPIA, Stcrt. 2019, 64418: genetic, health and biometric data).
AP_LIST_CATEGORIES = frozenset(
    {SpecialCategory.GENETIC, SpecialCategory.HEALTH, SpecialCategory.BIOMETRIC}
)


@dataclass(frozen=True)
class Share:
    """The share being judged: what was asked, what the registration knows of it, the
    evidence on the data."""

    evidence: GateInput

    @property
    def registration(self) -> Registration:
        return self.evidence.registration

    @cached_property
    def purpose(self) -> Purpose | None:
        return self.registration.purpose(self.evidence.purpose)

    @cached_property
    def recipient(self) -> Recipient | None:
        return self.registration.recipient(self.evidence.recipient)

    @cached_property
    def shared_columns(self) -> list[Column]:
        """The declared columns the purpose needs (all of them when it does not say)."""
        needed = self.purpose.columns if self.purpose else None
        if needed is None:
            return list(self.registration.columns)
        return [c for c in self.registration.columns if c.name in needed]

    def shared_with(self, entity: PiiEntity) -> tuple[str, ...]:
        return tuple(c.name for c in self.shared_columns if c.pii is entity)


Check = Callable[[Share], Judgement]


@dataclass(frozen=True)
class GateRule:
    id: str
    principle: str
    source: str
    check: Check
    needs_purpose: bool = False
    needs_recipient: bool = False

    def judge(self, share: Share) -> RuleResult:
        missing = [
            what
            for what, needed, known in (
                ("purpose", self.needs_purpose, share.purpose),
                ("recipient", self.needs_recipient, share.recipient),
            )
            if needed and known is None
        ]
        if missing:
            judgement = Judgement(
                Verdict.NOT_ASSESSED,
                f"needs a {' and '.join(missing)} the registration knows",
            )
        else:
            judgement = self.check(share)
        return RuleResult(
            self.id,
            self.principle,
            self.source,
            judgement.verdict,
            judgement.reason,
            judgement.conditions,
        )


GATE_RULES: list[GateRule] = []


def gate_rule(
    rule_id: str,
    principle: str,
    source: str,
    *,
    needs_purpose: bool = False,
    needs_recipient: bool = False,
) -> Callable[[Check], Check]:
    """Register a check as a gate rule with its id, principle and source."""

    def register(check: Check) -> Check:
        GATE_RULES.append(
            GateRule(rule_id, principle, source, check, needs_purpose, needs_recipient)
        )
        return check

    return register


def judge(evidence: GateInput) -> list[RuleResult]:
    """Every gate rule's result for one share, in rule order."""
    share = Share(evidence)
    return [rule.judge(share) for rule in GATE_RULES]


def decide(
    evidence: GateInput,
    fingerprint: str,
    decided_by: str,
    decided_at: str,
    validity: RetentionPeriod,
    on_registered_data: bool = True,
) -> Decision:
    """Judge the share and make the decision record. It holds for `validity` from today,
    and no longer than the approved DPIA it relies on."""
    results = judge(evidence)
    share = Share(evidence)
    valid_until = add_period(evidence.today, validity)
    approval = evidence.dpia.approval
    if approval is not None:
        valid_until = min(valid_until, approval.review_by)
    return Decision(
        dataset_id=evidence.registration.id,
        registration_version=evidence.registration.version,
        fingerprint=fingerprint,
        purpose=share.purpose.id if share.purpose else evidence.purpose.strip(),
        recipient=share.recipient.id if share.recipient else evidence.recipient.strip(),
        outcome=outcome_of(results),
        results=tuple(results),
        dpia_digest=evidence.dpia.digest(),
        decided_by=decided_by,
        decided_at=decided_at,
        valid_until=valid_until,
        scan_id=evidence.scan.scan_id if evidence.scan else None,
        validation_id=evidence.quality.run_id if evidence.quality else None,
        suite_digest=evidence.quality.suite_digest if evidence.quality else None,
        on_registered_data=on_registered_data,
    )


def pseudonymised_columns(registration: Registration, purpose: str, recipient: str) -> set[str]:
    """The columns a share would pseudonymise, known from the registration alone (the rules
    that set this condition do not look at the data): whether a key is needed can be told
    before the gate runs."""
    evidence = GateInput(registration, purpose, recipient, None, None, DpiaState(None), date.min)
    return {
        column
        for result in judge(evidence)
        for condition in result.conditions
        if condition.action is Action.PSEUDONYMISE
        for column in condition.columns
    }


def _purposes(listed: list[str]) -> str:
    """What an exception's purpose list covers, for a reason."""
    return ", ".join(listed) if listed else "the purposes it was given for, not further ones"


def _listed(items: list[str] | tuple[str, ...]) -> str:
    shown = ", ".join(items[:SHOWN_AT_MOST])
    more = len(items) - SHOWN_AT_MOST
    return f"{shown} and {more} more" if more > 0 else shown


# --- the registration --------------------------------------------------------------------------


@gate_rule("registration-complete", ACCOUNTABILITY, "AVG art. 5(2), art. 24 and art. 30(1)")
def _registration_complete(share: Share) -> Judgement:
    registration = share.registration
    gaps = []
    if registration.status is not Status.ACTIVE:
        gaps.append(f"its status is '{registration.status.value}', not 'active'")
    gaps.extend(
        f"it names no {part}"
        for part, present in (
            ("owner", registration.owner),
            ("steward", registration.steward),
            ("retention period", registration.retention or not registration.holds_personal_data),
            ("columns", registration.columns),
        )
        if not present
    )
    gaps.extend(f"it breaks rule {f.rule_id} ({f.source})" for f in refusals(assess(registration)))
    if gaps:
        return Judgement(
            Verdict.BLOCK,
            f"the registration of {registration.id} is not ready to share from: "
            f"{'; '.join(gaps)}; the steward completes it and sets it active",
        )
    return Judgement(
        Verdict.PASS,
        f"version {registration.version} is active, with an owner, a steward"
        + (", a retention period" if registration.retention else "")
        + f" and {len(registration.columns)} declared columns",
    )


@gate_rule("purpose-limitation", PURPOSE_LIMITATION, "AVG art. 5(1)(b), art. 6(1) and art. 6(4)")
def _purpose_limitation(share: Share) -> Judgement:
    registration, purpose = share.registration, share.purpose
    if purpose is None:
        known = ", ".join(p.id for p in registration.purposes)
        return Judgement(
            Verdict.BLOCK,
            f"'{share.evidence.purpose}' is not a purpose of {registration.id} (its purposes "
            f"are: {known}); a new purpose needs its own legal basis, or an art. 6(4) "
            "compatibility assessment, recorded in the registration first",
        )
    if purpose.legal_basis is not None:
        basis = purpose.legal_basis
        law = f", laid down in {basis.provision}" if basis.provision else ""
        return Judgement(
            Verdict.PASS,
            f"'{purpose.id}' is a registered purpose on ground {basis.ground.letter} "
            f"({basis.ground.value}){law}",
        )
    if purpose.compatibility is not None:
        assessed = purpose.compatibility
        return Judgement(
            Verdict.PASS,
            f"'{purpose.id}' is a further purpose found compatible with "
            f"'{assessed.original_purpose}' ({assessed.reference}, assessed on "
            f"{assessed.assessed_on.isoformat()} by {assessed.assessed_by})",
        )
    if registration.holds_personal_data:
        return Judgement(
            Verdict.BLOCK,
            f"'{purpose.id}' has neither a legal basis nor an art. 6(4) compatibility "
            "assessment; record one in the registration",
        )
    return Judgement(Verdict.PASS, f"'{purpose.id}' is a registered purpose; no personal data")


@gate_rule(
    "recipient-allowed",
    f"{PURPOSE_LIMITATION}; {CONFIDENTIALITY}",
    "AVG art. 5(1)(b), art. 26 and art. 28(3)",
)
def _recipient_allowed(share: Share) -> Judgement:
    registration, recipient = share.registration, share.recipient
    if recipient is None:
        known = ", ".join(f"{r.id} ({r.name})" for r in registration.recipients) or "none"
        return Judgement(
            Verdict.BLOCK,
            f"'{share.evidence.recipient}' is not a recipient of {registration.id} (its "
            f"recipients are: {known}); the steward adds it, with its purposes and agreement, "
            "to the registration first",
        )
    asked = share.purpose.id if share.purpose else share.evidence.purpose
    if recipient.purposes and asked not in recipient.purposes:
        return Judgement(
            Verdict.BLOCK,
            f"{recipient.name} may receive {registration.id} only for: "
            f"{', '.join(recipient.purposes)}, not for '{asked}'",
        )
    other = recipient.organisation.casefold() != registration.organisation.casefold()
    if not other:
        return Judgement(
            Verdict.PASS,
            f"{recipient.name} is within {registration.organisation} and may "
            f"receive the data for '{asked}'",
        )
    if recipient.agreement:
        return Judgement(
            Verdict.PASS,
            f"{recipient.name} ({recipient.organisation}) may receive the data for "
            f"'{asked}' under agreement {recipient.agreement}",
        )
    if registration.holds_personal_data:
        return Judgement(
            Verdict.BLOCK,
            f"{recipient.name} is another organisation ({recipient.organisation}) and no "
            "processing or data-sharing agreement is recorded; add 'agreement:' to it",
        )
    return Judgement(
        Verdict.PASS, f"{recipient.name} may receive the data; it holds no personal data"
    )


# --- the law on kinds of data ----------------------------------------------------------------


@gate_rule(
    "bsn-statutory-basis",
    LAWFULNESS,
    "UAVG art. 46; Wabb",
    needs_purpose=True,
    needs_recipient=True,
)
def _bsn_statutory_basis(share: Share) -> Judgement:
    columns = share.shared_with(PiiEntity.BSN)
    if not columns:
        return Judgement(Verdict.PASS, "no BSN column is shared")
    personal = share.registration.personal_data
    bsn = personal.bsn if personal is not None else None
    purpose, recipient = share.purpose, share.recipient
    assert purpose is not None and recipient is not None  # needs_purpose, needs_recipient
    if (
        bsn is not None
        and bsn.statutory_basis
        and purpose.covered_by(bsn.purposes)
        and recipient.id in bsn.recipients
    ):
        return Judgement(
            Verdict.PASS,
            f"the BSN may go to {recipient.name} for '{purpose.id}' under {bsn.statutory_basis}",
        )
    basis = (
        f"the statutory basis '{bsn.statutory_basis}'"
        if bsn and bsn.statutory_basis
        else ("no statutory basis")
    )
    uncovered = f"{basis} does not cover giving the BSN to {recipient.name} for '{purpose.id}'"
    if purpose.kind is PurposeKind.ANALYSIS:
        return Judgement(
            Verdict.CONDITION,
            f"{uncovered}; for analysis the BSN is replaced by a pseudonym",
            (Condition(Action.PSEUDONYMISE, columns),),
        )
    return Judgement(
        Verdict.BLOCK,
        f"{uncovered}; record the law that allows it under 'personal_data.bsn' (purposes, "
        "recipients), or share for an analysis purpose with a pseudonym",
    )


@gate_rule(
    "special-categories",
    LAWFULNESS,
    "AVG art. 9(1) and 9(2); UAVG art. 22–30",
    needs_purpose=True,
)
def _special_categories(share: Share) -> Judgement:
    personal = share.registration.personal_data
    uses = personal.special_categories if personal is not None else []
    if not uses:
        return Judgement(Verdict.PASS, "no special category of personal data is declared")
    purpose = share.purpose
    assert purpose is not None  # needs_purpose
    uncovered = [
        f"'{use.category.value}' ("
        + (
            f"its exception covers only {_purposes(use.purposes)}"
            if use.exception
            else "no exception"
        )
        + ")"
        for use in uses
        if not use.exception or not purpose.covered_by(use.purposes)
    ]
    if uncovered:
        return Judgement(
            Verdict.BLOCK,
            f"the prohibition of art. 9(1) is not lifted for '{purpose.id}' for "
            f"{', '.join(uncovered)}",
        )
    return Judgement(
        Verdict.PASS,
        "; ".join(f"'{use.category.value}' under {use.exception}" for use in uses),
    )


@gate_rule("criminal-data", LAWFULNESS, "AVG art. 10; UAVG art. 31–33", needs_purpose=True)
def _criminal_data(share: Share) -> Judgement:
    personal = share.registration.personal_data
    criminal = personal.criminal_data if personal is not None else None
    if criminal is None:
        return Judgement(Verdict.PASS, "no criminal-law data is declared")
    purpose = share.purpose
    assert purpose is not None  # needs_purpose
    if criminal.basis and purpose.covered_by(criminal.purposes):
        return Judgement(Verdict.PASS, f"criminal-law data under {criminal.basis}")
    return Judgement(
        Verdict.BLOCK,
        f"criminal-law data may not be processed for '{purpose.id}': "
        + (
            f"{criminal.basis} covers only {_purposes(criminal.purposes)}"
            if criminal.basis
            else "no authority or law allowing it is recorded"
        ),
    )


# --- the assessments and the data -----------------------------------------------------------


@gate_rule("dpia", ACCOUNTABILITY, "AVG art. 35(1) and 35(11)")
def _dpia(share: Share) -> Judgement:
    if not share.registration.holds_personal_data:
        return Judgement(Verdict.PASS, "no personal data; no DPIA is needed")
    state: DpiaState = share.evidence.dpia
    if state.requirement is None:
        return Judgement(
            Verdict.BLOCK,
            "no DPIA pre-scan is recorded for this dataset; run the pre-scan and record its "
            "outcome ('dpia:' in the registration)",
        )
    always = (
        [
            use.category.value
            for use in share.registration.personal_data.special_categories
            if use.category in AP_LIST_CATEGORIES
        ]
        if share.registration.personal_data
        else []
    )
    if always and state.requirement is not DpiaRequirement.REQUIRED:
        return Judgement(
            Verdict.BLOCK,
            f"the pre-scan says '{state.requirement.value}', but the registration declares "
            f"{', '.join(always)}: on the Dutch DPA's list a DPIA is always required for it; "
            "redo the pre-scan",
        )
    if state.requirement is DpiaRequirement.NOT_REQUIRED:
        return Judgement(Verdict.PASS, f"the pre-scan found no DPIA required: {state.reasoning}")
    approval = state.approval
    today = share.evidence.today
    problem = None
    if approval is None:
        problem = "no approved DPIA covers the dataset"
    elif approval.review_by < today:
        problem = f"DPIA '{approval.reference}' was due for review on {approval.review_by}"
    elif state.review_needed:
        problem = f"DPIA '{approval.reference}' needs review: a linked registration or scan changed"
    if problem is None:
        assert approval is not None
        return Judgement(
            Verdict.PASS,
            f"approved DPIA '{approval.reference}' of {approval.approved_on} covers the "
            f"dataset until its review date, {approval.review_by}",
        )
    if state.requirement is DpiaRequirement.RECOMMENDED:
        return Judgement(Verdict.WARN, f"the pre-scan recommends a DPIA and {problem}")
    return Judgement(
        Verdict.BLOCK,
        f"the pre-scan found a DPIA required ({state.reasoning}) and {problem}",
    )


@gate_rule("quality", ACCURACY, "AVG art. 5(1)(d)")
def _quality(share: Share) -> Judgement:
    quality = share.evidence.quality
    if quality is None:
        return Judgement(Verdict.BLOCK, "no quality run on this data")
    run = f"quality run {quality.run_id} on this data"
    if quality.outcome is QualityOutcome.FAILED:
        return Judgement(Verdict.BLOCK, f"{run} failed: {_listed(quality.failures)}")
    if quality.outcome is QualityOutcome.WARNINGS:
        return Judgement(Verdict.WARN, f"{run} passed with warnings: {_listed(quality.warnings)}")
    if not quality.had_suite:
        return Judgement(
            Verdict.WARN,
            f"{run}: the schema contract holds, but the dataset has no expectation suite",
        )
    return Judgement(Verdict.PASS, f"{run}: the schema contract and every expectation hold")


@gate_rule("pii-declared", LAWFULNESS, "AVG art. 5(1)(a) and art. 30(1)(c)")
def _pii_declared(share: Share) -> Judgement:
    """Undeclared personal data in a column that would be shared, or in a column the
    registration does not know at all, blocks; in a declared column the purpose leaves
    out it is the registration that is wrong, not the share: a warning."""
    scan = share.evidence.scan
    if scan is None:
        return Judgement(Verdict.BLOCK, "no PII scan of this data")
    declared = {c.name for c in share.registration.columns}
    shared = {c.name for c in share.shared_columns}
    found = [
        (d.column in shared or d.column not in declared, f"{d.column} ({_entities(d)})")
        for d in scan.undeclared
    ]
    leaving = [text for goes, text in found if goes]
    staying = [text for goes, text in found if not goes]
    scanned = (
        f"scan {scan.scan_id} of this data found personal data the registration does not declare"
    )
    if leaving:
        return Judgement(
            Verdict.BLOCK,
            f"{scanned}: {_listed(leaving)}; declare it with its basis, or remove it from the data",
        )
    if staying:
        return Judgement(
            Verdict.WARN,
            f"{scanned} in columns this share leaves out: {_listed(staying)}; the steward "
            "corrects the registration",
        )
    return Judgement(
        Verdict.PASS, f"scan {scan.scan_id} of this data found no undeclared personal data"
    )


def _entities(difference: ColumnDifference) -> str:
    return ", ".join(entity.value for entity in difference.entities)


# --- the form of the share -------------------------------------------------------------------


@gate_rule("minimisation", MINIMISATION, "AVG art. 5(1)(c) and art. 25(2)", needs_purpose=True)
def _minimisation(share: Share) -> Judgement:
    purpose = share.purpose
    assert purpose is not None  # needs_purpose
    declared = [c.name for c in share.registration.columns]
    if purpose.columns is None:
        return Judgement(
            Verdict.WARN,
            f"purpose '{purpose.id}' does not list the columns it needs, so all "
            f"{len(declared)} declared columns are shared; add 'columns:' to the purpose",
        )
    needed = {c.name for c in share.shared_columns}
    dropped = tuple(name for name in declared if name not in needed)
    if not dropped:
        return Judgement(Verdict.PASS, f"'{purpose.id}' needs every declared column")
    return Judgement(
        Verdict.CONDITION,
        f"'{purpose.id}' needs {len(needed)} of the {len(declared)} declared columns; "
        f"left out: {_listed(dropped)}",
        (Condition(Action.DROP, dropped),),
    )


@gate_rule(
    "pseudonymise-for-analysis",
    f"{MINIMISATION}; {CONFIDENTIALITY}",
    "AVG art. 89(1) and art. 25(1)",
    needs_purpose=True,
)
def _pseudonymise_for_analysis(share: Share) -> Judgement:
    purpose = share.purpose
    assert purpose is not None  # needs_purpose
    if purpose.kind is not PurposeKind.ANALYSIS:
        return Judgement(
            Verdict.PASS,
            f"'{purpose.id}' carries out the task itself; identifiers are shared as they are",
        )
    identifying = tuple(c.name for c in share.shared_columns if c.identifies)
    if not identifying:
        return Judgement(Verdict.PASS, "no direct identifier is shared")
    return Judgement(
        Verdict.CONDITION,
        f"'{purpose.id}' is analysis: direct identifiers travel as pseudonyms, so records "
        "can be linked but not traced back to a person without the key",
        (Condition(Action.PSEUDONYMISE, identifying),),
    )
