"""The legal rules a registration is checked against, each with its id, severity and source.

A rule is a record: what it is called, which article it comes from, how to fix a breach,
and a small check that yields the places where the registration breaks it. Refusals stop
a registration from being stored; warnings are shown and stored nothing less.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from governance.domain.registration import Registration
from governance.domain.vocabulary import BioLevel, LegalGround, PiiEntity

Path = tuple[str | int, ...]


class Severity(StrEnum):
    REFUSAL = "refusal"
    WARNING = "warning"


@dataclass(frozen=True)
class Breach:
    """Where a check found the registration at fault, and what is wrong there."""

    path: Path
    message: str


Check = Callable[[Registration], Iterator[Breach]]


@dataclass(frozen=True)
class LegalRule:
    id: str
    severity: Severity
    source: str
    fix: str
    check: Check


@dataclass(frozen=True)
class Finding:
    """One breach of one rule, carrying the rule's id, source and fix for the user."""

    rule_id: str
    severity: Severity
    source: str
    path: Path
    message: str
    fix: str

    def describe(self) -> str:
        return f"[{self.rule_id}] {self.message} ({self.source}); {self.fix}"


RULES: list[LegalRule] = []


def rule(rule_id: str, severity: Severity, source: str, fix: str) -> Callable[[Check], Check]:
    """Register a check as a legal rule with its id, severity, source and fix."""

    def register(check: Check) -> Check:
        RULES.append(LegalRule(rule_id, severity, source, fix, check))
        return check

    return register


def assess(registration: Registration) -> list[Finding]:
    """Every breach of every rule, refusals first, in rule order."""
    findings = [
        Finding(r.id, r.severity, r.source, breach.path, breach.message, r.fix)
        for r in RULES
        for breach in r.check(registration)
    ]
    return sorted(findings, key=lambda f: f.severity is not Severity.REFUSAL)


def refusals(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.REFUSAL]


def _grounds(registration: Registration) -> Iterator[tuple[int, str, LegalGround, str | None]]:
    for index, purpose in enumerate(registration.purposes):
        if purpose.legal_basis is not None:
            basis = purpose.legal_basis
            yield index, purpose.id, basis.ground, basis.provision


# --- refusals ------------------------------------------------------------------------------


@rule(
    "ground-f-public-authority",
    Severity.REFUSAL,
    "AVG art. 6(1), last sentence",
    "use 'public_task' (ground e) with the provision that assigns the task, or "
    "'legal_obligation' (ground c) with the provision that imposes it",
)
def _ground_f_by_public_authority(registration: Registration) -> Iterator[Breach]:
    if not (registration.public_authority and registration.holds_personal_data):
        return
    for index, purpose_id, ground, _ in _grounds(registration):
        if ground is LegalGround.LEGITIMATE_INTERESTS:
            yield Breach(
                ("purposes", index, "legal_basis", "ground"),
                f"purpose '{purpose_id}' relies on 'legitimate_interests' (ground f), which a "
                "public authority may not use for the performance of its tasks",
            )


@rule(
    "provision-missing",
    Severity.REFUSAL,
    "AVG art. 6(3)",
    "add 'provision:' naming the law and article that lays down the obligation or task, "
    "e.g. 'Wmo 2015, art. 2.3.2'",
)
def _provision_missing(registration: Registration) -> Iterator[Breach]:
    if not registration.holds_personal_data:
        return
    for index, purpose_id, ground, provision in _grounds(registration):
        if ground.needs_provision and not provision:
            yield Breach(
                ("purposes", index, "legal_basis"),
                f"purpose '{purpose_id}' relies on '{ground.value}' (ground {ground.letter}) "
                "but names no provision of Union or Dutch law",
            )


