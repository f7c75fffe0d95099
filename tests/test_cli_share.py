"""`governance gate`, `check` and `share` through the real entry point, and the Python API."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from governance.synthetic import GeneratedFile, generate_pilot_data
from tests.test_cli import Cli, store_snapshot
from tests.test_share_service import catalog_at

WMO = "wmo-wachtlijst"
SHARE = ("--recipient", "sdr-dataplatform", "--purpose", "beleidsanalyse")


@pytest.fixture(scope="module")
def pilots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedFile]:
    out = tmp_path_factory.mktemp("pilots")
    return {f.dataset_id: f for f in generate_pilot_data(out, rows=200)}


@pytest.fixture(scope="module")
def catalog(pilots: dict[str, GeneratedFile], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return catalog_at(pilots, tmp_path_factory.mktemp("catalog"))


@pytest.fixture
def wmo(pilots: dict[str, GeneratedFile]) -> str:
    return str(pilots[WMO].path)


@pytest.fixture
def cli(sqlite_url: str, tmp_path: Path, catalog: Path) -> Cli:
    runner = Cli(sqlite_url, tmp_path)
    runner.env["GOVERNANCE_KEY_FILE"] = str(tmp_path / "key" / "pseudonymisation.key")
    runner.env.pop("GOVERNANCE_PSEUDONYM_KEY", None)
    assert runner("catalog", "import", str(catalog)).returncode == 0
    return runner


def test_init_creates_an_owner_only_key_once(cli: Cli) -> None:
    first = cli("init")
    assert first.returncode == 0 and "pseudonymisation key created" in first.stdout
    key = Path(cli.env["GOVERNANCE_KEY_FILE"])
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    content = key.read_text()
    assert content.strip() not in first.stdout + first.stderr
    second = cli("init")
    assert "pseudonymisation key present" in second.stdout and key.read_text() == content


def test_gate_exits_0_when_conditional_and_1_when_blocked(cli: Cli, wmo: str) -> None:
    conditional = cli("gate", WMO, *SHARE, "--data", wmo)
    assert conditional.returncode == 0, conditional.stderr
    assert conditional.stdout.startswith("CONDITIONAL:")
    assert "condition: pseudonymise Client_BSN" in conditional.stdout
    blocked = cli(
        "gate", WMO, "--recipient", "sdr-dataplatform", "--purpose", "reclame", "--data", wmo
    )
    assert blocked.returncode == 1
    assert (
        "BLOCK  purpose-limitation  (AVG art. 5(1)(b), art. 6(1) and art. 6(4))" in blocked.stdout
    )


def test_gate_json_carries_every_rule_with_its_source(cli: Cli, wmo: str) -> None:
    decision = cli.json("gate", WMO, *SHARE, "--data", wmo)
    assert decision["outcome"] == "CONDITIONAL"
    assert {r["rule"] for r in decision["rules"]} >= {"purpose-limitation", "dpia", "quality"}
    assert all(r["source"] and r["principle"] for r in decision["rules"])
    assert decision["scanned"] and decision["validated"]


def test_check_answers_the_three_cases(cli: Cli, wmo: str) -> None:
    never = cli("check", WMO, "--purpose", "beleidsanalyse")
    assert never.returncode == 1 and never.stdout.startswith("never assessed")
    assert "informatiebeheer-sd@rivierstad.example" in never.stdout
    cli("gate", WMO, *SHARE)
    approved = cli("check", WMO, "--purpose", "beleidsanalyse", "--recipient", "sdr-dataplatform")
    assert approved.returncode == 0 and approved.stdout.startswith("approved")
    cli(
        "gate",
        WMO,
        "--recipient",
        "beleid-sociaal-domein",
        "--purpose",
        "wachtlijst-monitoring",
    )
    run = cli("check", WMO, "--purpose", "wachtlijst-monitoring", "--format", "json")
    refused = json.loads(run.stdout)
    assert run.returncode == 1 and refused["answer"] == "not approved"
    assert "[recipient-allowed]" in refused["decisions"][0]["blocked_by"][0]


def test_share_writes_the_extract_and_its_sidecar(cli: Cli, wmo: str, tmp_path: Path) -> None:
    assert cli("init").returncode == 0
    out = tmp_path / "wmo.parquet"
    run = cli("share", WMO, *SHARE, "--data", wmo, "--out", str(out))
    assert run.returncode == 0, run.stderr
    sidecar = json.loads(out.with_name("wmo.parquet.json").read_text())
    assert sidecar["recipient"] == "sdr-dataplatform" and sidecar["rows"] == 200
    assert "Clientnaam" in {d["name"] for d in sidecar["dropped"]}
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("gate", "wmo-wachtlyst", *SHARE), "wmo-wachtlijst"),
        (("gate", WMO, *SHARE, "--data", "absent.csv"), "absent.csv"),
        (("check", "jeugd-wachtlyst", "--purpose", "x"), "jeugd-wachtlijst"),
        (("share", WMO, *SHARE, "--out", "out.xlsx"), "name the file .csv or .parquet"),
        (("share", WMO, *SHARE, "--out", "no/such/dir/out.csv"), "does not exist"),
        (("share", WMO, *SHARE, "--out", "out.csv"), "governance init"),  # no key yet
        (("gate", WMO, "--purpose", "beleidsanalyse"), "--recipient"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    cli: Cli, sqlite_url: str, tmp_path: Path, arguments: tuple[str, ...], message: str
) -> None:
    before = store_snapshot(sqlite_url)
    files_before = sorted(os.listdir(tmp_path))
    run = cli(*arguments)
    assert run.returncode == 2, run.stdout + run.stderr
    assert message in run.stderr
    assert store_snapshot(sqlite_url) == before
    assert sorted(os.listdir(tmp_path)) == files_before


def test_a_blocked_share_exits_1_and_writes_nothing(cli: Cli, wmo: str, tmp_path: Path) -> None:
    cli("init")
    out = tmp_path / "x.csv"
    run = cli(
        "share",
        WMO,
        "--recipient",
        "makelaar",
        "--purpose",
        "beleidsanalyse",
        "--data",
        wmo,
        "--out",
        str(out),
    )
    assert run.returncode == 1 and "nothing written" in run.stdout
    assert not out.exists() and not out.with_name("x.csv.json").exists()


def test_the_python_api(
    sqlite_url: str, catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance import check, gate, share
    from governance.services import Governance
    from governance.sharing import ensure_key

    Governance.open(sqlite_url).import_catalog([catalog])
    monkeypatch.setenv("GOVERNANCE_KEY_FILE", str(tmp_path / "k"))
    ensure_key()
    decision = gate(WMO, "sdr-dataplatform", "beleidsanalyse", db=sqlite_url)
    assert decision.outcome.allows_sharing and decision.id is not None
    answer = check(WMO, "beleidsanalyse", "sdr-dataplatform", db=sqlite_url, actor="analist")
    assert answer.approved
    run = share(WMO, "sdr-dataplatform", "beleidsanalyse", tmp_path / "w.csv", db=sqlite_url)
    assert run.reused and run.extract is not None and run.extract.rows == 200
    blocked = share(WMO, "x", "beleidsanalyse", tmp_path / "n.csv", db=sqlite_url)
    assert blocked.extract is None and blocked.decision.outcome.value == "BLOCKED"
    assert not (tmp_path / "n.csv").exists()
