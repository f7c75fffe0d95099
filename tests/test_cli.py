"""The command line through its real entry point, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml

from governance.cli import command_names
from governance.errors import ExitCode
from governance.services import Governance
from tests.builders import REMOVE, valid_document, with_change, with_changes, write_yaml
from tests.domain.test_legal_rules import TRIPS
from tests.test_example_catalog import PILOT_IDS

GOVERNANCE = [sys.executable, "-m", "governance"]


class Cli:
    """Runs `governance` in a subprocess against one store."""

    def __init__(self, url: str, cwd: Path) -> None:
        self.env = {**os.environ, "GOVERNANCE_DB": url, "GOVERNANCE_USER": "cli-test"}
        self.cwd = cwd

    def __call__(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*GOVERNANCE, *arguments],
            env=self.env,
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def json(self, *arguments: str) -> Any:
        run = self(*arguments, "--format", "json")
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout)


@pytest.fixture
def cli(store_url: str, tmp_path: Path) -> Cli:
    return Cli(store_url, tmp_path)


@pytest.fixture
def sqlite_cli(sqlite_url: str, tmp_path: Path) -> Cli:
    return Cli(sqlite_url, tmp_path)


def store_snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that a refused command changed nothing."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        tables = (
            "datasets",
            "registration_versions",
            "audit_log",
            "audit_head",
            "scans",
            "validations",
        )
        snapshot = {
            t: sorted(map(tuple, connection.exec_driver_sql(f"SELECT * FROM {t}")), key=repr)
            for t in tables
        }
    engine.dispose()
    return snapshot


def _refusal_rules() -> list[str]:
    from governance.domain.legal_rules import RULES, Severity

    return [r.id for r in RULES if r.severity is Severity.REFUSAL]


def _tripping_document(rule_id: str) -> dict[str, Any]:
    return with_changes(valid_document(), TRIPS[rule_id])


def test_help_lists_every_command_and_the_exit_codes() -> None:
    run = subprocess.run([*GOVERNANCE, "--help"], capture_output=True, text=True, check=True)
    for name in {n.split()[0] for n in command_names()}:
        assert name in run.stdout
    for code in ExitCode:
        assert f"{code.value}  {code.meaning}" in run.stdout


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_help(command: str) -> None:
    run = subprocess.run([*GOVERNANCE, *command.split(), "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "usage: governance" in run.stdout
    assert "exit codes:" in run.stdout


def test_help_imports_no_heavy_library() -> None:
    probe = (
        "import sys\n"
        "from governance.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'sqlalchemy', 'pydantic', 'yaml', 'alembic', 'faker', 'pyarrow', 'pandas',"
        " 'openpyxl', 'psycopg'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("rule_id", _refusal_rules())
def test_each_refusal_rule_stops_the_import(
    cli: Cli, store_url: str, tmp_path: Path, rule_id: str
) -> None:
    from governance.domain.legal_rules import RULES

    good = write_yaml(valid_document("al-aanwezig"), tmp_path / "good" / "al-aanwezig.yaml")
    Governance.open(store_url, actor="setup").import_catalog([good])
    before = store_snapshot(store_url)
    bad = write_yaml(_tripping_document(rule_id), tmp_path / "bad" / "wmo-test.yaml")
    run = cli("catalog", "import", str(bad))
    source = next(r.source for r in RULES if r.id == rule_id)
    assert run.returncode == ExitCode.BAD_INPUT
    assert f"[{rule_id}]" in run.stderr and source in run.stderr
    assert f"{bad}:" in run.stderr
    assert store_snapshot(store_url) == before


def test_import_is_all_or_nothing(sqlite_cli: Cli, tmp_path: Path) -> None:
    write_yaml(valid_document("goed"), tmp_path / "catalog" / "goed.yaml")
    write_yaml(
        with_change(valid_document("fout"), "owner", REMOVE), tmp_path / "catalog" / "fout.yaml"
    )
    run = sqlite_cli("catalog", "import", "catalog")
    assert run.returncode == ExitCode.BAD_INPUT and "fout.yaml" in run.stderr
    assert sqlite_cli.json("catalog", "list") == []


def test_dry_run_validates_without_storing(sqlite_cli: Cli, tmp_path: Path) -> None:
    write_yaml(valid_document(), tmp_path / "catalog" / "wmo-test.yaml")
    run = sqlite_cli("catalog", "import", "catalog", "--dry-run")
    assert run.returncode == 0 and "dry run" in run.stdout
    assert sqlite_cli.json("catalog", "list") == []


def test_a_conflicting_import_names_the_file(sqlite_cli: Cli, tmp_path: Path) -> None:
    path = write_yaml(valid_document(), tmp_path / "catalog" / "wmo-test.yaml")
    sqlite_cli("catalog", "import", str(path))
    write_yaml(with_change(valid_document(), "title", "Eerste"), path)
    assert sqlite_cli("catalog", "import", str(path)).returncode == 0
    write_yaml(with_change(valid_document(), "title", "Tweede op oude basis"), path)
    run = sqlite_cli("catalog", "import", str(path))
    assert run.returncode == ExitCode.BAD_INPUT
    assert f"{path}:" in run.stderr and "someone else saved first" in run.stderr


def test_export_round_trip_is_stable(sqlite_cli: Cli, tmp_path: Path) -> None:
    write_yaml(valid_document("een"), tmp_path / "catalog" / "een.yaml")
    write_yaml(valid_document("twee"), tmp_path / "catalog" / "twee.yaml")
    sqlite_cli("catalog", "import", "catalog")
    assert sqlite_cli("catalog", "export", "--out", "first").returncode == 0
    reimport = sqlite_cli.json("catalog", "import", "first")
    assert [entry["outcome"] for entry in reimport] == ["unchanged", "unchanged"]
    sqlite_cli("catalog", "export", "--out", "second")
    for name in ("een.yaml", "twee.yaml"):
        first, second = tmp_path / "first" / name, tmp_path / "second" / name
        assert first.read_bytes() == second.read_bytes()
    printed = sqlite_cli("catalog", "export", "een")
    assert printed.stdout == (tmp_path / "first" / "een.yaml").read_text(encoding="utf-8")


def test_export_to_an_unwritable_folder_is_bad_input(sqlite_cli: Cli, tmp_path: Path) -> None:
    write_yaml(valid_document(), tmp_path / "catalog" / "wmo-test.yaml")
    sqlite_cli("catalog", "import", "catalog")
    run = sqlite_cli("catalog", "export", "--out", "/proc/geen-map")
    assert run.returncode == ExitCode.BAD_INPUT and "cannot write wmo-test.yaml" in run.stderr


def test_export_to_stdout_imports_again(sqlite_cli: Cli, tmp_path: Path) -> None:
    write_yaml(valid_document("een"), tmp_path / "catalog" / "een.yaml")
    write_yaml(valid_document("twee"), tmp_path / "catalog" / "twee.yaml")
    sqlite_cli("catalog", "import", "catalog")
    (tmp_path / "alles.yaml").write_text(sqlite_cli("catalog", "export").stdout, "utf-8")
    outcomes = sqlite_cli.json("catalog", "import", "alles.yaml")
    assert [o["outcome"] for o in outcomes] == ["unchanged", "unchanged"]


def test_list_and_show(sqlite_cli: Cli, tmp_path: Path) -> None:
    write_yaml(valid_document(), tmp_path / "catalog" / "wmo-test.yaml")
    write_yaml(
        with_change(valid_document("open-data"), "personal_data", REMOVE)
        | {"columns": [], "status": "draft"},
        tmp_path / "catalog" / "open-data.yaml",
    )
    sqlite_cli("catalog", "import", "catalog")
    assert [d["id"] for d in sqlite_cli.json("catalog", "list", "--personal-data")] == ["wmo-test"]
    assert [d["id"] for d in sqlite_cli.json("catalog", "list", "--status", "draft")] == [
        "open-data"
    ]
    assert sqlite_cli.json("catalog", "list", "--search", "niets-dat-past") == []
    table = sqlite_cli("catalog", "list")
    assert "wmo-test" in table.stdout and "2 dataset(s)" in table.stdout
    shown = sqlite_cli.json("catalog", "show", "wmo-test")
    assert shown["registration"]["purposes"][0]["legal_basis"]["ground"] == "public_task"
    assert [h["version"] for h in shown["history"]] == [1]
    readable = sqlite_cli("catalog", "show", "open-data")
    assert "columns-undeclared" in readable.stdout and "art. 30(1)(c)" in readable.stdout
    as_yaml = sqlite_cli("catalog", "show", "wmo-test", "--format", "yaml")
    assert as_yaml.stdout.startswith("id: wmo-test\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("catalog", "show", "bestaat-niet"), "unknown dataset 'bestaat-niet'"),
        (("catalog", "show", "bestaat-niet", "--version", "2"), "unknown dataset"),
        (("catalog", "import", "geen-map"), "no such file or folder"),
        (("catalog", "list", "--status", "weg"), "invalid choice"),
        (("catalog", "show", "x", "--version", "99999999999999999999"), "not between"),
        (("demo", "--rows", "-5"), "not between"),
        (("demo", "--data-dir", "/proc/geen-map"), "cannot write the demo data"),
    ],
)
def test_bad_input_exits_2(sqlite_cli: Cli, arguments: tuple[str, ...], message: str) -> None:
    run = sqlite_cli(*arguments)
    assert run.returncode == ExitCode.BAD_INPUT and message in run.stderr


@pytest.mark.parametrize(
    "url",
    [
        "mysql+nodriver://x/y",
        "sqlite:////no/such/folder/governance.db",
        "postgresql+psycopg://nobody:secret@127.0.0.1:1/none",
    ],
)
def test_an_unusable_store_url_is_bad_input(tmp_path: Path, url: str) -> None:
    run = Cli(url, tmp_path)("catalog", "list")
    assert run.returncode == ExitCode.BAD_INPUT and "GOVERNANCE_DB" in run.stderr
    assert "secret" not in run.stderr


def test_audit_verify_finds_an_edited_row(cli: Cli, store_url: str, tmp_path: Path) -> None:
    path = write_yaml(valid_document(), tmp_path / "catalog" / "wmo-test.yaml")
    cli("catalog", "import", str(path))
    write_yaml(with_change(valid_document(), "title", "Gewijzigd"), path)
    cli("catalog", "import", str(path))
    intact = cli("audit", "verify")
    assert intact.returncode == 0 and "2 entries verified" in intact.stdout
    engine = sa.create_engine(store_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE audit_log SET subject = 'wmo-test@9' WHERE seq = 1")
    engine.dispose()
    broken = cli("audit", "verify")
    assert broken.returncode == ExitCode.CHECKS_FAILED
    assert "audit entry 1 (registration.create wmo-test@9" in broken.stdout
    assert "changed" in broken.stdout


def _change_stored_title(connection: sa.Connection) -> None:
    from governance.store.schema import registration_versions as versions

    row = connection.execute(sa.select(versions).where(versions.c.version == 2)).one()
    document = {**row.document, "title": "Stil gewijzigd"}
    connection.execute(sa.update(versions).where(versions.c.version == 2).values(document=document))


def _wipe_log(connection: sa.Connection) -> None:
    connection.exec_driver_sql("DELETE FROM audit_log")
    connection.exec_driver_sql("DELETE FROM audit_head")


def _drop_dataset(connection: sa.Connection) -> None:
    connection.exec_driver_sql("DELETE FROM registration_versions")
    connection.exec_driver_sql("DELETE FROM datasets")


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        (_change_stored_title, "registration wmo-test version 2 differs from what audit entry 2"),
        (_wipe_log, "registration wmo-test version 1 has no audit entry"),
        (_drop_dataset, "wrote a record that is no longer stored"),
    ],
)
def test_audit_verify_finds_records_changed_behind_its_back(
    cli: Cli, store_url: str, tmp_path: Path, tamper: Any, named: str
) -> None:
    path = write_yaml(valid_document(), tmp_path / "catalog" / "wmo-test.yaml")
    cli("catalog", "import", str(path))
    write_yaml(with_change(valid_document(), "title", "Gewijzigd"), path)
    cli("catalog", "import", str(path))
    engine = sa.create_engine(store_url)
    with engine.begin() as connection:
        tamper(connection)
    engine.dispose()
    broken = cli("audit", "verify")
    assert broken.returncode == ExitCode.CHECKS_FAILED
    assert named in broken.stdout, broken.stdout


def test_an_empty_catalogue_lists_as_an_empty_table(sqlite_cli: Cli) -> None:
    run = sqlite_cli("catalog", "list")
    assert run.returncode == 0 and "0 dataset(s)" in run.stdout


def test_init_creates_and_then_finds_the_store_current(cli: Cli) -> None:
    assert "migrated" in cli("init").stdout
    assert "up to date" in cli("init").stdout


def test_demo_loads_the_seven_pilots(sqlite_cli: Cli, tmp_path: Path) -> None:
    run = sqlite_cli("demo", "--rows", "250")
    assert run.returncode == 0, run.stderr
    assert len(list((tmp_path / "demo-data").iterdir())) == 7
    listed = sqlite_cli.json("catalog", "list")
    assert {d["id"] for d in listed} == PILOT_IDS
    for dataset in listed:
        assert dataset["owner"]["name"] and dataset["owner"]["contact"]
        assert dataset["purposes"]
        for purpose in dataset["purposes"]:
            assert purpose["legal_basis"]["ground"]
    assert "scanned wmo-wachtlijst: " in run.stdout
    again = sqlite_cli("demo", "--rows", "250")
    assert again.returncode == 0 and "7 unchanged" in again.stdout
    audit = sqlite_cli.json("audit", "verify")
    # imports once, scans and quality runs twice, five accounts once (roles and password)
    assert audit["intact"] and audit["entries"] == 7 + 7 * 2 + 7 * 2 + 5 * 2
    assert run.stdout.count(": passed") + run.stdout.count(": warnings") == 7
    people = sqlite_cli.json("users", "list")["users"]
    assert {role for person in people for role in person["roles"]} == {
        "admin",
        "steward",
        "privacy_officer",
        "dpo",
        "analyst",
    }
    assert "user fg: dpo (sign in to the UI with password" in run.stdout
    assert "user fg" not in again.stdout


def test_the_same_id_twice_in_one_file_is_refused(sqlite_cli: Cli, tmp_path: Path) -> None:
    first = yaml.safe_dump(valid_document(), sort_keys=False, allow_unicode=True)
    second = yaml.safe_dump(with_change(valid_document(), "title", "Anders"), sort_keys=False)
    (tmp_path / "twee.yaml").write_text(first + "---\n" + second, encoding="utf-8")
    run = sqlite_cli("catalog", "import", "twee.yaml")
    assert run.returncode == ExitCode.BAD_INPUT and "id 'wmo-test' is also used at" in run.stderr
    assert sqlite_cli.json("catalog", "list") == []