# A provision names the law and the article, or links to it on wetten.overheid.nl or by ELI.
_ARTICLE = re.compile(r"\b(?:art\.?|artikel|article)\s*\d", re.IGNORECASE)
_LAW_LINK = re.compile(r"^https?://(?:wetten\.overheid\.nl/|\S*/eli/)\S+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
_NOT_A_LAW = frozenset({"art", "artikel", "article", "lid", "onder", "sub"})


def names_a_provision(text: str) -> bool:
    """Whether `text` names a law and an article ('Wmo 2015, art. 2.3.2') or links to one;
    'zie beleid' or a bare law name cannot be checked by anyone."""
    if _LAW_LINK.match(text.strip()):
        return True
    law_words = [w for w in _WORD.findall(text) if w.casefold() not in _NOT_A_LAW]
    return bool(_ARTICLE.search(text)) and bool(law_words)


@rule(
    "provision-format",
    Severity.REFUSAL,
    "AVG art. 6(3)",
    "write the law and the article, e.g. 'Wmo 2015, art. 2.3.2', or a link to the provision "
    "on wetten.overheid.nl",
)
def _provision_format(registration: Registration) -> Iterator[Breach]:
    for index, purpose in enumerate(registration.purposes):
        basis = purpose.legal_basis
        if basis is not None and basis.provision and not names_a_provision(basis.provision):
            yield Breach(
                ("purposes", index, "legal_basis", "provision"),
                f"the provision {basis.provision!r} of purpose '{purpose.id}' does not name a "
                "law and an article",
            )


@rule(
    "purpose-without-basis",
    Severity.REFUSAL,
    "AVG art. 6(1) and art. 6(4)",
    "add 'legal_basis:' with one 'ground' (consent, contract, legal_obligation, "
    "vital_interests, public_task, or — not for a public authority's tasks — "
    "legitimate_interests) and, for c and e, its 'provision'; or, for a further purpose, "
    "'compatibility:' recording the art. 6(4) assessment",
)
def _purpose_without_basis(registration: Registration) -> Iterator[Breach]:
    if not registration.holds_personal_data:
        return
    for index, purpose in enumerate(registration.purposes):
        if purpose.legal_basis is None and purpose.compatibility is None:
            yield Breach(
                ("purposes", index),
                f"purpose '{purpose.id}' processes personal data without a legal basis",
            )


@rule(
    "special-category-without-exception",
    Severity.REFUSAL,
    "AVG art. 9(1) and 9(2); UAVG art. 22–30",
    "add 'exception:' naming the art. 9(2) ground or UAVG article that allows it, "
    "e.g. 'AVG art. 9(2)(g) jo. Wmo 2015, art. 5.1.1'",
)
def _special_category_without_exception(registration: Registration) -> Iterator[Breach]:
    if registration.personal_data is None:
        return
    for index, use in enumerate(registration.personal_data.special_categories):
        if not use.exception:
            yield Breach(
                ("personal_data", "special_categories", index),
                f"special category '{use.category.value}' is processed without an exception "
                "to the prohibition",
            )


@rule(
    "criminal-data-without-basis",
    Severity.REFUSAL,
    "AVG art. 10; UAVG art. 31–33",
    "add 'basis:' naming the official authority or the law that allows it",
)
def _criminal_data_without_basis(registration: Registration) -> Iterator[Breach]:
    personal = registration.personal_data
    if personal is not None and personal.criminal_data and not personal.criminal_data.basis:
        yield Breach(
            ("personal_data", "criminal_data"),
            "criminal-law data is processed without the authority or law that allows it",
        )


@rule(
    "bsn-without-statutory-basis",
    Severity.REFUSAL,
    "UAVG art. 46",
    "add 'personal_data.bsn.statutory_basis:' naming the law that prescribes the BSN, "
    "e.g. 'Wabb art. 10 jo. Wmo 2015, art. 5.1.1'",
)
def _bsn_without_basis(registration: Registration) -> Iterator[Breach]:
    personal = registration.personal_data
    bsn = personal.bsn if personal is not None else None
    if bsn is not None and not bsn.statutory_basis:
        yield Breach(("personal_data", "bsn"), "a BSN is processed without a statutory basis")
    elif bsn is None:
        for index, column in enumerate(registration.columns):
            if column.pii is PiiEntity.BSN:
                yield Breach(
                    ("columns", index, "pii"),
                    f"column '{column.name}' holds a BSN but no statutory basis is recorded",
                )


@rule(
    "owner-missing",
    Severity.REFUSAL,
    "AVG art. 5(2) and art. 24",
    "add 'owner:' with name, department and contact of the accountable owner",
)
def _owner_missing(registration: Registration) -> Iterator[Breach]:
    if registration.holds_personal_data and registration.owner is None:
        yield Breach((), "the dataset holds personal data but has no accountable owner")


@rule(
    "retention-missing",
    Severity.REFUSAL,
    "AVG art. 5(1)(e)",
    "add 'retention:' with an ISO 8601 'period' (e.g. P7Y) and its 'basis' "
    "(e.g. the selection list category)",
)
def _retention_missing(registration: Registration) -> Iterator[Breach]:
    if registration.holds_personal_data and registration.retention is None:
        yield Breach((), "the dataset holds personal data but states no retention period")


# --- warnings ------------------------------------------------------------------------------


@rule(
    "consent-by-public-authority",
    Severity.WARNING,
    "AVG recital 43; art. 4(11) and art. 7",
    "consent is rarely freely given to a public authority; prefer 'public_task' with its "
    "provision, or record why consent is free here",
)
def _consent_by_public_authority(registration: Registration) -> Iterator[Breach]:
    if not registration.public_authority:
        return
    for index, purpose_id, ground, _ in _grounds(registration):
        if ground is LegalGround.CONSENT:
            yield Breach(
                ("purposes", index, "legal_basis", "ground"),
                f"purpose '{purpose_id}' relies on consent given to a public authority",
            )


@rule(
    "not-a-public-authority",
    Severity.WARNING,
    "AVG art. 6(1), last sentence",
    "keep 'public_authority: true' for a municipality's datasets; set it to false only for "
    "processing outside the public tasks, and record why in the description",
)
def _not_a_public_authority(registration: Registration) -> Iterator[Breach]:
    if not registration.public_authority and registration.holds_personal_data:
        yield Breach(
            ("public_authority",),
            "the controller is declared not to act as a public authority, which opens "
            "ground f (legitimate interests)",
        )


@rule(
    "steward-missing",
    Severity.WARNING,
    "data governance policy (accountability, AVG art. 5(2))",
    "add 'steward:' with the name and contact of the person who keeps the data in order",
)
def _steward_missing(registration: Registration) -> Iterator[Breach]:
    if registration.steward is None:
        yield Breach((), "no data steward is named")


@rule(
    "owner-missing-non-personal",
    Severity.WARNING,
    "BIO 8.1.2 (ownership of assets)",
    "add 'owner:' with name, department and contact",
)
def _owner_missing_non_personal(registration: Registration) -> Iterator[Breach]:
    if not registration.holds_personal_data and registration.owner is None:
        yield Breach((), "no owner is named")


@rule(
    "retention-basis-missing",
    Severity.WARNING,
    "Archiefwet 1995 art. 5",
    "add 'retention.basis:' naming the selection list category or the law",
)
def _retention_basis_missing(registration: Registration) -> Iterator[Breach]:
    if registration.retention is not None and not registration.retention.basis:
        yield Breach(("retention",), "the retention period does not say where it comes from")


@rule(
    "columns-undeclared",
    Severity.WARNING,
    "AVG art. 5(1)(c) and art. 30(1)(c)",
    "add 'columns:' so the schema contract, the PII scan and minimisation can use them",
)
def _columns_undeclared(registration: Registration) -> Iterator[Breach]:
    if not registration.columns:
        yield Breach((), "no columns are declared")


@rule(
    "personal-data-undescribed",
    Severity.WARNING,
    "AVG art. 30(1)(c)",
    "describe 'personal_data.data_subjects' and 'personal_data.categories'",
)
def _personal_data_undescribed(registration: Registration) -> Iterator[Breach]:
    if not registration.holds_personal_data:
        return
    personal = registration.personal_data
    if personal is None or not personal.data_subjects or not personal.categories:
        yield Breach(
            ("personal_data",) if personal else (),
            "the categories of data subjects and of personal data are not both described",
        )


@rule(
    "recipient-agreement-missing",
    Severity.WARNING,
    "AVG art. 26 and art. 28(3)",
    "add 'agreement:' with the reference of the processing or data-sharing agreement",
)
def _recipient_agreement_missing(registration: Registration) -> Iterator[Breach]:
    for index, recipient in enumerate(registration.recipients):
        other = recipient.organisation.casefold() != registration.organisation.casefold()
        if other and not recipient.agreement:
            yield Breach(
                ("recipients", index),
                f"recipient '{recipient.name}' of {recipient.organisation} has no agreement",
            )


@rule(
    "public-level-with-personal-data",
    Severity.WARNING,
    "AVG art. 32; BIO classification",
    "classify the dataset 'internal' or higher, or remove the personal data",
)
def _public_level_with_personal_data(registration: Registration) -> Iterator[Breach]:
    public = registration.confidentiality is BioLevel.PUBLIC
    if public and registration.holds_personal_data:
        yield Breach(("confidentiality",), "a dataset with personal data is classified public")
