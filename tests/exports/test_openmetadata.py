"""The OpenMetadata export: requests that OpenMetadata's own models accept, column tags that
follow the declarations and the latest scan, files in a stable order, a push that is
idempotent and fails clearly, and an ingestion source that OpenMetadata's workflow runs.

The server is `FakeOpenMetadata` on 127.0.0.1; no live OpenMetadata server is involved.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from metadata.generated.schema.api.classification.createClassification import (
    CreateClassificationRequest,
)
from metadata.generated.schema.api.classification.createTag import CreateTagRequest
from metadata.generated.schema.api.data.createCustomProperty import CreateCustomPropertyRequest
from metadata.generated.schema.api.data.createDatabase import CreateDatabaseRequest
from metadata.generated.schema.api.data.createDatabaseSchema import CreateDatabaseSchemaRequest
from metadata.generated.schema.api.data.createTable import CreateTableRequest
from metadata.generated.schema.api.services.createDatabaseService import (
    CreateDatabaseServiceRequest,
)
from metadata.workflow.metadata import MetadataWorkflow

from governance import catalog_files
from governance.domain.dpia_state import DpiaState
from governance.domain.registration import Registration
from governance.domain.vocabulary import ColumnType, PiiEntity, SpecialCategory
from governance.errors import BadInputError, ExitCode
from governance.exports.context import DatasetRecord, Organisation, load_organisations
from governance.exports.openmetadata import (
    CUSTOM_PROPERTIES,
    ORDER,
    UNRESOLVED_TYPE_ID,
    Kind,
    OpenMetadataPushError,
    Request,
    build_requests,
    push,
    write_requests,
)
from governance.exports.openmetadata_push import api_address
from governance.exports.openmetadata_source import GovernanceCatalogSource
from governance.services import Governance
from tests.builders import valid_document, with_change
from tests.exports.fake_openmetadata import FakeOpenMetadata

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "catalog"
MODELS = {
    Kind.DATABASE_SERVICE: CreateDatabaseServiceRequest,
    Kind.DATABASE: CreateDatabaseRequest,
    Kind.DATABASE_SCHEMA: CreateDatabaseSchemaRequest,
    Kind.CLASSIFICATION: CreateClassificationRequest,
    Kind.TAG: CreateTagRequest,
    Kind.CUSTOM_PROPERTY: CreateCustomPropertyRequest,
    Kind.TABLE: CreateTableRequest,
}
# What the latest scans of the pilots found (hand-made): a declared entity confirmed, a
# second entity in a declared column, an undeclared one in free text, a declared name the
# scan missed in Jeugd (Clientnaam not listed), and Fixi never scanned.
SCANS = {
    "wmo-wachtlijst": {
        "Client_BSN": ["BSN"],
        "Clientnaam": ["PERSON"],
        "Postcode": ["POSTCODE", "STREET_ADDRESS"],
        "Opmerking": ["PERSON", "PHONE_NUMBER"],
        "Wachtdagen": [],
    },
    "jeugd-wachtlijst": {"Client_BSN": ["BSN"]},
    "inhuur-personeel": {"IBAN_leverancier": ["IBAN"]},
}


def registrations() -> list[Registration]:
    found = []
    for path in sorted(CATALOG.glob("*.yaml")):
        found += [file.registration for file in catalog_files.load(path)]
    return found


def scan_of(columns: dict[str, list[str]]) -> dict[str, Any]:
    return {"columns": [{"name": name, "entities": found} for name, found in columns.items()]}


def record(registration: Registration) -> DatasetRecord:
    columns = SCANS.get(registration.id)
    return DatasetRecord(registration, scan_of(columns) if columns else None, DpiaState(None))


@pytest.fixture(scope="module")
def records() -> list[DatasetRecord]:
    return [record(registration) for registration in registrations()]


@pytest.fixture(scope="module")
def organisations() -> dict[str, Organisation]:
    return load_organisations(ROOT / "organisations.yaml")


@pytest.fixture(scope="module")
def requests(records: list[DatasetRecord], organisations: dict[str, Organisation]) -> list[Request]:
    return build_requests(records, organisations)


def tables(requests: list[Request]) -> dict[str, Any]:
    return {r.model.name.root: r.model for r in requests if r.kind is Kind.TABLE}


def labels(tags: list[Any] | None) -> dict[str, Any]:
    return {label.tagFQN.root: label for label in tags or []}


# --- the requests ----------------------------------------------------------------------


def test_every_written_request_reparses_with_its_generated_model(
    requests: list[Request], tmp_path: Path
) -> None:
    written = write_requests(requests, tmp_path)
    index = json.loads((tmp_path / "index.json").read_text("utf-8"))["requests"]
    assert [entry["file"] for entry in index] == [path.name for path in written]
    for entry, path, request in zip(index, written, requests, strict=True):
        model = MODELS[Kind(entry["kind"])]
        assert entry["model"] == model.__name__
        data = json.loads(path.read_text("utf-8"))
        assert json.loads(model.model_validate(data).model_dump_json(by_alias=True)) == data
        assert data == request.document()


def test_one_service_one_database_per_organisation_one_schema_per_system(
    requests: list[Request], records: list[DatasetRecord]
) -> None:
    by_kind = {kind: [r.fqn for r in requests if r.kind is kind] for kind in Kind}
    organisations = {r.registration.organisation for r in records}
    systems = {(r.registration.organisation, r.registration.source.system) for r in records}
    assert by_kind[Kind.DATABASE_SERVICE] == ["governance_catalogue"]
    assert len(by_kind[Kind.DATABASE]) == len(organisations)
    assert len(by_kind[Kind.DATABASE_SCHEMA]) == len(systems)
    assert len(by_kind[Kind.TABLE]) == len(records)
    wmo = tables(requests)["wmo-wachtlijst"]
    assert (
        wmo.databaseSchema.root == "governance_catalogue.gemeente-rivierstad.suite4sociaal-domein"
    )
    assert [request.kind for request in requests] == sorted(
        (request.kind for request in requests), key=ORDER.index
    )


def test_the_classification_has_a_tag_for_every_entity_type_and_special_category(
    requests: list[Request],
) -> None:
    tags = {r.model.name.root: r.model for r in requests if r.kind is Kind.TAG}
    expected = {e.value for e in PiiEntity} | {c.value for c in SpecialCategory}
    assert set(tags) == expected
    assert all(tag.classification.root == "DutchPII" for tag in tags.values())
    assert "UAVG art. 46" in tags["BSN"].description.root
    assert "art. 9(1)" in tags["health"].description.root


def test_column_tags_follow_the_declarations_and_the_latest_scan(
    requests: list[Request], records: list[DatasetRecord]
) -> None:
    built = tables(requests)
    for item in records:
        found = item.found()
        columns = {c.name.root: c for c in built[item.registration.id].columns}
        for column in item.registration.columns:
            tags = labels(columns[column.name].tags)
            entities = found.get(column.name, set()) | ({column.pii} if column.pii else set())
            personal = bool(entities) or column.identifier
            pii = [name for name in tags if name.startswith("PII.")]
            assert pii == ["PII.Sensitive" if personal else "PII.None"], column.name
            assert {n for n in tags if n.startswith("DutchPII.")} == {
                f"DutchPII.{e.value}" for e in entities
            }, column.name


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("Client_BSN", {"DutchPII.BSN": ("Manual", "confirmed by the latest PII scan")}),
        ("Clientnaam", {"DutchPII.PERSON": ("Manual", "confirmed by the latest PII scan")}),
        (
            "Geboortedatum",
            {"DutchPII.DATE_OF_BIRTH": ("Manual", "not found by the latest PII scan")},
        ),
        (
            "Postcode",
            {
                "DutchPII.POSTCODE": ("Manual", "confirmed"),
                "DutchPII.STREET_ADDRESS": ("Automated", "not declared in the registration"),
            },
        ),
        (
            "Opmerking",
            {
                "DutchPII.PERSON": ("Automated", "found by the latest PII scan"),
                "DutchPII.PHONE_NUMBER": ("Automated", "found by the latest PII scan"),
            },
        ),
        ("Aanvraagnummer", {}),
        ("Wachtdagen", {}),
    ],
)
def test_each_tag_says_whether_it_was_declared_found_or_both(
    requests: list[Request], column: str, expected: dict[str, tuple[str, str]]
) -> None:
    columns = {c.name.root: c for c in tables(requests)["wmo-wachtlijst"].columns}
    tags = labels(columns[column].tags)
    ours = {name: label for name, label in tags.items() if name.startswith("DutchPII.")}
    assert set(ours) == set(expected)
    for name, (label_type, reason) in expected.items():
        assert ours[name].labelType.value == label_type
        assert reason in ours[name].reason


def test_pii_tags_say_why(requests: list[Request]) -> None:
    wmo = {c.name.root: labels(c.tags) for c in tables(requests)["wmo-wachtlijst"].columns}
    assert "identifier" in wmo["Aanvraagnummer"]["PII.Sensitive"].reason
    assert wmo["Opmerking"]["PII.Sensitive"].labelType.value == "Automated"
    assert "none found by the latest PII scan" in wmo["Wachtdagen"]["PII.None"].reason
    fixi = {c.name.root: labels(c.tags) for c in tables(requests)["fixi-meldingen"].columns}
    unscanned = [tags["PII.None"].reason for tags in fixi.values() if "PII.None" in tags]
    assert unscanned and all("not scanned yet" in reason for reason in unscanned)


def test_special_categories_become_table_tags(
    requests: list[Request], records: list[DatasetRecord]
) -> None:
    built = tables(requests)
    for item in records:
        personal = item.registration.personal_data
        declared = {u.category.value for u in personal.special_categories} if personal else set()
        assert set(labels(built[item.registration.id].tags)) == {
            f"DutchPII.{category}" for category in declared
        }
    health = labels(built["wmo-wachtlijst"].tags)["DutchPII.health"]
    assert "AVG art. 9(2)(g)" in health.reason


def test_custom_properties_carry_purposes_grounds_bio_level_owner_and_steward(
    requests: list[Request], records: list[DatasetRecord]
) -> None:
    defined = {p.name: p for p in CUSTOM_PROPERTIES}
    written = [r for r in requests if r.kind is Kind.CUSTOM_PROPERTY]
    assert {r.model.name.root for r in written} == set(defined)
    assert all(r.model.propertyType.root.id.root.int == 0 for r in written)
    for item in records:
        extension = tables(requests)[item.registration.id].extension.root
        assert set(extension) <= set(defined)
        for name, value in extension.items():
            if defined[name].values:
                assert isinstance(value, list) and set(value) <= set(defined[name].values)
    wmo = tables(requests)["wmo-wachtlijst"]
    values = wmo.extension.root
    assert values["bioLevel"] == ["confidential"]
    assert values["legalGrounds"] == ["public_task"]
    assert (
        "AVG art. 6(1)(e) public_task; provision: Wmo 2015, art. 2.3.2"
        in (values["processingPurposes"])
    )
    assert values["dataOwner"] == (
        "Teamleider Wmo-toegang, Sociaal Domein (wmo-toegang@rivierstad.example)"
    )
    assert "informatiebeheer-sd@rivierstad.example" in values["dataSteward"]
    assert wmo.retentionPeriod.root == "P2Y"
    assert wmo.owners is None


def test_columns_keep_type_nullability_and_uniqueness() -> None:
    document = valid_document()
    document["columns"] = [
        {"name": f"c_{kind.value}", "type": kind.value, "nullable": kind is not ColumnType.DATE}
        for kind in ColumnType
    ]
    document["columns"][0]["unique"] = True
    registration = Registration.model_validate(document)
    (table,) = [
        r.model
        for r in build_requests([DatasetRecord(registration, None, DpiaState(None))], {})
        if r.kind is Kind.TABLE
    ]
    types = {c.name.root: c.dataType.value for c in table.columns}
    assert types == {
        "c_string": "STRING",
        "c_integer": "BIGINT",
        "c_decimal": "DECIMAL",
        "c_boolean": "BOOLEAN",
        "c_date": "DATE",
        "c_datetime": "TIMESTAMP",
    }
    assert [c.name.root for c in table.columns if c.constraint] == ["c_date"]
    assert [c.columns for c in table.tableConstraints] == [["c_string"]]


def test_databases_describe_the_controller_or_say_it_is_missing(
    organisations: dict[str, Organisation],
) -> None:
    known = Registration.model_validate(valid_document("known"))
    unknown = Registration.model_validate(
        with_change(valid_document("unknown"), "organisation", "Gemeente Nergens")
    )
    records = [DatasetRecord(r, None, DpiaState(None)) for r in (known, unknown)]
    databases = {
        r.model.displayName: r.model.description.root
        for r in build_requests(records, organisations)
        if r.kind is Kind.DATABASE
    }
    assert "fg@rivierstad.example" in databases["Gemeente Rivierstad"]
    assert "Not in organisations.yaml" in databases["Gemeente Nergens"]


def test_importing_the_exporter_leaves_openmetadata_unloaded() -> None:
    """The CLI imports the exporter's module; the 4-second package loads only on use."""
    code = "import sys, governance.exports.openmetadata; print('metadata' in sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False"


