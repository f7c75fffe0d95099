"""The example catalogue (`catalog/*.yaml`) is lawful by our own rules and fits the demo data.

Each registration must load into the model and pass the legal rules without a refusal;
and its columns must be exactly the columns of the file the synthetic generator writes,
so the PII scan, the schema contract and the gate in the demo work on real headers.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
import yaml

from governance.domain.legal_rules import Severity, assess
from governance.domain.registration import Registration
from governance.domain.vocabulary import SourceFormat
from governance.synthetic import GeneratedFile, generate_pilot_data, pilot

CATALOG = Path(__file__).resolve().parent.parent / "catalog"
FILES = sorted(CATALOG.glob("*.yaml"))
PILOT_IDS = {
    "wmo-wachtlijst",
    "jeugd-wachtlijst",
    "fixi-meldingen",
    "inhuur-personeel",
    "project-planning",
    "reisdocumenten-aanvragen",
    "reisdocumenten-piekmomenten",
}
# Warnings kept on purpose because they are realistic, per dataset id: none so far.
DELIBERATE_WARNINGS: dict[str, set[str]] = {}


def _load(path: Path) -> Registration:
    return Registration.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedFile]:
    out_dir = tmp_path_factory.mktemp("demo-data")
    return {f.dataset_id: f for f in generate_pilot_data(out_dir, rows=40)}


def test_the_seven_pilots_are_registered() -> None:
    assert {path.stem for path in FILES} == PILOT_IDS


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_registration_loads_without_refusals(path: Path) -> None:
    registration = _load(path)
    assert registration.id == path.stem, "file name must be <id>.yaml"
    refusals = [f.describe() for f in assess(registration) if f.severity is Severity.REFUSAL]
    assert refusals == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_registration_has_only_deliberate_warnings(path: Path) -> None:
    registration = _load(path)
    warnings = {f.rule_id for f in assess(registration) if f.severity is Severity.WARNING}
    assert warnings == DELIBERATE_WARNINGS.get(registration.id, set())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_registration_is_complete_for_the_demo(path: Path) -> None:
    registration = _load(path)
    assert registration.status.value == "active" and registration.version == 1
    assert registration.owner is not None and registration.steward is not None
    assert registration.retention is not None and registration.retention.basis
    assert registration.columns, "every pilot declares its columns"
    if registration.uses_bsn:
        assert registration.personal_data is not None
        assert registration.personal_data.bsn is not None


def test_one_pilot_shares_with_another_organisation_under_an_agreement() -> None:
    external = [
        recipient
        for registration in map(_load, FILES)
        for recipient in registration.recipients
        if recipient.organisation != registration.organisation
    ]
    assert external and all(recipient.agreement for recipient in external)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_source_points_at_the_generated_file(path: Path) -> None:
    registration = _load(path)
    spec = pilot(registration.id)
    assert registration.source.format is spec.format
    assert registration.source.location == f"demo-data/{spec.file_name}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_columns_match_the_generated_header(
    path: Path, generated: dict[str, GeneratedFile]
) -> None:
    registration = _load(path)
    declared = [column.name for column in registration.columns]
    assert _header(generated[registration.id]) == declared


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_column_types_match_the_generator(path: Path) -> None:
    registration = _load(path)
    declared = [(column.name, column.type) for column in registration.columns]
    assert declared == list(pilot(registration.id).columns)


def _header(generated: GeneratedFile) -> list[str]:
    if generated.format is SourceFormat.CSV:
        assert generated.encoding and generated.delimiter
        with generated.path.open(encoding=generated.encoding, newline="") as handle:
            return next(csv.reader(handle, delimiter=generated.delimiter))
    if generated.format is SourceFormat.XLSX:
        workbook = openpyxl.load_workbook(generated.path, read_only=True)
        try:
            first = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True))
        finally:
            workbook.close()
        return [str(value) for value in first]
    if generated.format is SourceFormat.PARQUET:
        return list(pq.read_schema(generated.path).names)
    raise AssertionError(f"unexpected format {generated.format}")
