"""Every gate rule: the case that trips it, with its reason and source; and the cases that
pass. The evidence is built by hand, so each test states exactly what the gate sees."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from governance.domain.dpia_state import Approval, DpiaState
from governance.domain.gate import (
    Action,
    Condition,
    GateInput,
    Outcome,
    QualityEvidence,
    RuleResult,
    ScanEvidence,
    Verdict,
)
from governance.domain.gate_rules import GATE_RULES, judge
from governance.domain.quality import Outcome as QualityOutcome
from governance.domain.registration import Registration
from governance.domain.scan import ColumnDifference
from governance.domain.vocabulary import DpiaRequirement, PiiEntity
from tests.builders import valid_document, with_changes

TODAY = date(2026, 11, 28)
APPROVED_DPIA = DpiaState(
    DpiaRequirement.REQUIRED,
    "AP-lijst: gezondheidsgegevens",
    Approval("DPIA Wmo v1", date(2026, 3, 1), date(2027, 3, 1)),
)
SOURCES = {
    "registration-complete": "AVG art. 5(2), art. 24 and art. 30(1)",
    "purpose-limitation": "AVG art. 5(1)(b), art. 6(1) and art. 6(4)",
    "recipient-allowed": "AVG art. 5(1)(b), art. 26 and art. 28(3)",
    "bsn-statutory-basis": "UAVG art. 46; Wabb",
    "special-categories": "AVG art. 9(1) and 9(2); UAVG art. 22–30",
    "criminal-data": "AVG art. 10; UAVG art. 31–33",
    "dpia": "AVG art. 35(1) and 35(11)",
    "quality": "AVG art. 5(1)(d)",
    "pii-declared": "AVG art. 5(1)(a) and art. 30(1)(c)",
    "minimisation": "AVG art. 5(1)(c) and art. 25(2)",
    "pseudonymise-for-analysis": "AVG art. 89(1) and art. 25(1)",
}


def shareable_document() -> dict[str, Any]:
    """The builders' registration for an execution purpose with the BSN basis covering the
    data platform: every rule passes, only minimisation warns (no columns listed)."""
    return with_changes(
        valid_document(),
        {"personal_data.bsn.recipients": ["dataplatform"], "purposes.0.kind": "execution"},
    )


def evidence(
    document: dict[str, Any] | None = None,
    purpose: str = "wachtlijst-monitoring",
    recipient: str = "dataplatform",
    **changes: Any,
) -> GateInput:
    base = GateInput(
        Registration.model_validate(document or shareable_document()),
        purpose,
        recipient,
        ScanEvidence(7, ()),
        QualityEvidence(3, QualityOutcome.PASSED, had_suite=True),
        APPROVED_DPIA,
        TODAY,
    )
    return replace(base, **changes)


def result_of(rule_id: str, gate_input: GateInput) -> RuleResult:
    return next(r for r in judge(gate_input) if r.rule == rule_id)


def test_every_rule_has_a_principle_and_a_known_source() -> None:
    assert [rule.id for rule in GATE_RULES] == list(SOURCES)
    for rule in GATE_RULES:
        assert rule.source == SOURCES[rule.id]
        assert "AVG art. 5(" in rule.principle


def test_a_complete_registration_passes_every_rule_but_the_missing_column_list() -> None:
    results = judge(evidence())
    assert {r.rule: r.verdict for r in results if r.verdict is not Verdict.PASS} == {
        "minimisation": Verdict.WARN
    }


ANALYSIS = {"purposes.0.kind": "analysis"}
TWO_PURPOSES = {
    "purposes": [
        {**valid_document()["purposes"][0], "kind": "execution"},
        {
            "id": "verantwoording",
            "description": "Verantwoording aan de raad",
            "legal_basis": {"ground": "legal_obligation", "provision": "Gemeentewet, art. 212"},
        },
    ]
}

FURTHER_PURPOSE = {
    "purposes": [
        *valid_document()["purposes"],
        {
            "id": "onderzoek",
            "description": "Onderzoek naar wachttijden",
            "kind": "execution",
            "compatibility": {
                "original_purpose": "wachtlijst-monitoring",
                "reference": "Verenigbaarheidstoets 2026-04",
                "assessed_on": "2026-04-01",
                "assessed_by": "FG Rivierstad",
            },
        },
    ],
    "recipients.0.purposes": [],
}

TRIPS: list[tuple[str, dict[str, Any], dict[str, Any], Verdict, str]] = [
    # rule, document changes, evidence changes, verdict, reason fragment
    ("registration-complete", {"status": "draft"}, {}, Verdict.BLOCK, "status is 'draft'"),
    ("registration-complete", {"steward": None}, {}, Verdict.BLOCK, "names no steward"),
    ("registration-complete", {"columns": []}, {}, Verdict.BLOCK, "names no columns"),
    (
        "registration-complete",
        {"purposes.0.legal_basis.provision": None},
        {},
        Verdict.BLOCK,
        "breaks rule provision-missing",
    ),
    (
        "purpose-limitation",
        {},
        {"purpose": "marketing"},
        Verdict.BLOCK,
        "its purposes are: wachtlijst-monitoring",
    ),
    (
        "purpose-limitation",
        {
            "personal_data.special_categories": [],
            "purposes.0.legal_basis": None,
            "purposes.0.compatibility": None,
        },
        {},
        Verdict.BLOCK,
        "neither a legal basis nor an art. 6(4) compatibility assessment",
    ),
    (
        "recipient-allowed",
        {},
        {"recipient": "gemeente-elders"},
        Verdict.BLOCK,
        "its recipients are: dataplatform (Dataplatform)",
    ),
    (
        "recipient-allowed",
        TWO_PURPOSES,
        {"purpose": "verantwoording"},
        Verdict.BLOCK,
        "only for: wachtlijst-monitoring, not for 'verantwoording'",
    ),
    (
        "recipient-allowed",
        {"recipients.0.agreement": None},
        {},
        Verdict.BLOCK,
        "no processing or data-sharing agreement",
    ),
    (
        "bsn-statutory-basis",
        {"personal_data.bsn.recipients": []},
        {},
        Verdict.BLOCK,
        "does not cover giving the BSN to Dataplatform",
    ),
    (
        "bsn-statutory-basis",
        {**TWO_PURPOSES, "personal_data.bsn.purposes": ["verantwoording"]},
        {},
        Verdict.BLOCK,
        "does not cover giving the BSN",
    ),
    (
        "bsn-statutory-basis",
        {**ANALYSIS, "personal_data.bsn.recipients": []},
        {},
        Verdict.CONDITION,
        "for analysis the BSN is replaced by a pseudonym",
    ),
    (
        "special-categories",
        {**TWO_PURPOSES, "personal_data.special_categories.0.purposes": ["verantwoording"]},
        {},
        Verdict.BLOCK,
        "'health' (its exception covers only verantwoording)",
    ),
    (
        "special-categories",
        {"personal_data.special_categories.0.exception": None},
        {},
        Verdict.BLOCK,
        "'health' (no exception)",
    ),
    (
        "criminal-data",
        {"personal_data.criminal_data": {"description": "boetes", "basis": None}},
        {},
        Verdict.BLOCK,
        "no authority or law allowing it",
    ),
    (
        "criminal-data",
        {
            **TWO_PURPOSES,
            "personal_data.criminal_data": {
                "description": "boetes",
                "basis": "Gemeentewet, art. 154b",
                "purposes": ["verantwoording"],
            },
        },
        {},
        Verdict.BLOCK,
        "Gemeentewet, art. 154b covers only verantwoording",
    ),
    ("dpia", {}, {"dpia": DpiaState(None)}, Verdict.BLOCK, "no DPIA pre-scan is recorded"),
    (
        "dpia",
        {},
        {"dpia": DpiaState(DpiaRequirement.REQUIRED, "AP-lijst: gezondheidsgegevens")},
        Verdict.BLOCK,
        "found a DPIA required (AP-lijst: gezondheidsgegevens) and no approved DPIA",
    ),
    ("dpia", {}, {"today": date(2027, 3, 2)}, Verdict.BLOCK, "was due for review on 2027-03-01"),
    (
        "dpia",
        {},
        {"dpia": replace(APPROVED_DPIA, review_needed=True)},
        Verdict.BLOCK,
        "needs review",
    ),
    (
        "dpia",
        {"personal_data.special_categories": []},
        {"dpia": DpiaState(DpiaRequirement.RECOMMENDED, "EDPB: werknemers")},
        Verdict.WARN,
        "recommends a DPIA and no approved DPIA",
    ),
    (
        "dpia",
        {},
        {"dpia": DpiaState(DpiaRequirement.NOT_REQUIRED, "niets")},
        Verdict.BLOCK,
        "declares health: on the Dutch DPA's list a DPIA is always required",
    ),
    (
        "special-categories",
        FURTHER_PURPOSE,
        {"purpose": "onderzoek"},
        Verdict.BLOCK,
        "the purposes it was given for, not further ones",
    ),
    (
        "bsn-statutory-basis",
        {**FURTHER_PURPOSE, "personal_data.special_categories": []},
        {"purpose": "onderzoek"},
        Verdict.BLOCK,
        "does not cover giving the BSN",
    ),
    ("quality", {}, {"quality": None}, Verdict.BLOCK, "no quality run on this data"),
    (
        "quality",
        {},
        {
            "quality": QualityEvidence(
                4, QualityOutcome.FAILED, True, ("expect_x on wachtdagen, 3 unexpected",)
            )
        },
        Verdict.BLOCK,
        "quality run 4 on this data failed: expect_x on wachtdagen, 3 unexpected",
    ),
    (
        "quality",
        {},
        {
            "quality": QualityEvidence(
                4, QualityOutcome.WARNINGS, True, (), ("expect_y on wachtdagen",)
            )
        },
        Verdict.WARN,
        "passed with warnings: expect_y on wachtdagen",
    ),
    (
        "quality",
        {},
        {"quality": QualityEvidence(4, QualityOutcome.PASSED, False)},
        Verdict.WARN,
        "no expectation suite",
    ),
    ("pii-declared", {}, {"scan": None}, Verdict.BLOCK, "no PII scan of this data"),
    (
        "pii-declared",
        {},
        {"scan": ScanEvidence(9, (ColumnDifference("wachtdagen", (PiiEntity.BSN,)),))},
        Verdict.BLOCK,
        "found personal data the registration does not declare: wachtdagen (BSN)",
    ),
    (
        "pii-declared",
        {},
        {"scan": ScanEvidence(9, (ColumnDifference("extra_bsn", (PiiEntity.BSN,)),))},
        Verdict.BLOCK,
        "extra_bsn (BSN)",
    ),
    (
        "pii-declared",
        {"purposes.0.columns": ["client_bsn", "datum_aanvraag"]},
        {"scan": ScanEvidence(9, (ColumnDifference("wachtdagen", (PiiEntity.PHONE_NUMBER,)),))},
        Verdict.WARN,
        "in columns this share leaves out: wachtdagen (PHONE_NUMBER)",
    ),
    (
        "minimisation",
        {},
        {},
        Verdict.WARN,
        "does not list the columns it needs, so all 3 declared columns are shared",
    ),
    (
        "minimisation",
        {"purposes.0.columns": ["datum_aanvraag", "wachtdagen"]},
        {},
        Verdict.CONDITION,
        "needs 2 of the 3 declared columns; left out: client_bsn",
    ),
    (
        "pseudonymise-for-analysis",
        ANALYSIS,
        {},
        Verdict.CONDITION,
        "direct identifiers travel as pseudonyms",
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "document_changes", "evidence_changes", "verdict", "reason"),
    TRIPS,
    ids=[f"{t[0]}-{i}" for i, t in enumerate(TRIPS)],
)
def test_each_rule_trips_with_its_reason_and_source(
    rule_id: str,
    document_changes: dict[str, Any],
    evidence_changes: dict[str, Any],
    verdict: Verdict,
    reason: str,
) -> None:
    document = with_changes(shareable_document(), document_changes)
    result = result_of(rule_id, evidence(document, **evidence_changes))
    assert (result.verdict, result.source) == (verdict, SOURCES[rule_id])
    assert reason in result.reason


def test_every_rule_is_tripped_by_some_case() -> None:
    tripped = {t[0] for t in TRIPS if t[3] in (Verdict.BLOCK, Verdict.CONDITION, Verdict.WARN)}
    assert tripped == set(SOURCES)


PASSES: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    ("purpose-limitation", {}, {}, "on ground e (public_task), laid down in Wmo 2015, art. 2.3.2"),
    (
        "purpose-limitation",
        {
            "purposes": [
                *valid_document()["purposes"],
                {
                    "id": "onderzoek",
                    "description": "Onderzoek naar wachttijden",
                    "compatibility": {
                        "original_purpose": "wachtlijst-monitoring",
                        "reference": "Verenigbaarheidstoets 2026-04",
                        "assessed_on": "2026-04-01",
                        "assessed_by": "FG Rivierstad",
                    },
                },
            ]
        },
        {"purpose": "onderzoek"},
        "compatible with 'wachtlijst-monitoring' (Verenigbaarheidstoets 2026-04",
    ),
    ("recipient-allowed", {}, {"recipient": "  DATAPLATFORM "}, "under agreement VWO-2026-001"),
    (
        "recipient-allowed",
        {"recipients.0.organisation": "Gemeente Rivierstad", "recipients.0.agreement": None},
        {},
        "is within Gemeente Rivierstad",
    ),
    ("bsn-statutory-basis", {}, {}, "may go to Dataplatform"),
    ("bsn-statutory-basis", {"purposes.0.columns": ["wachtdagen"]}, {}, "no BSN column is shared"),
    ("dpia", {}, {}, "covers the dataset until its review date, 2027-03-01"),
    (
        "dpia",
        {"personal_data.special_categories": []},
        {"dpia": DpiaState(DpiaRequirement.NOT_REQUIRED, "geen criteria")},
        "no DPIA required: geen criteria",
    ),
    (
        "minimisation",
        {"purposes.0.columns": ["client_bsn", "datum_aanvraag", "wachtdagen"]},
        {},
        "needs every declared column",
    ),
    ("pseudonymise-for-analysis", {}, {}, "identifiers are shared as they are"),
    (
        "pseudonymise-for-analysis",
        {**ANALYSIS, "purposes.0.columns": ["wachtdagen"]},
        {},
        "no direct identifier",
    ),
]


@pytest.mark.parametrize(("rule_id", "document_changes", "evidence_changes", "reason"), PASSES)
def test_rules_pass_where_the_law_is_met(
    rule_id: str, document_changes: dict[str, Any], evidence_changes: dict[str, Any], reason: str
) -> None:
    document = with_changes(shareable_document(), document_changes)
    result = result_of(rule_id, evidence(document, **evidence_changes))
    assert result.verdict is Verdict.PASS
    assert reason in result.reason


def test_rules_that_need_a_known_purpose_are_not_assessed_without_one() -> None:
    results = {r.rule: r.verdict for r in judge(evidence(purpose="marketing"))}
    for rule_id in ("bsn-statutory-basis", "special-categories", "minimisation"):
        assert results[rule_id] is Verdict.NOT_ASSESSED


def test_a_dataset_without_personal_data_needs_no_dpia_nor_agreement() -> None:
    document = with_changes(
        shareable_document(),
        {
            "personal_data": None,
            "columns": [{"name": "wachtdagen", "type": "integer"}],
            "recipients.0.agreement": None,
        },
    )
    results = {r.rule: r for r in judge(evidence(document, dpia=DpiaState(None)))}
    assert results["dpia"].verdict is Verdict.PASS
    assert results["recipient-allowed"].verdict is Verdict.PASS


def test_bsn_pseudonymisation_names_the_bsn_column() -> None:
    document = with_changes(shareable_document(), {**ANALYSIS, "personal_data.bsn.recipients": []})
    result = result_of("bsn-statutory-basis", evidence(document))
    assert result.conditions == (Condition(Action.PSEUDONYMISE, ("client_bsn",)),)


def test_the_outcome_follows_the_strictest_verdict() -> None:
    from governance.domain.gate import outcome_of

    def results(*verdicts: Verdict) -> list[RuleResult]:
        return [RuleResult("r", "p", "s", v, "why") for v in verdicts]

    assert outcome_of(results(Verdict.PASS, Verdict.WARN)) is Outcome.APPROVED
    assert outcome_of(results(Verdict.PASS, Verdict.CONDITION)) is Outcome.CONDITIONAL
    assert outcome_of(results(Verdict.CONDITION, Verdict.BLOCK)) is Outcome.BLOCKED
    assert outcome_of(results(Verdict.PASS, Verdict.NOT_ASSESSED)) is Outcome.BLOCKED  # fail closed
