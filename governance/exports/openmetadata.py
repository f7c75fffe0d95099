"""The catalogue as OpenMetadata entity requests, written as JSON or pushed to a server.

The requests are `openmetadata-ingestion`'s generated create-request models, so what we
write is what OpenMetadata's own API accepts. The package costs about 4 s and 250 MB to
import, so it loads only inside these functions, never when the CLI starts.

Mapping (OpenMetadata 2.0 entity model):

- one database service (`governance_catalogue`, type CustomDatabase) for the catalogue;
  one database per organisation (controller), one schema per source system, one table
  per registration, named by slugs with the real names as display names;
- columns: name, description, a data type from the declared logical type, NOT_NULL and
  UNIQUE constraints;
- column tags: exactly one of OpenMetadata's own mutually exclusive PII tags
  (`PII.Sensitive` for personal data: a declared entity, an identifier column or an
  entity the latest scan found; `PII.None` otherwise, which is OpenMetadata's "Non PII":
  its `PII.NonSensitive` means "PII from public sources", which a column without
  personal data is not), plus `DutchPII.<ENTITY>` for the declared entity and each entity
  the latest scan found, with the reason (declared, found, or both) on the label;
- table tags: `DutchPII.<category>` for each declared special category (AVG art. 9(1));
  the classification and its tags are requests of the export too;
- the retention period goes to the table's own `retentionPeriod` (ISO 8601); purposes
  with their legal ground and provision, the grounds, the BIO level, the retention basis,
  owner and steward go to custom properties of the table type (`CUSTOM_PROPERTIES`),
  whose definitions are requests of the export too.

Owners: OpenMetadata's `owners` are references to users or teams that must already exist
there, by id. A registration names a role, a department and a contact address, not an
account; inventing accounts or guessing them by e-mail could hand a dataset to the wrong
person. So owner and steward travel as text (`dataOwner`, `dataSteward`) and `owners`
is never sent.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from governance.domain.registration import Column, Registration, SpecialCategoryUse, slugify
from governance.domain.vocabulary import (
    BioLevel,
    ColumnType,
    LegalGround,
    PiiEntity,
    SpecialCategory,
)
from governance.errors import BadInputError
from governance.exports.context import DatasetRecord, Organisation
from governance.exports.openmetadata_push import OpenMetadataPushError, PushReport, push

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "CLASSIFICATION",
    "CUSTOM_PROPERTIES",
    "SERVICE_NAME",
    "Kind",
    "OpenMetadataPushError",
    "PushReport",
    "Request",
    "build_requests",
    "push",
    "write_requests",
]

SERVICE_NAME = "governance_catalogue"
CLASSIFICATION = "DutchPII"
EXTENDED_ENTITY = "table"  # the entity type our custom properties extend
INDEX_FILE = "index.json"
# A property type is an entity of the server, with an id of that server. The written
# files name it (`propertyType.name`) and carry this placeholder id; `push` and the
# ingestion source look the real id up by name before sending.
UNRESOLVED_TYPE_ID = "00000000-0000-0000-0000-000000000000"


class Kind(StrEnum):
    """What a request creates, in the order they must be sent (each needs the ones before)."""

    DATABASE_SERVICE = "databaseService"
    DATABASE = "database"
    DATABASE_SCHEMA = "databaseSchema"
    CLASSIFICATION = "classification"
    TAG = "tag"
    CUSTOM_PROPERTY = "customProperty"
    TABLE = "table"


ORDER = list(Kind)

ENDPOINTS = {
    Kind.DATABASE_SERVICE: "PUT /v1/services/databaseServices",
    Kind.DATABASE: "PUT /v1/databases",
    Kind.DATABASE_SCHEMA: "PUT /v1/databaseSchemas",
    Kind.CLASSIFICATION: "PUT /v1/classifications",
    Kind.TAG: "PUT /v1/tags",
    Kind.CUSTOM_PROPERTY: f"PUT /v1/metadata/types/{{id of type '{EXTENDED_ENTITY}'}}",
    Kind.TABLE: "PUT /v1/tables",
}


@dataclass(frozen=True)
class Request:
    """One create-or-update request: what it creates, the fully qualified name of the
    entity (for a custom property: `table.<name>`) and the generated model to send."""

    kind: Kind
    fqn: str
    model: BaseModel

    def document(self) -> dict[str, Any]:
        """The request body as OpenMetadata's client sends it (fields left empty omitted)."""
        body: dict[str, Any] = json.loads(self.model.model_dump_json(by_alias=True))
        return body


