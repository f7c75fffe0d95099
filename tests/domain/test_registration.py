from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from governance.domain.registration import Registration, field_names
from tests.builders import REMOVE, valid_document, with_change


def test_valid_document_loads() -> None:
    registration = Registration.model_validate(valid_document())
    assert registration.holds_personal_data
    assert registration.uses_bsn
    assert registration.retention is not None and registration.retention.period == "P15Y"


@pytest.mark.parametrize(
    ("path", "value", "complaint"),
    [
        ("id", "Wmo Wachtlijst", "should match pattern"),
        ("id", "wmo--lijst", "should match pattern"),
        ("purposes.0.legal_basis.ground", "legitimate-interest", "consent"),
        ("columns.0.pii", "SOFINUMMER", "BSN"),
        ("columns.0.type", "varchar", "string"),
        ("source", {"system": "db", "format": "sql", "url": "sqlite:///x.db"}, "'table'"),
        ("source", {"system": "x", "format": "csv"}, "needs 'location'"),
        (
            "source",
            {"system": "db", "format": "sql", "url": "postgresql://u:geheim@db/x", "table": "t"},
            "holds a password",
        ),
        ("retention.period", "7 jaar", "ISO 8601"),
        ("retention.period", "PT12H", "ISO 8601"),
        ("confidentiality", "topsecret", "public"),
        ("status", "published", "draft"),
        ("version", 0, "greater than or equal to 1"),
        ("purposes", [], "at least 1"),
        ("owner.nickname", "x", "Extra inputs"),
        ("recipients.0.purposes", ["marketing"], "unknown purpose(s) marketing"),
        ("title", REMOVE, "Field required"),
        ("title", "Wacht\x00lijst", "control character U+0000"),
        ("owner.contact", "a@b.example\x07", "control character U+0007"),
        ("purposes.0.legal_basis.provision", "Wmo\x1b", "control character U+001B"),
        ("version", True, "valid integer"),
        ("public_authority", "false", "valid boolean"),
    ],
)
def test_malformed_registration_is_refused(path: str, value: Any, complaint: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Registration.model_validate(with_change(valid_document(), path, value))
    assert complaint in str(caught.value)


def _repeat_first(document: dict[str, Any], *path: str) -> dict[str, Any]:
    target: Any = document
    for part in path:
        target = target[part]
    target.append(dict(target[0]))
    return document


@pytest.mark.parametrize(
    ("path", "complaint"),
    [
        (("purposes",), "purpose id used more than once"),
        (("columns",), "column name used more than once"),
        (("personal_data", "special_categories"), "special category used more than once"),
    ],
)
def test_doubles_are_refused(path: tuple[str, ...], complaint: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Registration.model_validate(_repeat_first(valid_document(), *path))
    assert complaint in str(caught.value)


@pytest.mark.parametrize(
    ("change", "personal", "bsn"),
    [
        ({}, True, True),
        ({"personal_data": REMOVE}, True, True),  # a BSN column alone is personal data
        ({"personal_data": REMOVE, "columns.0.pii": None}, False, False),
        ({"personal_data.bsn": REMOVE, "columns.0.pii": "POSTCODE"}, True, False),
    ],
)
def test_personal_data_and_bsn_follow_declarations(
    change: dict[str, Any], personal: bool, bsn: bool
) -> None:
    document = valid_document()
    for path, value in change.items():
        document = with_change(document, path, value)
    registration = Registration.model_validate(document)
    assert registration.holds_personal_data is personal
    assert registration.uses_bsn is bsn


def test_digest_ignores_version_but_not_content() -> None:
    base = Registration.model_validate(valid_document())
    bumped = base.model_copy(update={"version": 7})
    edited = Registration.model_validate(with_change(valid_document(), "title", "Anders"))
    assert base.content_digest() == bumped.content_digest()
    assert base.content_digest() != edited.content_digest()


def test_document_round_trips() -> None:
    registration = Registration.model_validate(valid_document())
    assert Registration.model_validate(registration.document()) == registration


def test_field_names_reach_nested_fields() -> None:
    names = field_names()
    for expected in (
        "owner.contact",
        "purposes.legal_basis.provision",
        "personal_data.special_categories.exception",
        "columns.pii",
        "recipients.agreement",
        "retention.basis",
        "version",
    ):
        assert expected in names


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://steward@db.example:5432/wmo",
        "postgresql+psycopg://db.example/wmo?sslmode=require",
        "sqlite:///data/wmo.db",
        "postgresql://steward@db.example/wmo?options=-csearch_path%3Da:b@c",
    ],
)
def test_a_database_url_without_a_password_is_accepted(url: str) -> None:
    source = {"system": "db", "format": "sql", "url": url, "table": "t"}
    assert Registration.model_validate(with_change(valid_document(), "source", source))
