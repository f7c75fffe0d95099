"""A valid registration document to start from, and a way to change one field of it.

Tests state only what they change: `with_change(valid_document(), "purposes.0.legal_basis.ground",
"legitimate_interests")` reads as the rule it trips.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

REMOVE = object()


def valid_document(dataset_id: str = "wmo-test") -> dict[str, Any]:
    return {
        "id": dataset_id,
        "title": "Wmo-wachtlijst (test)",
        "description": "Aanvragen Wmo-maatwerkvoorzieningen en hun wachttijd.",
        "organisation": "Gemeente Rivierstad",
        "owner": {
            "name": "Afdelingshoofd Sociaal Domein",
            "department": "Sociaal Domein",
            "contact": "sociaaldomein@rivierstad.example",
        },
        "steward": {"name": "Informatiebeheerder Wmo", "contact": "wmo@rivierstad.example"},
        "source": {"system": "Suite4Sociaal Domein", "format": "csv", "location": "wmo.csv"},
        "purposes": [
            {
                "id": "wachtlijst-monitoring",
                "description": "Sturen op wachttijden",
                "legal_basis": {"ground": "public_task", "provision": "Wmo 2015, art. 2.3.2"},
            }
        ],
        "personal_data": {
            "data_subjects": ["cliënten Wmo"],
            "categories": ["identificatie", "voorziening"],
            "special_categories": [
                {"category": "health", "exception": "AVG art. 9(2)(h) jo. Wmo 2015, art. 5.1.1"}
            ],
            "bsn": {"statutory_basis": "Wabb art. 10 jo. Wmo 2015, art. 5.1.1"},
        },
        "retention": {"period": "P15Y", "basis": "Selectielijst gemeenten 2020, 1.1"},
        "confidentiality": "confidential",
        "columns": [
            {"name": "client_bsn", "type": "string", "nullable": False, "pii": "BSN"},
            {"name": "datum_aanvraag", "type": "date", "nullable": False},
            {"name": "wachtdagen", "type": "integer"},
        ],
        "recipients": [
            {
                "name": "Dataplatform",
                "organisation": "ICT Rivierland",
                "agreement": "VWO-2026-001",
                "purposes": ["wachtlijst-monitoring"],
            }
        ],
        "status": "active",
        "version": 1,
    }


def with_change(document: dict[str, Any], dotted_path: str, value: Any) -> dict[str, Any]:
    """A deep copy with the value at `a.0.b` replaced (or removed when value is REMOVE)."""
    changed = copy.deepcopy(document)
    *parents, last = dotted_path.split(".")
    target: Any = changed
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    key: Any = int(last) if isinstance(target, list) else last
    if value is REMOVE:
        del target[key]
    else:
        target[key] = value
    return changed


def with_changes(document: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`with_change` for each `{dotted path: value}` in turn."""
    for path, value in changes.items():
        document = with_change(document, path, value)
    return document


def write_yaml(document: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), "utf-8")
    return path
