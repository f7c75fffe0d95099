"""`governance export openmetadata | dcat | art30` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph

from tests.test_cli import Cli

CATALOG = Path(__file__).resolve().parents[2] / "catalog"


@pytest.fixture
def cli(sqlite_url: str, tmp_path: Path) -> Cli:
    runner = Cli(sqlite_url, tmp_path)
    assert runner("catalog", "import", str(CATALOG)).returncode == 0
    return runner


def test_dcat_to_stdout_parses_and_holds_only_the_open_dataset(cli: Cli) -> None:
    run = cli("export", "dcat", "--format", "jsonld")
    assert run.returncode == 0, run.stderr
    graph = Graph().parse(data=run.stdout, format="json-ld")
    assert len(graph) > 10
    assert "reisdocumenten-piekmomenten" in run.stdout and "wmo-wachtlijst" not in run.stdout


def test_art30_xlsx_has_a_row_per_purpose(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    run = cli("export", "art30", "--out", str(out))
    assert run.returncode == 0, run.stderr
    sheet = load_workbook(out).active
    assert sheet.cell(1, 1).value == "Verwerkingsverantwoordelijke"
    assert sheet.max_row - 1 == 11  # the purposes of the six registrations with personal data


def test_openmetadata_out_writes_the_requests(cli: Cli, tmp_path: Path) -> None:
    run = cli("export", "openmetadata", "--out", str(tmp_path / "om"))
    assert run.returncode == 0, run.stderr
    index = json.loads((tmp_path / "om" / "index.json").read_text())
    assert index and "wrote" in run.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("export", "art30"), "needs --out FILE.xlsx"),
        (("export", "openmetadata", "--server", "http://127.0.0.1:9"), "--server needs --token"),
        (("export", "art30", "--format", "md", "--out", "no/such/dir/r.md"), "existing folder"),
    ],
)
def test_bad_input_exits_2(cli: Cli, arguments: tuple[str, ...], message: str) -> None:
    run = cli(*arguments)
    assert run.returncode == 2 and message in run.stderr


def test_a_missing_organisations_file_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    cli.env["GOVERNANCE_ORGANISATIONS"] = str(tmp_path / "absent.yaml")
    run = cli("export", "dcat")
    assert run.returncode == 2 and "absent.yaml" in run.stderr