@dataclass(frozen=True)
class CustomProperty:
    """A custom property of the table type: its OpenMetadata property type (by name) and,
    for an enum, the allowed values."""

    name: str
    type: str
    description: str
    values: tuple[str, ...] = ()
    multi_select: bool = False


CUSTOM_PROPERTIES = (
    CustomProperty(
        "bioLevel",
        "enum",
        "Confidentiality level of the Baseline Informatiebeveiliging Overheid (BIO), from "
        "the registration's `confidentiality`; it decides the security measures.",
        tuple(level.value for level in BioLevel),
    ),
    CustomProperty(
        "legalGrounds",
        "enum",
        "The lawful grounds of AVG art. 6(1) that the dataset's purposes rest on "
        "(consent a, contract b, legal_obligation c, vital_interests d, public_task e, "
        "legitimate_interests f).",
        tuple(ground.value for ground in LegalGround),
        multi_select=True,
    ),
    CustomProperty(
        "processingPurposes",
        "markdown",
        "Each purpose of the registration (AVG art. 5(1)(b)) with its kind, description, "
        "legal ground and the provision of law it rests on (AVG art. 6(3)).",
    ),
    CustomProperty(
        "retentionBasis",
        "markdown",
        "Why the data is kept as long as the table's retention period says (AVG art. "
        "5(1)(e)): the selection list or decision it follows.",
    ),
    CustomProperty(
        "dataOwner",
        "string",
        "The accountable owner (AVG art. 5(2)): name, department and contact, as "
        "registered. Text, not an OpenMetadata owner: see the export's documentation.",
    ),
    CustomProperty(
        "dataSteward",
        "string",
        "The data steward who keeps the registration current: name and contact.",
    ),
)

_DATA_TYPES = {
    ColumnType.STRING: "STRING",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.DECIMAL: "DECIMAL",
    ColumnType.BOOLEAN: "BOOLEAN",
    ColumnType.DATE: "DATE",
    ColumnType.DATETIME: "TIMESTAMP",
}

ENTITY_DESCRIPTIONS = {
    PiiEntity.PERSON: "Name of a natural person (given names, surname, tussenvoegsel).",
    PiiEntity.BSN: "Burgerservicenummer, the citizen service number (11-check); using it "
    "needs a statutory basis (UAVG art. 46).",
    PiiEntity.IBAN: "Bank account number (IBAN, mod-97 checked).",
    PiiEntity.EMAIL_ADDRESS: "E-mail address.",
    PiiEntity.PHONE_NUMBER: "Telephone number (Dutch or international).",
    PiiEntity.STREET_ADDRESS: "Street with house number.",
    PiiEntity.POSTCODE: "Dutch postcode (1234 AB); identifies a person in combination with "
    "other data.",
    PiiEntity.DATE_OF_BIRTH: "Date of birth; identifies a person in combination with other data.",
    PiiEntity.LICENSE_PLATE: "Dutch vehicle registration (kenteken, RDW side codes).",
    PiiEntity.IP_ADDRESS: "IPv4 or IPv6 address.",
    PiiEntity.CREDIT_CARD: "Payment card number (Luhn checked).",
}

CATEGORY_DESCRIPTIONS = {
    SpecialCategory.RACIAL_OR_ETHNIC_ORIGIN: "racial or ethnic origin",
    SpecialCategory.POLITICAL_OPINIONS: "political opinions",
    SpecialCategory.RELIGIOUS_OR_PHILOSOPHICAL_BELIEFS: "religious or philosophical beliefs",
    SpecialCategory.TRADE_UNION_MEMBERSHIP: "trade union membership",
    SpecialCategory.GENETIC: "genetic data",
    SpecialCategory.BIOMETRIC: "biometric data for the purpose of uniquely identifying a "
    "natural person",
    SpecialCategory.HEALTH: "data concerning health",
    SpecialCategory.SEX_LIFE_OR_SEXUAL_ORIENTATION: "data concerning a natural person's sex "
    "life or sexual orientation",
}