# --- the files -------------------------------------------------------------------------


def test_files_are_numbered_in_sending_order_and_stable(
    requests: list[Request], tmp_path: Path
) -> None:
    first = write_requests(requests, tmp_path / "out")
    contents = {path.name: path.read_bytes() for path in first}
    second = write_requests(requests, tmp_path / "out")
    assert [path.name for path in second] == sorted(contents)
    assert {path.name: path.read_bytes() for path in second} == contents
    index = json.loads((tmp_path / "out" / "index.json").read_text("utf-8"))
    assert [entry["endpoint"] for entry in index["requests"]][:2] == [
        "PUT /v1/services/databaseServices",
        "PUT /v1/databases",
    ]
    assert UNRESOLVED_TYPE_ID in " ".join(index["notes"])
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_files_of_a_removed_dataset_are_deleted_and_other_files_kept(
    records: list[DatasetRecord], organisations: dict[str, Organisation], tmp_path: Path
) -> None:
    write_requests(build_requests(records, organisations), tmp_path)
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    fewer = [r for r in records if r.registration.id != "wmo-wachtlijst"]
    kept = write_requests(build_requests(fewer, organisations), tmp_path)
    on_disk = {p.name for p in tmp_path.iterdir()}
    assert on_disk == {p.name for p in kept} | {"index.json", "notes.txt"}
    assert not [name for name in on_disk if "wmo-wachtlijst" in name]


