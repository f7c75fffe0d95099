"""Every legal rule: a registration that trips it, and near misses that do not."""

from __future__ import annotations

from typing import Any

import pytest

from governance.domain.legal_rules import RULES, Severity, assess, refusals
from governance.domain.registration import Registration
from tests.builders import REMOVE, valid_document, with_changes

# rule id -> the changes to a valid registration that trip it
TRIPS: dict[str, dict[str, Any]] = {
    "ground-f-public-authority": {"purposes.0.legal_basis": {"ground": "legitimate_interests"}},
    "provision-missing": {"purposes.0.legal_basis.provision": REMOVE},
    "provision-format": {"purposes.0.legal_basis.provision": "zie ons beleid"},
    "purpose-without-basis": {"purposes.0.legal_basis": REMOVE},
    "special-category-without-exception": {"personal_data.special_categories.0.exception": REMOVE},
    "criminal-data-without-basis": {
        "personal_data.criminal_data": {"description": "overlastmeldingen met verdachten"}
    },
    "bsn-without-statutory-basis": {"personal_data.bsn.statutory_basis": REMOVE},
    "owner-missing": {"owner": REMOVE},
    "retention-missing": {"retention": REMOVE},
    "consent-by-public-authority": {"purposes.0.legal_basis": {"ground": "consent"}},
    "steward-missing": {"steward": REMOVE},
    "not-a-public-authority": {"public_authority": False},
    "owner-missing-non-personal": {"owner": REMOVE, "personal_data": REMOVE, "columns.0.pii": None},
    "retention-basis-missing": {"retention.basis": REMOVE},
    "columns-undeclared": {"columns": []},
    "personal-data-undescribed": {"personal_data.data_subjects": []},
    "recipient-agreement-missing": {"recipients.0.agreement": REMOVE},
    "public-level-with-personal-data": {"confidentiality": "public"},
}

# changes that look close to a breach but are lawful: no refusal may follow
NEAR_MISSES: dict[str, dict[str, Any]] = {
    "ground f outside public tasks": {
        "public_authority": False,
        "purposes.0.legal_basis": {"ground": "legitimate_interests"},
    },
    "contract needs no provision": {"purposes.0.legal_basis": {"ground": "contract"}},
    "no basis needed without personal data": {
        "purposes.0.legal_basis": REMOVE,
        "personal_data": REMOVE,
        "columns.0.pii": None,
    },
    "criminal data with its basis": {
        "personal_data.criminal_data": {"description": "boa-meldingen", "basis": "UAVG art. 33"}
    },
    "ground f and no provision without personal data": {
        "purposes.0.legal_basis": {"ground": "legitimate_interests"},
        "personal_data": REMOVE,
        "columns.0.pii": None,
    },
    "no owner needed without personal data": {
        "owner": REMOVE,
        "retention": REMOVE,
        "personal_data": REMOVE,
        "columns.0.pii": None,
    },
    "a provision by its link": {
        "purposes.0.legal_basis.provision": "https://wetten.overheid.nl/BWBR0035362/2024-01-01"
    },
    "a provision with 'artikel'": {
        "purposes.0.legal_basis.provision": "Participatiewet, artikel 7 lid 1 onder a"
    },
    "recipient inside the organisation": {
        "recipients.0.agreement": REMOVE,
        "recipients.0.organisation": "Gemeente Rivierstad",
    },
}


def _changed(changes: dict[str, Any]) -> Registration:
    return Registration.model_validate(with_changes(valid_document(), changes))


def test_the_valid_registration_has_no_findings() -> None:
    assert assess(_changed({})) == []


@pytest.mark.parametrize("rule_id", sorted(TRIPS))
def test_each_rule_trips_on_its_breach(rule_id: str) -> None:
    rule = next(r for r in RULES if r.id == rule_id)
    findings = [f for f in assess(_changed(TRIPS[rule_id])) if f.rule_id == rule_id]
    assert findings, f"{rule_id} did not fire"
    assert all(f.severity is rule.severity and f.source == rule.source for f in findings)
    assert rule.source in findings[0].describe() and rule_id in findings[0].describe()


@pytest.mark.parametrize("case", sorted(NEAR_MISSES))
def test_near_misses_are_not_refused(case: str) -> None:
    assert refusals(assess(_changed(NEAR_MISSES[case]))) == []


def test_every_rule_is_tested_and_cites_a_source() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    assert set(ids) == set(TRIPS), "every rule needs a tripping case above"
    for rule in RULES:
        assert rule.source.strip() and rule.fix.strip()


def test_refusals_come_before_warnings() -> None:
    findings = assess(_changed({"steward": REMOVE, "owner": REMOVE}))
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=lambda s: s is not Severity.REFUSAL)
    assert Severity.REFUSAL in severities and Severity.WARNING in severities


def test_a_bsn_column_without_declared_bsn_use_is_refused_at_the_column() -> None:
    findings = assess(_changed({"personal_data.bsn": REMOVE}))
    bsn = [f for f in findings if f.rule_id == "bsn-without-statutory-basis"]
    assert [f.path for f in bsn] == [("columns", 0, "pii")]


@pytest.mark.parametrize(
    ("provision", "named"),
    [
        ("Wmo 2015, art. 2.3.2", True),
        ("Jeugdwet art. 7.4.4", True),
        ("Participatiewet, artikel 7 lid 1 onder a", True),
        ("Regulation (EU) 2016/679, article 6", True),
        ("https://wetten.overheid.nl/BWBR0035362/2024-01-01", True),
        ("https://example.eu/eli/reg/2016/679/oj", True),
        ("zie ons beleid", False),
        ("Wmo 2015", False),  # which article?
        ("art. 2.3.2", False),  # of which law?
        ("artikel 5 lid 1 onder a", False),
        ("https://gemeente.example/beleid", False),
        ("", False),
    ],
)
def test_a_provision_names_a_law_and_an_article_or_links_to_it(provision: str, named: bool) -> None:
    from governance.domain.legal_rules import names_a_provision

    assert names_a_provision(provision) is named
