from __future__ import annotations

from governance.domain.registration import Registration
from governance.domain.scan import ColumnReport, Finding, ScanReport, compare
from governance.domain.vocabulary import PiiEntity as E
from tests.builders import valid_document


def _report(found: dict[str, list[E]]) -> ScanReport:
    columns = tuple(
        ColumnReport(name, tuple(Finding(e, 0.9, 0.9, ("test",)) for e in entities))
        for name, entities in found.items()
    )
    return ScanReport("wmo.csv", 10, 10, columns, "f" * 64)


REGISTRATION = Registration.model_validate(valid_document())  # client_bsn declared BSN


def test_as_declared() -> None:
    result = compare(
        REGISTRATION, _report({"client_bsn": [E.BSN], "datum_aanvraag": [], "wachtdagen": []})
    )
    assert result.to_json() == {
        "undeclared": [],
        "declared_not_found": [],
        "unregistered_columns": [],
        "missing_columns": [],
    }
    assert not result.has_undeclared_personal_data


def test_undeclared_and_not_found_and_unknown_columns() -> None:
    result = compare(
        REGISTRATION,
        _report(
            {"client_bsn": [], "datum_aanvraag": [E.DATE_OF_BIRTH], "opmerking": [E.PHONE_NUMBER]}
        ),
    )
    assert [(d.column, d.entities) for d in result.undeclared] == [
        ("datum_aanvraag", (E.DATE_OF_BIRTH,)),
        ("opmerking", (E.PHONE_NUMBER,)),
    ]
    assert [(d.column, d.entities) for d in result.declared_not_found] == [("client_bsn", (E.BSN,))]
    assert result.unregistered_columns == ("opmerking",)
    assert result.missing_columns == ("wachtdagen",)
    assert result.has_undeclared_personal_data


def test_scan_json_has_the_contract_keys() -> None:
    document = _report({"Client_BSN": [E.BSN], "status": []}).to_json()
    assert {"source", "rows", "rows_scanned", "columns"} <= set(document)
    assert document["columns"][0]["entities"] == ["BSN"]
    assert {"entity", "score", "match_rate", "evidence"} <= set(
        document["columns"][0]["findings"][0]
    )
    assert document["columns"][1] == {"name": "status", "entities": [], "findings": [], "notes": []}
