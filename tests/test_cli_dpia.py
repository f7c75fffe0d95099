"""`governance dpia …` and `governance users …` through the real entry point, acting as
different people with GOVERNANCE_USER."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from governance.domain.templates import TemplateKind
from governance.dpia.templates import template_for
from tests.test_cli import Cli
from tests.test_dpia_service import every_required_answer

CATALOG = Path(__file__).resolve().parent.parent / "catalog"


class Team:
    def __init__(self, url: str, cwd: Path) -> None:
        self.url, self.cwd = url, cwd

    def as_(self, name: str) -> Cli:
        runner = Cli(self.url, self.cwd)
        runner.env["GOVERNANCE_USER"] = name
        return runner


@pytest.fixture
def team(sqlite_url: str, tmp_path: Path) -> Team:
    team = Team(sqlite_url, tmp_path)
    ada = team.as_("ada")
    assert ada("users", "add", "ada", "--role", "admin").returncode == 0
    for name, role in (("stef", "steward"), ("petra", "privacy_officer"), ("frank", "dpo")):
        assert ada("users", "add", name, "--role", role).returncode == 0
    assert team.as_("stef")("catalog", "import", str(CATALOG)).returncode == 0
    return team


def test_prescan_json_gives_the_outcome_and_the_evidence(team: Team) -> None:
    result = team.as_("stef").json(
        "dpia",
        "prescan",
        "wmo-wachtlijst",
        "jeugd-wachtlijst",
        "--accept-suggestions",
        "--others-no",
    )
    assert result["outcome"] == "required"
    assert "ap-gezondheidsgegevens" in result["decided_by"]["ap_list"]
    assert {"edpb-koppeling", "edpb-kwetsbare-betrokkenen"} <= set(result["decided_by"]["edpb"])
    assert any(s["question"] == "edpb-koppeling" for s in result["suggestions"])


def test_a_dpia_from_draft_to_pdf(team: Team, tmp_path: Path) -> None:
    stef, petra, frank = team.as_("stef"), team.as_("petra"), team.as_("frank")
    created = stef.json("dpia", "new", "wmo-wachtlijst", "--title", "DPIA Wmo")
    number = str(created["id"])
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(every_required_answer(template_for(TemplateKind.DPIA)), allow_unicode=True),
        encoding="utf-8",
    )
    assert stef("dpia", "answer", number, "--file", str(answers)).returncode == 0
    assert stef.json("dpia", "submit", number)["status"] == "submitted"
    reviewed = petra.json("dpia", "review", number, "--comment", "p01-voorstel-doel=Scherper")
    assert reviewed["status"] == "in_review" and reviewed["comments"][0]["by"] == "petra"
    assert (
        frank("dpia", "advise", number, "--position", "positive", "--text", "Akkoord").returncode
        == 0
    )
    own = stef("dpia", "approve", number)
    assert own.returncode == 2 and "needs the role privacy_officer" in own.stderr
    approved = petra.json("dpia", "approve", number)
    assert approved["status"] == "approved" and approved["sign_off"]["by"] == "petra"
    status = json.loads(petra("dpia", "status", number, "--format", "json").stdout)
    assert status["unanswered"] == [] and status["review_needed"] == []
    out = tmp_path / "dpia.pdf"
    assert petra("dpia", "export", number, "--out", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("dpia", "new", "wmo-wachtlyst"), "wmo-wachtlijst"),
        (("dpia", "status", "99"), "no assessment 99"),
        (("dpia", "prescan", "wmo-wachtlijst", "--answer", "ap-gezondheid=ja"), "did you mean"),
        (
            ("dpia", "prescan", "wmo-wachtlijst", "--answer", "nieuwe-wetgeving=misschien"),
            "answer ja or nee",
        ),
        (("dpia", "export", "1", "--out", "x.docx"), "name the export .md or .pdf"),
        (("users", "add", "eve", "--role", "admin"), "stef (steward) may not give roles"),
    ],
)
def test_bad_input_and_refusals_exit_2(
    team: Team, arguments: tuple[str, ...], message: str
) -> None:
    run = team.as_("stef")(*arguments)
    assert run.returncode == 2, run.stdout + run.stderr
    assert message in run.stderr
