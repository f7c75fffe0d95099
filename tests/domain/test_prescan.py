"""The pre-scan's decision rule at its edges, and the signals the registrations give."""

from __future__ import annotations

from typing import Any

import pytest

from governance.domain.prescan import DatasetFacts, outcome, signals, suggestions
from governance.domain.registration import Registration
from governance.domain.templates import Template
from governance.domain.vocabulary import DpiaRequirement, PiiEntity
from tests.builders import valid_document, with_changes


def yes_no(qid: str, counts_as: str, suggested_by: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": qid,
        "text": {"nl": qid, "en": qid},
        "help": {"nl": "h", "en": "h"},
        "type": "yes_no",
        "reference": f"ref {qid}",
        "counts_as": counts_as,
        "suggested_by": suggested_by or [],
    }


PRESCAN = Template.model_validate(
    {
        "id": "prescan",
        "kind": "prescan",
        "version": "1",
        "title": {"nl": "Pre-scan", "en": "Pre-scan"},
        "reference": "test",
        "parts": [
            {
                "id": "criteria",
                "title": {"nl": "C", "en": "C"},
                "reference": "FRAMEWORK",
                "questions": [
                    yes_no("ap-gezondheidsgegevens", "ap_list", ["special_category:health"]),
                    yes_no("edpb-koppeling", "edpb", ["several_datasets"]),
                    yes_no("edpb-kwetsbare-betrokkenen", "edpb", ["minors", "employees"]),
                    yes_no("edpb-grote-schaal", "edpb", ["large_scale"]),
                    yes_no("nieuwe-wetgeving", "new_legislation"),
                    yes_no("iama-nodig", "iama"),
                    yes_no("kinderrechten", "children", ["minors"]),
                ],
            }
        ],
        "decision": {
            "required_when": {"new_legislation": 1, "ap_list": 1, "edpb": 2},
            "recommended_when": {"edpb": 1},
            "reference": "decision rule",
        },
    }
)
NO = dict.fromkeys((q.id for q in PRESCAN.questions), False)


# The decision rule's edges: no criterion, one and two EDPB criteria, one AP-list item,
# new legislation, and the flags that count towards nothing. The shipped template is
# tested with the same table (tests/test_dpia_service.py).
EDGES = [
    ((), DpiaRequirement.NOT_REQUIRED),
    (("edpb-koppeling",), DpiaRequirement.RECOMMENDED),
    (("edpb-koppeling", "edpb-grote-schaal"), DpiaRequirement.REQUIRED),
    (("ap-gezondheidsgegevens",), DpiaRequirement.REQUIRED),
    (("nieuwe-wetgeving",), DpiaRequirement.REQUIRED),
    (("iama-nodig", "kinderrechten"), DpiaRequirement.NOT_REQUIRED),
]


@pytest.mark.parametrize(("yes", "requirement"), EDGES)
def test_the_decision_rule_at_its_edges(yes: tuple[str, ...], requirement: DpiaRequirement) -> None:
    result = outcome(PRESCAN, {**NO, **dict.fromkeys(yes, True)})
    assert result.requirement is requirement
    assert result.complete
    counted = sorted(q for ids in result.decided_by.values() for q in ids)
    assert counted == sorted(y for y in yes if y not in ("iama-nodig", "kinderrechten"))


def test_flags_and_missing_answers_are_reported() -> None:
    result = outcome(PRESCAN, {"iama-nodig": True, "kinderrechten": True})
    assert result.iama_needed and result.childrens_rights
    assert "edpb-koppeling" in result.unanswered and not result.complete


def facts(changes: dict[str, Any], rows: int | None = None) -> DatasetFacts:
    document = with_changes(valid_document(changes.pop("id", "wmo-test")), changes)
    return DatasetFacts(Registration.model_validate(document), rows, frozenset())


def test_signals_carry_their_evidence() -> None:
    wmo = facts({"personal_data.data_subjects": ["Jeugdigen tot 18 jaar"]}, rows=50_000)
    other = facts(
        {"id": "inhuur", "organisation": "ICT Rivierland", "personal_data.special_categories": []}
    )
    found = signals([wmo, other], large_scale_rows=10_000)
    assert found["special_category:health"] == ["wmo-test declares special category 'health'"]
    assert found["minors"] == ["wmo-test: data subjects 'Jeugdigen tot 18 jaar'"]
    assert "50,000 rows" in found["large_scale"][0]
    assert found["several_datasets"] == ["2 datasets combined"]
    assert "Gemeente Rivierstad, ICT Rivierland" in found["several_organisations"][0]
    assert found["shared_with_other_organisation"][0].startswith("wmo-test goes to Dataplatform")
    assert "bsn" in found


def test_suggestions_follow_the_template() -> None:
    found = signals([facts({"personal_data.data_subjects": ["Ingehuurde medewerkers"]})], 10_000)
    made = {s.question: s.evidence for s in suggestions(PRESCAN, found)}
    assert set(made) == {"ap-gezondheidsgegevens", "edpb-kwetsbare-betrokkenen"}
    assert made["edpb-kwetsbare-betrokkenen"] == (
        "wmo-test: data subjects 'Ingehuurde medewerkers'",
    )


def test_a_bsn_found_by_the_scan_is_a_signal_too() -> None:
    plain = with_changes(
        valid_document(),
        {"personal_data.bsn": None, "columns.0.pii": None},
    )
    found = signals(
        [DatasetFacts(Registration.model_validate(plain), 10, frozenset({PiiEntity.BSN}))], 10
    )
    assert found["bsn"] == ["the scan of wmo-test finds a BSN"]