def build_requests(
    records: Iterable[DatasetRecord],
    organisations: Mapping[str, Organisation],
    service: str = SERVICE_NAME,
) -> list[Request]:
    """Every request the catalogue needs, in sending order (by kind, then by name).

    `organisations` (by case-folded name) describe the databases; an organisation that is
    missing there still gets its database, with a note instead of its URI and DPO.
    OpenMetadata's package warns about its own models as it loads them (a deprecated
    config style, a shadowed field): nothing a user can act on, so those are silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        requests = [_service(service), _classification(), *_tags(), *_custom_properties()]
        for record in records:
            registration = record.registration
            requests += [
                _database(registration.organisation, organisations, service),
                _schema(registration, service),
                _table(record, service),
            ]
    # registrations share databases and schemas: keep one request per entity, the first
    unique = {(request.kind, request.fqn): request for request in reversed(requests)}
    return sorted(unique.values(), key=lambda r: (ORDER.index(r.kind), r.fqn))


def write_requests(requests: Iterable[Request], out_dir: Path) -> list[Path]:
    """Write one JSON file per request, numbered in sending order, and `index.json` that
    lists them with their endpoints; return the request files.

    Each file is written to a temporary file and renamed, so a reader never sees half a
    file; the index comes last. Files a previous export listed in its index and this one
    does not (a dataset since removed) are deleted, so the folder matches the catalogue."""
    requests = list(requests)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        previous = _previously_written(out_dir / INDEX_FILE)
        entries = [_entry(number, request) for number, request in enumerate(requests, 1)]
        written = [
            _write_json(out_dir / entry["file"], request.document())
            for entry, request in zip(entries, requests, strict=True)
        ]
        _write_json(out_dir / INDEX_FILE, _index(entries))
        for stale in previous - {entry["file"] for entry in entries}:
            (out_dir / stale).unlink(missing_ok=True)
    except OSError as error:
        raise BadInputError(
            f"{error.filename or out_dir}: cannot write the OpenMetadata export "
            f"({error.strerror or error}); choose a writable --out folder"
        ) from None
    return written


# --- names ---------------------------------------------------------------------------


def fqn(*names: str) -> str:
    """OpenMetadata's fully qualified name: names joined by dots, a name holding a dot
    in double quotes."""
    return ".".join(f'"{name}"' if "." in name else name for name in names)


def entity_name(text: str) -> str:
    """A stable ASCII name for a display name ('Suite4Sociaal Domein' ->
    'suite4sociaal-domein'); a text without ASCII letters or digits gets a digest."""
    return slugify(text) or "n-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _schema_fqn(registration: Registration, service: str = SERVICE_NAME) -> str:
    organisation, system = registration.organisation, registration.source.system
    return fqn(service, entity_name(organisation), entity_name(system))


def table_fqn(registration: Registration, service: str = SERVICE_NAME) -> str:
    organisation, system = registration.organisation, registration.source.system
    return fqn(service, entity_name(organisation), entity_name(system), registration.id)


def _tag_fqn(value: str) -> str:
    return fqn(CLASSIFICATION, value)


# --- service, databases, schemas -----------------------------------------------------


def _service(service: str) -> Request:
    from metadata.generated.schema.api.services.createDatabaseService import (
        CreateDatabaseServiceRequest,
    )
    from metadata.generated.schema.entity.services.databaseService import DatabaseServiceType

    model = CreateDatabaseServiceRequest(
        name=service,
        displayName="Governance catalogue",
        description=(
            "Dataset registrations of the governance toolkit: one database per organisation "
            "(controller), one schema per source system, one table per registration. "
            "Written by `governance export openmetadata`: change the registrations, not "
            "these entities, since the next export overwrites them."
        ),
        serviceType=DatabaseServiceType.CustomDatabase,
    )
    return Request(Kind.DATABASE_SERVICE, fqn(service), model)


def _database(
    organisation: str, organisations: Mapping[str, Organisation], service: str
) -> Request:
    from metadata.generated.schema.api.data.createDatabase import CreateDatabaseRequest

    known = organisations.get(organisation.casefold())
    name = entity_name(organisation)
    model = CreateDatabaseRequest(
        name=name,
        displayName=known.name if known else organisation,
        description=_controller_description(known),
        service=fqn(service),
    )
    return Request(Kind.DATABASE, fqn(service, name), model)


def _controller_description(organisation: Organisation | None) -> str:
    if organisation is None:
        return (
            "Controller of the datasets below (AVG art. 4(7)). Not in organisations.yaml: "
            "add it there (name, uri, contact, dpo) to show its URI and DPO here."
        )
    dpo = organisation.dpo
    return "\n".join(
        [
            "Controller of the datasets below (AVG art. 4(7)).",
            "",
            f"- URI: {organisation.uri}",
            f"- Contact: {organisation.contact}",
            f"- Data protection officer (AVG art. 37): {_person(dpo.name, dpo.contact)}",
        ]
    )


def _schema(registration: Registration, service: str) -> Request:
    from metadata.generated.schema.api.data.createDatabaseSchema import (
        CreateDatabaseSchemaRequest,
    )

    system = registration.source.system
    database = [service, entity_name(registration.organisation)]
    model = CreateDatabaseSchemaRequest(
        name=entity_name(system),
        displayName=system,
        description=f"Datasets registered from the source system {system}.",
        database=fqn(*database),
    )
    return Request(Kind.DATABASE_SCHEMA, fqn(*database, entity_name(system)), model)


# --- classification, tags, custom properties -----------------------------------------


def _classification() -> Request:
    from metadata.generated.schema.api.classification.createClassification import (
        CreateClassificationRequest,
    )

    model = CreateClassificationRequest(
        name=CLASSIFICATION,
        displayName="Persoonsgegevens (governance)",
        description=(
            "Personal data as the governance toolkit knows it: one tag per entity type of "
            "its PII scan (the scan vocabulary, personal data in the sense of AVG art. "
            "4(1)) and one per special category of AVG art. 9(1). Column tags come from "
            "the registrations and the latest scan; table tags from the declared special "
            "categories."
        ),
        mutuallyExclusive=False,
    )
    return Request(Kind.CLASSIFICATION, fqn(CLASSIFICATION), model)


def _tags() -> list[Request]:
    from metadata.generated.schema.api.classification.createTag import CreateTagRequest
    from metadata.generated.schema.type.basic import FullyQualifiedEntityName

    described = {
        **{
            entity.value: f"{text} Entity type of the governance PII scan (personal data, "
            "AVG art. 4(1))."
            for entity, text in ENTITY_DESCRIPTIONS.items()
        },
        **{
            category.value: f"Special category of personal data, AVG art. 9(1): {text}. Processing "
            "is prohibited unless an exception of art. 9(2) (UAVG art. 22-30) applies."
            for category, text in CATEGORY_DESCRIPTIONS.items()
        },
    }
    return [
        Request(
            Kind.TAG,
            _tag_fqn(name),
            CreateTagRequest(
                classification=FullyQualifiedEntityName(CLASSIFICATION),
                name=name,
                description=description,
            ),
        )
        for name, description in described.items()
    ]


def _custom_properties() -> list[Request]:
    from metadata.generated.schema.api.data.createCustomProperty import (
        CreateCustomPropertyRequest,
    )
    from metadata.generated.schema.type.customProperties.enumConfig import EnumConfig
    from metadata.generated.schema.type.customProperty import (
        CustomPropertyConfig,
        PropertyType,
    )
    from metadata.generated.schema.type.entityReference import EntityReference

    requests = []
    for prop in CUSTOM_PROPERTIES:
        config = None
        if prop.values:
            config = CustomPropertyConfig(
                config=EnumConfig(values=list(prop.values), multiSelect=prop.multi_select)
            )
        model = CreateCustomPropertyRequest(
            name=prop.name,
            description=prop.description,
            propertyType=PropertyType(
                EntityReference(
                    id=UNRESOLVED_TYPE_ID, type="type", name=prop.type, fullyQualifiedName=prop.type
                )
            ),
            customPropertyConfig=config,
        )
        requests.append(Request(Kind.CUSTOM_PROPERTY, fqn(EXTENDED_ENTITY, prop.name), model))
    return requests


# --- tables ----------------------------------------------------------------------------


def _table(record: DatasetRecord, service: str) -> Request:
    from metadata.generated.schema.api.data.createTable import CreateTableRequest
    from metadata.generated.schema.entity.data.table import ConstraintType, TableConstraint

    registration = record.registration
    found = record.found()
    scanned = record.latest_scan is not None
    table = table_fqn(registration, service)
    unique = [column.name for column in registration.columns if column.unique]
    model = CreateTableRequest(
        name=registration.id,
        displayName=registration.title,
        description=registration.description,
        columns=[
            _column(column, found.get(column.name, set()), scanned)
            for column in [*registration.columns, *_found_only(registration, found)]
        ],
        tableConstraints=[
            TableConstraint(constraintType=ConstraintType.UNIQUE, columns=[name]) for name in unique
        ]
        or None,
        databaseSchema=_schema_fqn(registration, service),
        tags=[_category_tag(use) for use in _special_categories(registration)] or None,
        retentionPeriod=registration.retention.period if registration.retention else None,
        extension=_extension(registration),
    )
    return Request(Kind.TABLE, table, model)


def _found_only(registration: Registration, found: dict[str, set[PiiEntity]]) -> list[Column]:
    """Columns in the data that the registration does not know but where the scan found
    personal data: the catalogue must show them, tagged, rather than hide the finding."""
    known = {column.name for column in registration.columns}
    return [
        Column(
            name=name,
            type=ColumnType.STRING,
            description="In de data gevonden door de PII-scan; staat niet in de registratie.",
        )
        for name, entities in found.items()
        if entities and name not in known
    ]


def _column(column: Column, found: set[PiiEntity], scanned: bool) -> Any:
    from metadata.generated.schema.entity.data.table import Column as OmColumn
    from metadata.generated.schema.entity.data.table import Constraint, DataType

    return OmColumn(
        name=column.name,
        dataType=DataType(_DATA_TYPES[column.type]),
        description=column.description,
        constraint=None if column.nullable else Constraint.NOT_NULL,
        tags=_column_tags(column, found, scanned),
    )


def _column_tags(column: Column, found: set[PiiEntity], scanned: bool) -> list[Any]:
    """OpenMetadata's PII tag, then one `DutchPII` tag per entity declared or found, each
    with why: declared (Manual), found by the scan only (Automated), or both."""
    declared = {column.pii} if column.pii else set()
    labels = [_pii_label(column, found, scanned)]
    for entity in PiiEntity:
        if entity in declared | found:
            labels.append(_entity_label(entity, entity in declared, entity in found, scanned))
    return labels


def _pii_label(column: Column, found: set[PiiEntity], scanned: bool) -> Any:
    reasons = []
    if column.pii:
        reasons.append(f"declared {column.pii.value}")
    if column.identifier:
        reasons.append("identifier: points at one person in the source system")
    if found:
        reasons.append("the latest PII scan found " + ", ".join(_ordered(found)))
    if reasons:
        declared = column.pii is not None or column.identifier
        return _label("PII.Sensitive", "; ".join(reasons), automated=not declared)
    scan = "none found by the latest PII scan" if scanned else "not scanned yet"
    return _label("PII.None", f"no personal data declared; {scan}", automated=False)


def _entity_label(entity: PiiEntity, declared: bool, found: bool, scanned: bool) -> Any:
    if declared and found:
        reason = "declared in the registration; confirmed by the latest PII scan"
    elif declared:
        reason = "declared in the registration" + (
            "; not found by the latest PII scan" if scanned else ""
        )
    else:
        reason = "found by the latest PII scan; not declared in the registration"
    return _label(_tag_fqn(entity.value), reason, automated=not declared)


def _special_categories(registration: Registration) -> list[SpecialCategoryUse]:
    personal = registration.personal_data
    return list(personal.special_categories) if personal else []


def _category_tag(use: SpecialCategoryUse) -> Any:
    exception = use.exception or "none recorded"
    scope = f"; for purposes {', '.join(use.purposes)}" if use.purposes else ""
    return _label(
        _tag_fqn(use.category.value),
        f"declared special category (AVG art. 9(1)); exception: {exception}{scope}",
        automated=False,
    )


def _label(tag: str, reason: str, automated: bool) -> Any:
    from metadata.generated.schema.type.tagLabel import LabelType, State, TagLabel, TagSource

    return TagLabel(
        tagFQN=tag,
        source=TagSource.Classification,
        labelType=LabelType.Automated if automated else LabelType.Manual,
        state=State.Confirmed,
        reason=reason,
    )


def _ordered(entities: set[PiiEntity]) -> list[str]:
    return [entity.value for entity in PiiEntity if entity in entities]


def _extension(registration: Registration) -> dict[str, Any]:
    """The custom property values of the table (enum values are lists)."""
    grounds = [p.legal_basis.ground.value for p in registration.purposes if p.legal_basis]
    retention, owner, steward = registration.retention, registration.owner, registration.steward
    values: dict[str, Any] = {
        "bioLevel": [registration.confidentiality.value],
        "legalGrounds": list(dict.fromkeys(grounds)),
        "processingPurposes": "\n".join(_purpose_lines(registration)),
        "retentionBasis": retention.basis if retention else None,
        "dataOwner": _person(f"{owner.name}, {owner.department}", owner.contact) if owner else None,
        "dataSteward": _person(steward.name, steward.contact) if steward else None,
    }
    return {name: value for name, value in values.items() if value}


def _purpose_lines(registration: Registration) -> list[str]:
    lines = []
    for purpose in registration.purposes:
        lines.append(f"- **{purpose.id}** ({purpose.kind.value}): {purpose.description}")
        basis = purpose.legal_basis
        if basis is None:
            lines.append("  - legal ground: not recorded")
        else:
            ground = f"AVG art. 6(1)({basis.ground.letter}) {basis.ground.value}"
            provision = f"; provision: {basis.provision}" if basis.provision else ""
            lines.append(f"  - legal ground: {ground}{provision}")
        compatibility = purpose.compatibility
        if compatibility:
            lines.append(
                f"  - further purpose, compatible with {compatibility.original_purpose} "
                f"(AVG art. 6(4)): {compatibility.reference}, assessed "
                f"{compatibility.assessed_on.isoformat()} by {compatibility.assessed_by}"
            )
    return lines


def _person(name: str, contact: str | None) -> str:
    return f"{name} ({contact})" if contact else name


# --- files -----------------------------------------------------------------------------

_FILE_NAME = re.compile(r"^\d{3,}-[A-Za-z]+-[A-Za-z0-9._-]+\.json$")


def _entry(number: int, request: Request) -> dict[str, str]:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", request.fqn)[:150]
    return {
        "file": f"{number:03d}-{request.kind.value}-{safe}.json",
        "kind": request.kind.value,
        "fqn": request.fqn,
        "model": type(request.model).__name__,
        "endpoint": ENDPOINTS[request.kind],
    }


def _index(entries: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "generator": "governance export openmetadata",
        "openmetadata": "2.0 (openmetadata-ingestion generated models)",
        "order": "send in this order; each request needs the entities of the ones before",
        "notes": [
            "Endpoints are relative to the server's API address (e.g. http://host:8585/api).",
            f"customProperty requests name their property type in propertyType.name; its id "
            f"({UNRESOLVED_TYPE_ID}) is a placeholder: look the type up with GET "
            "/v1/metadata/types/name/<name> and use its id.",
        ],
        "requests": entries,
    }


def _previously_written(index: Path) -> set[str]:
    """The request files an earlier export listed in its index (names of our own pattern
    only, so a damaged or foreign index can never point at another file)."""
    try:
        listed = json.loads(index.read_text(encoding="utf-8"))["requests"]
        names = {entry["file"] for entry in listed}
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {name for name in names if isinstance(name, str) and _FILE_NAME.match(name)}


def _write_json(target: Path, data: dict[str, Any]) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target
