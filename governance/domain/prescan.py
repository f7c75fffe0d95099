"""The DPIA pre-scan: what the registrations and scans suggest, and what the answers decide.

`signals` reads the facts a privacy officer would otherwise look up (a declared health
category, a BSN, children among the data subjects, a recipient of another organisation,
several datasets combined, a large number of rows), each with its evidence. The template
says which questions each fact suggests; the author confirms. `outcome` applies the
template's decision rule to the confirmed answers: required, recommended or not required,
with the questions that decided it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from governance.domain.registration import Registration
from governance.domain.templates import Criterion, Template
from governance.domain.vocabulary import DpiaRequirement, PiiEntity

_SUBJECT_WORDS = {
    "minors": r"kind|jeugd|jonger|minderjarig|leerling|scholier|child|minor",
    "social_services_clients": r"cli[eë]nt|wmo|bijstand|uitkering|jeugdhulp|schuldhulp|zorg",
    "employees": r"medewerker|werknemer|personeel|ingehuurd|ambtena|sollicitant|employee",
}


@dataclass(frozen=True)
class DatasetFacts:
    """A registration and what its latest scan found (None when never scanned)."""

    registration: Registration
    scanned_rows: int | None = None
    found: frozenset[PiiEntity] = frozenset()


def signals(datasets: Sequence[DatasetFacts], large_scale_rows: int) -> dict[str, list[str]]:
    """Each signal that holds, with the evidence for it (dataset by dataset)."""
    found: dict[str, list[str]] = {}

    def note(signal: str, evidence: str) -> None:
        found.setdefault(signal, []).append(evidence)

    for facts in datasets:
        registration = facts.registration
        name = registration.id
        personal = registration.personal_data
        for use in personal.special_categories if personal else []:
            note(
                f"special_category:{use.category.value}",
                f"{name} declares special category '{use.category.value}'",
            )
        if personal and personal.criminal_data:
            note("criminal_data", f"{name} declares criminal-law data")
        if registration.uses_bsn or PiiEntity.BSN in facts.found:
            declared = registration.uses_bsn
            note("bsn", f"{name} declares a BSN" if declared else f"the scan of {name} finds a BSN")
        for subject in personal.data_subjects if personal else []:
            for signal, words in _SUBJECT_WORDS.items():
                if re.search(words, subject, re.IGNORECASE):
                    note(signal, f"{name}: data subjects '{subject}'")
        for recipient in registration.recipients:
            if recipient.organisation.casefold() != registration.organisation.casefold():
                note(
                    "shared_with_other_organisation",
                    f"{name} goes to {recipient.name} ({recipient.organisation})",
                )
        if facts.scanned_rows is not None and facts.scanned_rows >= large_scale_rows:
            note(
                "large_scale",
                f"{name}: {facts.scanned_rows:,} rows in its latest scan (threshold "
                f"{large_scale_rows:,})",
            )
    organisations = sorted({f.registration.organisation for f in datasets})
    if len(organisations) > 1:
        note("several_organisations", f"data of {', '.join(organisations)}")
    if len(datasets) > 1:
        note("several_datasets", f"{len(datasets)} datasets combined")
    return found


@dataclass(frozen=True)
class Suggestion:
    question: str
    evidence: tuple[str, ...]


def suggestions(template: Template, found: dict[str, list[str]]) -> list[Suggestion]:
    """The questions the found signals suggest answering "yes", with the evidence."""
    made = []
    for question in template.questions:
        evidence = [item for signal in question.suggested_by for item in found.get(signal, [])]
        if evidence:
            made.append(Suggestion(question.id, tuple(dict.fromkeys(evidence))))
    return made


@dataclass(frozen=True)
class Outcome:
    requirement: DpiaRequirement
    decided_by: dict[Criterion, list[str]]  # criterion -> the questions answered "yes"
    iama_needed: bool
    childrens_rights: bool
    unanswered: list[str] = field(default_factory=list)
    reference: str = ""

    @property
    def complete(self) -> bool:
        return not self.unanswered


def outcome(template: Template, answers: dict[str, object]) -> Outcome:
    """The template's decision rule applied to the "yes" answers."""
    rule = template.decision
    if rule is None:
        raise ValueError(f"template {template.id} has no decision rule; it is not a pre-scan")
    yes: dict[Criterion, list[str]] = {}
    for question in template.questions:
        if question.counts_as is not None and answers.get(question.id) is True:
            yes.setdefault(question.counts_as, []).append(question.id)

    def meets(thresholds: dict[Criterion, int]) -> bool:
        return any(len(yes.get(c, [])) >= n for c, n in thresholds.items())

    if meets(rule.required_when):
        requirement = DpiaRequirement.REQUIRED
    elif meets(rule.recommended_when):
        requirement = DpiaRequirement.RECOMMENDED
    else:
        requirement = DpiaRequirement.NOT_REQUIRED
    counted = (Criterion.AP_LIST, Criterion.EDPB, Criterion.NEW_LEGISLATION)
    return Outcome(
        requirement,
        {c: ids for c, ids in yes.items() if c in counted},
        bool(yes.get(Criterion.IAMA)),
        bool(yes.get(Criterion.CHILDREN)),
        [q.id for q in template.questions if q.required and q.id not in answers],
        rule.reference,
    )
