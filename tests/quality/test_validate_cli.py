"""`governance validate` through its entry point: pilots pass, planted defects fail with
names and counts, contract breaks come first, bad input is exit 2 and stores nothing."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from governance.errors import ExitCode
from governance.synthetic import generate_pilot_data
from tests.test_cli import store_snapshot
from tests.test_example_catalog import PILOT_IDS

PROJECT = Path(__file__).resolve().parent.parent.parent
ROWS = 400


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("validate")
    files = {f.dataset_id: f for f in generate_pilot_data(folder / "data", rows=ROWS)}
    env = {**os.environ, "GOVERNANCE_DB": f"sqlite:///{folder}/g.db"}
    subprocess.run(
        [sys.executable, "-m", "governance", "catalog", "import", str(PROJECT / "catalog")],
        env=env,
        check=True,
        capture_output=True,
        cwd=PROJECT,
    )
    return {"folder": folder, "files": files, "env": env}


def validate(workspace: dict[str, Any], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "governance", "validate", *arguments],
        env=workspace["env"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
    )


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="cp1252", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))
    return header, rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("dataset_id", sorted(PILOT_IDS))
def test_each_pilot_passes_on_its_synthetic_data(
    workspace: dict[str, Any], dataset_id: str
) -> None:
    run = validate(
        workspace,
        dataset_id,
        "--data",
        str(workspace["files"][dataset_id].path),
        "--format",
        "json",
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(run.stdout)
    assert result["outcome"] in ("passed", "warnings") and result["contract"] == []
    assert result["expectations"], "the example suite ran"


def test_planted_defects_fail_naming_the_expectation_and_counts(
    workspace: dict[str, Any], tmp_path: Path
) -> None:
    header, rows = _rows(workspace["files"]["wmo-wachtlijst"].path)
    days = header.index("Wachtdagen")
    planted = 0
    for index, row in enumerate(rows):
        if index % 5 == 0 and row[days] not in ("", "NULL"):
            row[days] = "-7"
            planted += 1
    path = _write(tmp_path / "wmo-defect.csv", header, rows)
    run = validate(workspace, "wmo-wachtlijst", "--data", str(path), "--format", "json")
    assert run.returncode == ExitCode.CHECKS_FAILED
    failed = [e for e in json.loads(run.stdout)["expectations"] if not e["success"]]
    between = next(e for e in failed if e["columns"] == ["Wachtdagen"])
    assert between["type"] == "expect_column_values_to_be_between"
    assert between["severity"] == "critical" and between["unexpected_count"] >= planted
    table = validate(workspace, "wmo-wachtlijst", "--data", str(path))
    assert "FAILED" in table.stdout and "Wachtdagen" in table.stdout


@pytest.mark.parametrize(
    ("change", "column", "check"),
    [
        ("drop", "Postcode", "column_missing"),
        ("text", "Wachtdagen", "type"),
    ],
)
def test_a_contract_break_is_reported_before_the_suite(
    workspace: dict[str, Any], tmp_path: Path, change: str, column: str, check: str
) -> None:
    header, rows = _rows(workspace["files"]["wmo-wachtlijst"].path)
    position = header.index(column)
    if change == "drop":
        header = header[:position] + header[position + 1 :]
        rows = [row[:position] + row[position + 1 :] for row in rows]
    else:
        rows = [[*row[:position], "veel", *row[position + 1 :]] for row in rows]
    path = _write(tmp_path / "wmo-contract.csv", header, rows)
    run = validate(workspace, "wmo-wachtlijst", "--data", str(path), "--format", "json")
    assert run.returncode == ExitCode.CHECKS_FAILED
    result = json.loads(run.stdout)
    assert (column, check) in {(p["column"], p["check"]) for p in result["contract"]}
    assert result["expectations"] == []
    assert column in validate(workspace, "wmo-wachtlijst", "--data", str(path)).stdout


def test_a_failed_expectation_on_a_bsn_column_keeps_no_bsn(
    workspace: dict[str, Any], tmp_path: Path
) -> None:
    header, rows = _rows(workspace["files"]["wmo-wachtlijst"].path)
    suite = tmp_path / "suites"
    suite.mkdir()
    (suite / "wmo-wachtlijst.yaml").write_text(
        "dataset: wmo-wachtlijst\nexpectations:\n"
        "  - type: expect_column_values_to_match_regex\n    column: Client_BSN\n"
        "    regex: '^X'\n    severity: critical\n",
        encoding="utf-8",
    )
    html = tmp_path / "rapport.html"
    run = validate(
        workspace,
        "wmo-wachtlijst",
        "--data",
        str(workspace["files"]["wmo-wachtlijst"].path),
        "--suites",
        str(suite),
        "--html",
        str(html),
        "--format",
        "json",
    )
    assert run.returncode == ExitCode.CHECKS_FAILED
    bsns = {row[header.index("Client_BSN")] for row in rows} - {"", "NULL"}
    stored = store_snapshot(workspace["env"]["GOVERNANCE_DB"])
    for text in (
        run.stdout,
        run.stderr,
        html.read_text(encoding="utf-8"),
        json.dumps(stored["validations"], default=str),
    ):
        assert not [bsn for bsn in bsns if bsn in text]
    assert "d{9}" in run.stdout or "d{8}" in run.stdout


@pytest.mark.parametrize(
    ("suite_text", "message"),
    [
        (
            "dataset: wmo-wachtlijst\nexpectations:\n  - type: expect_column_to_be_lovely\n"
            "    column: Status\n",
            ":3:",
        ),
        (
            "dataset: wmo-wachtlijst\nexpectations:\n  - type: expect_column_values_to_not_be_null"
            "\n    column: Bestaat_niet\n",
            "Bestaat_niet",
        ),
    ],
)
def test_a_bad_suite_is_exit_2_and_stores_nothing(
    workspace: dict[str, Any], tmp_path: Path, suite_text: str, message: str
) -> None:
    suite = tmp_path / "suites"
    suite.mkdir()
    (suite / "wmo-wachtlijst.yaml").write_text(suite_text, encoding="utf-8")
    before = store_snapshot(workspace["env"]["GOVERNANCE_DB"])
    run = validate(
        workspace,
        "wmo-wachtlijst",
        "--data",
        str(workspace["files"]["wmo-wachtlijst"].path),
        "--suites",
        str(suite),
    )
    assert run.returncode == ExitCode.BAD_INPUT and message in run.stderr, run.stderr
    assert store_snapshot(workspace["env"]["GOVERNANCE_DB"]) == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("onbekend-dataset",), "unknown dataset"),
        (("wmo-wachtlijst", "--data", "/no/such/file.csv"), "file.csv"),
    ],
)
def test_bad_input_is_exit_2(
    workspace: dict[str, Any], arguments: tuple[str, ...], message: str
) -> None:
    run = validate(workspace, *arguments)
    assert run.returncode == ExitCode.BAD_INPUT and message in run.stderr


def test_a_suite_for_an_unknown_dataset_is_exit_2(
    workspace: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "wmo-wachtlijstt.yaml").write_text(
        "dataset: wmo-wachtlijstt\nexpectations:\n  - type: expect_table_row_count_to_be_between"
        "\n    min_value: 1\n",
        encoding="utf-8",
    )
    run = validate(workspace, "wmo-wachtlijstt", "--suites", str(tmp_path))
    assert run.returncode == ExitCode.BAD_INPUT
    assert "a suite for unknown dataset 'wmo-wachtlijstt'" in run.stderr
    assert "did you mean wmo-wachtlijst" in run.stderr


def test_an_unparseable_file_is_exit_2(workspace: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "rommel.csv"
    path.write_bytes(bytes(range(256)) * 10)
    run = validate(workspace, "wmo-wachtlijst", "--data", str(path))
    assert run.returncode == ExitCode.BAD_INPUT and "rommel.csv" in run.stderr


def test_parsing_options_of_the_registration_are_used(tmp_path: Path) -> None:
    """US dates and 'onbekend' for missing: the contract breaks until the registration
    names them in `source.parsing`."""
    from tests.builders import valid_document, with_change, write_yaml

    data = tmp_path / "export.csv"
    data.write_text("nummer|datum\n1|03/25/2024\n2|onbekend\n3|12/31/2023\n", encoding="utf-8")
    document = with_change(valid_document("us-export"), "source.location", str(data))
    document["personal_data"] = None
    document.pop("personal_data")
    document["columns"] = [
        {"name": "nummer", "type": "integer", "nullable": False},
        {"name": "datum", "type": "date"},
    ]
    env = {**os.environ, "GOVERNANCE_DB": f"sqlite:///{tmp_path}/g.db"}

    def run_with(parsing: dict[str, Any] | None) -> dict[str, Any]:
        if parsing:
            document["source"]["parsing"] = parsing
        path = write_yaml(document, tmp_path / "catalog" / "us-export.yaml")
        subprocess.run(
            [sys.executable, "-m", "governance", "catalog", "import", str(path)],
            env=env,
            check=True,
            capture_output=True,
        )
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "governance",
                "validate",
                "us-export",
                "--suites",
                str(tmp_path),
                "--format",
                "json",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout)

    before = run_with(None)
    assert before["outcome"] == "failed"
    assert {(p["column"], p["check"]) for p in before["contract"]} == {("datum", "type")}
    after = run_with({"delimiter": "|", "date_format": "%m/%d/%Y", "null_values": ["onbekend"]})
    assert after["outcome"] == "passed", after["contract"]


def test_a_personal_sample_in_an_undeclared_column_is_masked(
    workspace: dict[str, Any], tmp_path: Path
) -> None:
    """No scan ran and the column declares nothing: the sample itself gives it away."""
    header, rows = _rows(workspace["files"]["wmo-wachtlijst"].path)
    status = header.index("Status")
    rows[0][status] = "Jan Jansen"
    rows[1][status] = "bel 06-12345678"
    path = _write(tmp_path / "wmo-status.csv", header, rows)
    run = validate(workspace, "wmo-wachtlijst", "--data", str(path), "--format", "json")
    assert "Jansen" not in run.stdout and "12345678" not in run.stdout
    in_set = next(
        e
        for e in json.loads(run.stdout)["expectations"]
        if e["type"] == "expect_column_values_to_be_in_set"
    )
    assert in_set["unexpected_count"] == 2 and len(in_set["samples"]) == 2


def test_a_file_without_a_header_row_is_refused(workspace: dict[str, Any], tmp_path: Path) -> None:
    _, rows = _rows(workspace["files"]["wmo-wachtlijst"].path)
    first = next(row for row in rows if all(cell.strip() for cell in row))
    path = _write(tmp_path / "geen-kop.csv", first, [row for row in rows if row is not first])
    run = validate(workspace, "wmo-wachtlijst", "--data", str(path))
    assert run.returncode == ExitCode.BAD_INPUT and "looks like data" in run.stderr
    for value in first:
        if len(value) >= 6:
            assert value not in run.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--html", "/proc/geen-map/rapport.html"), "cannot write the HTML report"),
        (("--suites", "/geen/map"), "no such folder of expectation suites"),
    ],
)
def test_a_bad_output_or_suite_folder_stops_before_anything_is_stored(
    workspace: dict[str, Any], arguments: tuple[str, ...], message: str
) -> None:
    before = store_snapshot(workspace["env"]["GOVERNANCE_DB"])
    run = validate(
        workspace,
        "wmo-wachtlijst",
        "--data",
        str(workspace["files"]["wmo-wachtlijst"].path),
        *arguments,
    )
    assert run.returncode == ExitCode.BAD_INPUT and message in run.stderr
    assert store_snapshot(workspace["env"]["GOVERNANCE_DB"]) == before
