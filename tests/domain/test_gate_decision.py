"""The decision record: its validity, its conditions, the extract form it allows, and the
registration fields the gate reads."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from governance.domain.dpia_state import DpiaState, recorded_state
from governance.domain.durations import RetentionPeriod, add_period
from governance.domain.gate import Action, Decision, share_form
from governance.domain.gate_rules import decide
from governance.domain.registration import Registration, slugify
from governance.domain.vocabulary import DpiaRequirement
from tests.builders import valid_document, with_changes
from tests.domain.test_gate_rules import APPROVED_DPIA, TODAY, evidence, shareable_document

NINETY_DAYS = RetentionPeriod(days=90)


def decision(**changes: Any) -> Decision:
    made = decide(evidence(**changes), "f" * 64, "po", "2026-11-28T10:00:00+00:00", NINETY_DAYS)
    return made.stored(5)


def test_a_decision_round_trips_through_json() -> None:
    made = decision()
    assert Decision.from_json(made.to_json()) == made


def test_a_decision_holds_until_something_it_relies_on_changes() -> None:
    made = decision()
    digest = APPROVED_DPIA.digest()
    assert made.invalid_because(1, digest, "f" * 64, TODAY) == []
    assert "version 1 then, 2 now" in made.invalid_because(2, digest, None, TODAY)[0]
    assert "data changed" in made.invalid_because(1, digest, "0" * 64, TODAY)[0]
    other_dpia = DpiaState(DpiaRequirement.REQUIRED, "x").digest()
    assert "DPIA status" in made.invalid_because(1, other_dpia, None, TODAY)[0]
    assert "expired on 2027-02-26" in made.invalid_because(1, digest, None, date(2027, 2, 27))[0]


def test_validity_is_capped_by_the_dpia_review_date() -> None:
    assert decision().valid_until == date(2027, 2, 26)  # 90 days
    assert decision(today=date(2027, 2, 1)).valid_until == date(2027, 3, 1)  # the review date


def test_conditions_merge_per_action_and_shape_the_extract() -> None:
    document = with_changes(
        shareable_document(),
        {
            "purposes.0.kind": "analysis",
            "purposes.0.columns": ["client_bsn", "wachtdagen"],
            "personal_data.bsn.recipients": [],
        },
    )
    made = decision(document=document)
    assert [(c.action, c.columns) for c in made.conditions] == [
        (Action.PSEUDONYMISE, ("client_bsn",)),
        (Action.DROP, ("datum_aanvraag",)),
    ]
    form = share_form(made, Registration.model_validate(document))
    assert [(c.name, c.action, c.rule) for c in form.shared] == [
        ("client_bsn", Action.PSEUDONYMISE, "bsn-statutory-basis"),
        ("wachtdagen", None, ""),
    ]
    assert [(c.name, c.rule) for c in form.dropped] == [("datum_aanvraag", "minimisation")]


def test_the_recorded_dpia_state_comes_from_the_registration() -> None:
    document = with_changes(
        valid_document(),
        {
            "dpia": {
                "prescan": "required",
                "reasoning": "AP-lijst: gezondheid",
                "reference": "DPIA 1",
                "approved_on": "2026-01-01",
                "review_by": "2027-01-01",
            }
        },
    )
    state = recorded_state(Registration.model_validate(document))
    assert state.requirement is DpiaRequirement.REQUIRED
    assert state.approval is not None and state.approval.review_by == date(2027, 1, 1)
    assert recorded_state(Registration.model_validate(valid_document())).requirement is None


def further(purpose_id: str, original: str) -> dict[str, Any]:
    return {
        "id": purpose_id,
        "description": "verder doel",
        "compatibility": {
            "original_purpose": original,
            "reference": "toets",
            "assessed_on": "2026-01-01",
            "assessed_by": "FG",
        },
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"purposes.0.columns": ["onbekend"]}, "names unknown column(s) onbekend"),
        ({"personal_data.bsn.recipients": ["elders"]}, "names unknown recipient(s) elders"),
        ({"personal_data.bsn.purposes": ["elders"]}, "names unknown purpose(s) elders"),
        ({"personal_data.special_categories.0.purposes": ["x"]}, "unknown purpose(s) x"),
        (
            {
                "purposes.0.compatibility": {
                    "original_purpose": "wachtlijst-monitoring",
                    "reference": "r",
                    "assessed_on": "2026-01-01",
                    "assessed_by": "fg",
                }
            },
            "names unknown original purpose(s) wachtlijst-monitoring",
        ),
        (
            {"dpia": {"prescan": "required", "reasoning": "r", "reference": "DPIA 1"}},
            "needs all of 'reference', 'approved_on' and 'review_by'",
        ),
        ({"dpia": {"prescan": "maybe", "reasoning": "r"}}, "prescan"),
        ({"purposes.0.columns": []}, "at least 1 item"),
        (
            {"publication": {"open_data": True, "theme": "bestuur"}},
            "'publication.open_data' is for a dataset classified 'public' without personal data",
        ),
        ({"publication": {"open_data": False, "theme": "onbekend"}}, "publication.theme"),
        ({"personal_data.transfers": [{"country": "VS"}]}, "safeguard"),
        (
            {"purposes": [further("aa", "bb"), further("bb", "aa")]},
            "compatible with 'bb', which has no legal basis of its own",
        ),
        (
            {
                "purposes": [
                    {**valid_document()["purposes"][0], "legal_basis": {"ground": "consent"}},
                    further("onderzoek", "wachtlijst-monitoring"),
                ]
            },
            "rests on consent: a further purpose needs new consent",
        ),
        (
            {"recipients": [valid_document()["recipients"][0]] * 2},
            "recipient id used more than once",
        ),
    ],
)
def test_references_inside_a_registration_must_resolve(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Registration.model_validate(with_changes(valid_document(), changes))


def test_a_recipient_answers_to_its_id_and_its_name() -> None:
    registration = Registration.model_validate(valid_document())
    assert registration.recipients[0].id == "dataplatform"
    for name in ("dataplatform", "Dataplatform", "  DATAPLATFORM  "):
        assert registration.recipient(name) is registration.recipients[0]
    assert registration.recipient("data platform") is None


@given(st.text(max_size=60))
def test_slugify_makes_slugs(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or (slug[0] != "-" and slug[-1] != "-" and "--" not in slug)
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (date(2026, 1, 31), RetentionPeriod(months=1), date(2026, 2, 28)),
        (date(2028, 1, 31), RetentionPeriod(months=1), date(2028, 2, 29)),
        (date(2026, 11, 28), RetentionPeriod(days=90), date(2027, 2, 26)),
        (date(2026, 11, 28), RetentionPeriod(years=1, weeks=1), date(2027, 12, 5)),
        (date(2026, 12, 15), RetentionPeriod(months=1), date(2027, 1, 15)),
    ],
)
def test_add_period_counts_like_a_lawyer(start: date, period: RetentionPeriod, end: date) -> None:
    assert add_period(start, period) == end


def test_theme_uris_follow_the_owms_terms() -> None:
    from governance.domain.vocabulary import DcatTheme

    assert DcatTheme.ZORG_EN_GEZONDHEID.uri == (
        "http://standaarden.overheid.nl/owms/terms/Zorg_en_gezondheid"
    )
    assert len({theme.uri for theme in DcatTheme}) == len(DcatTheme)


def test_an_identifier_column_makes_a_dataset_hold_personal_data() -> None:
    document = with_changes(
        valid_document(),
        {"personal_data": None, "columns": [{"name": "clientnummer", "type": "string"}]},
    )
    assert not Registration.model_validate(document).holds_personal_data
    document["columns"][0]["identifier"] = True
    assert Registration.model_validate(document).holds_personal_data