def test_an_unwritable_folder_is_bad_input(requests: list[Request], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    with pytest.raises(BadInputError, match="cannot write the OpenMetadata export"):
        write_requests(requests, blocker / "out")


# --- the push --------------------------------------------------------------------------


def test_a_first_push_creates_and_a_second_changes_nothing(requests: list[Request]) -> None:
    with FakeOpenMetadata().serving() as fake:
        first = push(requests, fake.url, "bot-token")
        created_calls = fake.writes()
        second = push(requests, fake.url, "bot-token")
        update_calls = fake.writes()[len(created_calls) :]

    assert len(first.created) == len(requests) and not first.updated and not first.unchanged
    assert {c.method for c in created_calls} == {"PUT"}
    entity_puts = [c for c in created_calls if "/metadata/types/" not in c.path]
    assert {c.status for c in entity_puts} == {201}
    assert len(second.unchanged) == len(requests) and not second.created and not second.updated
    assert {(c.method, c.status) for c in update_calls} == {("PUT", 200)}
    assert len(update_calls) == len(created_calls)
    assert f"{len(requests)} unchanged" in second.describe()
    wmo = next(r for r in requests if r.fqn.endswith(".wmo-wachtlijst"))
    assert fake.stored("tables", wmo.fqn) == wmo.document()
    assert set(fake.custom_properties()) == {p.name for p in CUSTOM_PROPERTIES}


def test_a_new_scan_finding_updates_only_its_table(
    records: list[DatasetRecord], organisations: dict[str, Organisation]
) -> None:
    before = build_requests(records, organisations)
    rescanned = [
        DatasetRecord(r.registration, scan_of({"Leverancier": ["PERSON"]}), r.dpia)
        if r.registration.id == "inhuur-personeel"
        else r
        for r in records
    ]
    with FakeOpenMetadata().serving() as fake:
        push(before, fake.url, "bot-token")
        report = push(build_requests(rescanned, organisations), fake.url, "bot-token")
    assert report.updated == [
        "table governance_catalogue.gemeente-rivierstad."
        "key2financien-export-inhuurregistratie.inhuur-personeel"
    ]
    assert len(report.unchanged) == len(before) - 1


def test_a_refused_token_is_bad_input_and_nothing_is_claimed(requests: list[Request]) -> None:
    with (
        FakeOpenMetadata(token="the-real-one").serving() as fake,
        pytest.raises(OpenMetadataPushError) as raised,
    ):
        push(requests, fake.url, "a-stale-one")
    message = str(raised.value)
    assert raised.value.exit_code is ExitCode.BAD_INPUT
    assert fake.url in message and "HTTP 401" in message and "--token" in message
    assert f"No request was sent (0 of {len(requests)})" in message
    assert not any(fake.entities.values())


def test_a_server_error_says_how_far_the_push_got_and_a_rerun_completes(
    requests: list[Request],
) -> None:
    first_table = next(i for i, r in enumerate(requests) if r.kind is Kind.TABLE)
    with FakeOpenMetadata(fail_path="/api/v1/tables").serving() as fake:
        with pytest.raises(OpenMetadataPushError) as raised:
            push(requests, fake.url, "bot-token")
        message = str(raised.value)
        assert fake.url in message and "HTTP 500" in message and "database is down" in message
        assert f"{first_table} of {len(requests)} requests succeeded before it" in message
        assert f"at table {requests[first_table].fqn}" in message
        assert f"the {len(requests) - first_table - 1} after it were not sent" in message
        assert not fake.entities["tables"]

        fake.fail_path = None
        report = push(requests, fake.url, "bot-token")
    assert len(report.unchanged) == first_table
    assert len(report.created) == len(requests) - first_table


def test_an_unreachable_server_is_bad_input(requests: list[Request]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed when the block ends: nothing listens there
    with pytest.raises(OpenMetadataPushError) as raised:
        push(requests, f"http://127.0.0.1:{port}", "bot-token")
    message = str(raised.value)
    assert raised.value.exit_code is ExitCode.BAD_INPUT
    assert f"http://127.0.0.1:{port}/api" in message and "cannot be reached" in message
    assert f"No request was sent (0 of {len(requests)})" in message


@pytest.mark.parametrize(
    ("given", "address"),
    [
        ("http://localhost:8585", "http://localhost:8585/api"),
        ("https://catalogus.example/api/", "https://catalogus.example/api"),
    ],
)
def test_the_server_address_is_the_api(given: str, address: str) -> None:
    assert api_address(given) == address


def test_a_server_without_scheme_is_bad_input(requests: list[Request]) -> None:
    with pytest.raises(BadInputError, match="not a web address"):
        push(requests, "localhost:8585", "bot-token")


# --- the ingestion source --------------------------------------------------------------

WORKFLOW = """
source:
  type: customDatabase
  serviceName: governance_catalogue
  serviceConnection:
    config:
      type: CustomDatabase
      sourcePythonClass: governance.exports.openmetadata_source.GovernanceCatalogSource
      connectionOptions:
        store: {store}
        organisations: {organisations}
  sourceConfig:
    config:
      type: DatabaseMetadata
sink:
  type: metadata-rest
  config: {{}}
workflowConfig:
  loggerLevel: INFO
  openMetadataServerConfig:
    hostPort: {server}
    authProvider: openmetadata
    securityConfig:
      jwtToken: {token}
"""


def workflow_config(store: str, server: str, **options: str) -> dict[str, Any]:
    text = WORKFLOW.format(
        store=store, organisations=ROOT / "organisations.yaml", server=server, token="bot-token"
    )
    config: dict[str, Any] = yaml.safe_load(text)
    config["source"]["serviceConnection"]["config"]["connectionOptions"].update(options)
    return config


def test_openmetadata_workflow_pulls_the_catalogue_through_the_source(sqlite_url: str) -> None:
    governance = Governance.open(sqlite_url, actor="steward")
    governance.import_catalog([CATALOG])
    expected = build_requests(
        governance.export_records(), load_organisations(ROOT / "organisations.yaml")
    )
    with FakeOpenMetadata().serving() as fake:
        workflow = MetadataWorkflow.create(workflow_config(sqlite_url, fake.url))
        workflow.execute()
        workflow.raise_from_status()
        workflow.stop()

    for request in expected:
        if request.kind is Kind.TABLE:
            assert fake.stored("tables", request.fqn)["columns"] == request.document()["columns"]
    assert len(fake.entities["tables"]) == len(registrations())
    assert len(fake.entities["tags"]) == len(PiiEntity) + len(SpecialCategory)
    properties = fake.custom_properties()
    assert set(properties) == {p.name for p in CUSTOM_PROPERTIES}
    assert all(p["propertyType"]["id"] != UNRESOLVED_TYPE_ID for p in properties.values())
    service = fake.stored("services/databaseServices", "governance_catalogue")
    assert service["connection"]["config"]["sourcePythonClass"].endswith("GovernanceCatalogSource")


def test_the_source_refuses_options_it_does_not_know(sqlite_url: str) -> None:
    from metadata.ingestion.api.steps import InvalidSourceException

    config = workflow_config(sqlite_url, "http://127.0.0.1:9/api", password="secret")
    with pytest.raises(InvalidSourceException, match="unknown connectionOptions password"):
        GovernanceCatalogSource.create(config["source"], metadata=None)  # type: ignore[arg-type]


def test_the_source_tests_its_connection_by_reading_the_store(sqlite_url: str) -> None:
    Governance.open(sqlite_url, actor="steward").import_catalog([CATALOG])
    config = workflow_config(sqlite_url, "http://127.0.0.1:9/api")
    source = GovernanceCatalogSource.create(config["source"], metadata=None)  # type: ignore[arg-type]
    source.test_connection()
    assert len(source.governance().list_catalog()) == len(registrations())
    source.close()


def test_a_column_found_only_in_the_data_is_shown_with_its_tags(
    organisations: dict[str, Organisation],
) -> None:
    registration = next(r for r in registrations() if r.id == "project-planning")
    found = DatasetRecord(registration, scan_of({"extra_bsn": ["BSN"]}), DpiaState(None))
    table = tables(build_requests([found], organisations))["project-planning"]
    column = next(c for c in table.columns if c.name.root == "extra_bsn")
    assert {"PII.Sensitive", "DutchPII.BSN"} <= set(labels(column.tags))
    assert "niet in de registratie" in column.description.root
