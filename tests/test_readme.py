"""The README is the user's manual: it must name every command, field, rule and code."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.cli import command_names
from governance.domain.gate import Verdict
from governance.domain.gate_rules import GATE_RULES, GateRule
from governance.domain.legal_rules import RULES, LegalRule
from governance.domain.registration import field_names
from governance.domain.roles import Permission, Role, roles_with
from governance.domain.templates import AnswerType
from governance.domain.vocabulary import (
    BioLevel,
    DcatTheme,
    DpiaRequirement,
    LegalGround,
    PiiEntity,
    PurposeKind,
    SpecialCategory,
)
from governance.errors import ExitCode

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_documented(command: str) -> None:
    assert f"`governance {command}" in README


@pytest.mark.parametrize("field", field_names())
def test_every_registration_field_is_documented(field: str) -> None:
    assert f"`{field}`" in README


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_legal_rule_is_documented_with_its_source(rule: LegalRule) -> None:
    assert f"| `{rule.id}` | {rule.severity.value} | {rule.source} |" in README


@pytest.mark.parametrize("rule", GATE_RULES, ids=lambda r: r.id)
def test_every_gate_rule_is_documented_with_its_source(rule: GateRule) -> None:
    assert f"| `{rule.id}` | {rule.source} |" in README


@pytest.mark.parametrize("code", list(ExitCode))
def test_every_exit_code_is_documented(code: ExitCode) -> None:
    assert f"| {code.value} | {code.meaning} |" in README


@pytest.mark.parametrize(
    "value",
    [
        *LegalGround,
        *SpecialCategory,
        *BioLevel,
        *PiiEntity,
        *PurposeKind,
        *DpiaRequirement,
        *Verdict,
        *Role,
        *AnswerType,
        *DcatTheme,
    ],
    ids=str,
)
def test_every_vocabulary_value_is_documented(value: str) -> None:
    assert f"`{value}`" in README


def test_the_two_commands_are_shown() -> None:
    assert "make demo" in README and "make test" in README


@pytest.mark.parametrize(
    "variable",
    [
        "GOVERNANCE_DB",
        "GOVERNANCE_USER",
        "GOVERNANCE_DECISION_VALIDITY",
        "GOVERNANCE_KEY_FILE",
        "GOVERNANCE_PSEUDONYM_KEY",
        "GOVERNANCE_LARGE_SCALE_ROWS",
        "GOVERNANCE_ORGANISATIONS",
        "GOVERNANCE_MAX_UPLOAD_MB",
        "GOVERNANCE_OIDC_CLAIM",
        "GOVERNANCE_TEST_CHROMIUM",
    ],
)
def test_every_setting_is_documented(variable: str) -> None:
    assert f"| `{variable}` |" in README


def test_every_assessment_template_is_documented() -> None:
    templates = sorted(p.name for p in (Path(__file__).parent.parent / "dpia").glob("*.yaml"))
    assert templates == ["deda.yaml", "iama.yaml", "model-dpia.yaml", "prescan.yaml"]
    for name in templates:
        assert f"`dpia/{name}`" in README


@pytest.mark.parametrize("permission", list(Permission))
def test_every_permission_is_documented_with_exactly_its_roles(permission: Permission) -> None:
    rows = [line for line in README.splitlines() if line.startswith(f"| `{permission.value}` |")]
    assert len(rows) == 1, f"one README row for {permission.value}"
    documented = {role.strip() for role in rows[0].rstrip(" |").rsplit("|", 1)[1].split(",")}
    assert documented == {role.value for role in roles_with(permission)}
