"""Expectation suites as YAML: the examples load, and every mistake is reported with file:line
and the fix (checked against Great Expectations' own expectation classes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from governance.domain.quality import Severity
from governance.errors import BadInputError, ExitCode
from governance.quality.suites import (
    SUPPORTED,
    ExpectationSpec,
    Suite,
    SuiteError,
    argument_names,
    check_columns,
    column_problems,
    load_suite,
    suite_path,
)
from tests.test_example_catalog import PILOT_IDS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "expectations").glob("*.yaml"))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(SuiteError) as caught:
        load_suite(path)
    return caught.value.problems


# --- the example suites -----------------------------------------------------------------------


def test_there_is_a_suite_for_every_pilot() -> None:
    assert {path.stem for path in EXAMPLES} == PILOT_IDS


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_suite_loads_and_fits_its_registration(path: Path) -> None:
    suite = load_suite(path)
    assert suite.dataset_id == path.stem
    assert 6 <= len(suite.expectations) <= 12
    assert all(spec.note for spec in suite.expectations), "every expectation explains itself"
    assert any(spec.severity is Severity.CRITICAL for spec in suite.expectations)
    registration = yaml.safe_load((ROOT / "catalog" / path.name).read_text(encoding="utf-8"))
    columns = [column["name"] for column in registration["columns"]]
    assert check_columns(suite, columns) == []
    # a tolerated share of messy rows is explained where it is allowed
    for spec in suite.expectations:
        if "mostly" in spec.arguments:
            assert "mostly" in (spec.note or ""), f"{suite.where(spec)}: explain the tolerance"


# --- mistakes, each with file:line and the fix ------------------------------------------------


def test_unknown_type_names_the_closest_and_the_known_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        expectations:
          - type: expect_column_value_to_be_between
            column: Wachtdagen
            min_value: 0
        """,
    )
    [problem] = problems_of(path)
    assert problem.startswith(
        f"{path}:3: unknown expectation type 'expect_column_value_to_be_between'"
    )
    assert "did you mean 'expect_column_values_to_be_between'?" in problem
    assert "expect_compound_columns_to_be_unique" in problem  # the known types are listed


def test_unknown_argument_is_named_with_its_line_and_the_allowed_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        expectations:
          - type: expect_column_values_to_be_between
            column: Wachtdagen
            min: 0
            max_value: 400
        """,
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:5: 'min' is not an argument of ")
    assert "did you mean 'min_value'?" in problem
    assert "mostly" in problem


def test_missing_required_argument(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        expectations:
          - type: expect_column_values_to_not_be_null
            severity: critical
        """,
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:3: expect_column_values_to_not_be_null needs 'column'")
    assert "add `column:`" in problem


def test_bad_severity(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        expectations:
          - type: expect_column_values_to_not_be_null
            column: Aanvraagdatum
            severity: high
        """,
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:5: severity 'high' is not known; use critical")


def test_dataset_must_match_the_file_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo-wachtlijst.yaml",
        """
        dataset: jeugd-wachtlijst
        expectations:
          - type: expect_table_row_count_to_be_between
            min_value: 1
        """,
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:1: dataset 'jeugd-wachtlijst' does not match")
    assert "dataset: wmo-wachtlijst" in problem


def test_yaml_syntax_error_has_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        expectations:
          - type: expect_column_values_to_be_in_set
            column: Status
            value_set: [Aangemeld, In zorg
        """,
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:")
    assert "YAML syntax error" in problem


@pytest.mark.parametrize(
    ("lines", "line", "expected"),
    [
        (["column: Wachtdagen", "min_value: 0", "mostly: 2"], 6, "'mostly' is not valid"),
        (["column: Wachtdagen", "min_value: veel"], 5, "'min_value' is not valid"),
        (["column: Wachtdagen"], 3, "give min_value, max_value or both"),
        (["column: Wachtdagen", "min_value: {$PARAMETER: x}"], 5, "suite parameters"),
    ],
)
def test_values_are_checked_by_the_gx_class(
    tmp_path: Path, lines: list[str], line: int, expected: str
) -> None:
    body = "".join(f"    {text}\n" for text in lines)
    path = tmp_path / "wmo.yaml"
    path.write_text(
        "dataset: wmo\nexpectations:\n  - type: expect_column_values_to_be_between\n" + body
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{line}: ")
    assert expected in problem


def test_regex_must_compile(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        expectations:
          - type: expect_column_values_to_match_regex
            column: Aanvraagnummer
            regex: '^WMO-(\\d{4}'
        """,
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:5: the regular expression does not compile")


def test_today_only_where_a_date_fits(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        expectations:
          - type: expect_table_row_count_to_be_between
            min_value: today
        """,
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:4: 'today' is only for dates")


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        colour: blue
        expectations:
          - type: expect_column_values_to_not_be_null
          - type: expect_column_values_to_be_unique
            column: Aanvraagnummer
            severity: blocker
          - expect_column_values_to_be_unique
        """,
    )
    problems = problems_of(path)
    assert [p.split(": ")[0] for p in problems] == [
        f"{path}:2",
        f"{path}:4",
        f"{path}:7",
        f"{path}:8",
    ]


def test_suite_error_is_bad_input() -> None:
    error = SuiteError(["x.yaml:1: wrong"])
    assert isinstance(error, BadInputError)
    assert error.exit_code is ExitCode.BAD_INPUT


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "nope.yaml")
    assert "no such suite file" in problem


def test_empty_expectations(tmp_path: Path) -> None:
    path = write(tmp_path, "wmo.yaml", "dataset: wmo\nexpectations: []\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:2: 'expectations' must be a non-empty list")


# --- what a loaded suite offers -------------------------------------------------------------


def test_a_valid_suite_keeps_type_arguments_severity_note_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wmo.yaml",
        """
        dataset: wmo
        expectations:
          - type: expect_column_values_to_be_between
            column: Aanvraagdatum
            max_value: today
            severity: warning
            note: Niet in de toekomst.
          - type: expect_column_pair_values_a_to_be_greater_than_b
            column_A: Besluitdatum
            column_B: Aanvraagdatum
            or_equal: true
        """,
    )
    suite = load_suite(path)
    first, second = suite.expectations
    assert first == ExpectationSpec(
        "expect_column_values_to_be_between",
        {"column": "Aanvraagdatum", "max_value": "today"},
        Severity.WARNING,
        "Niet in de toekomst.",
        3,
    )
    assert second.severity is Severity.CRITICAL  # the default
    assert second.columns == ("Besluitdatum", "Aanvraagdatum")
    assert suite.where(second) == f"{path}:8"


def test_today_resolves_to_the_run_date() -> None:
    spec = ExpectationSpec(
        "expect_column_values_to_be_between",
        {"column": "Aanvraagdatum", "min_value": "today", "max_value": "today"},
    )
    run_date = date(2026, 11, 28)
    assert spec.resolved(run_date) == {
        "column": "Aanvraagdatum",
        "min_value": run_date,
        "max_value": run_date,
    }
    assert spec.arguments["max_value"] == "today"  # the spec itself is unchanged
    in_set = ExpectationSpec(
        "expect_column_values_to_be_in_set", {"column": "Status", "value_set": ["today"]}
    )
    assert in_set.resolved(run_date)["value_set"] == ["today"]  # only min/max_value


def test_check_columns_names_each_missing_column_once_in_suite_order() -> None:
    suite = Suite(
        "wmo",
        Path("wmo.yaml"),
        (
            ExpectationSpec("expect_column_values_to_not_be_null", {"column": "Aanvraagdatum"}),
            ExpectationSpec(
                "expect_column_pair_values_a_to_be_greater_than_b",
                {"column_A": "Besluitdatum", "column_B": "Aanvraagdatum"},
            ),
            ExpectationSpec(
                "expect_compound_columns_to_be_unique",
                {"column_list": ["Aanvraagnummer", "Besluitdatum"]},
                line=9,
            ),
            ExpectationSpec("expect_table_row_count_to_be_between", {"min_value": 1}),
        ),
    )
    assert check_columns(suite, ["Aanvraagdatum", "Aanvraagnummer"]) == ["Besluitdatum"]
    assert check_columns(suite, ["Aanvraagnummer"]) == ["Aanvraagdatum", "Besluitdatum"]
    assert check_columns(suite, ["Aanvraagdatum", "Aanvraagnummer", "Besluitdatum"]) == []
    messages = column_problems(suite, ["Aanvraagdatum", "Aanvraagnummer", "besluitdatum"])
    assert messages[-1].startswith("wmo.yaml:9: expect_compound_columns_to_be_unique")
    assert "did you mean 'besluitdatum'?" in messages[-1]


def test_suite_path(tmp_path: Path) -> None:
    assert suite_path("wmo-wachtlijst") == Path("expectations/wmo-wachtlijst.yaml")
    assert suite_path("x", tmp_path) == tmp_path / "x.yaml"
    (tmp_path / "y.yml").write_text("dataset: y\n")
    assert suite_path("y", tmp_path) == tmp_path / "y.yml"


def test_every_supported_type_is_a_gx_expectation_with_the_declared_columns() -> None:
    for kind, info in SUPPORTED.items():
        required, optional = argument_names(kind)
        names = set(required) | set(optional)
        expected = {
            "table": set(),
            "column": {"column"},
            "pair": {"column_A", "column_B"},
            "multi": {"column_list"},
        }[info.shape.value]
        assert expected <= set(required), kind
        assert not ({"column", "column_A", "column_B", "column_list"} - expected) & names, kind
        assert "row_condition" not in names and "batch_id" not in names


def test_importing_suites_does_not_import_great_expectations() -> None:
    code = (
        "import sys, governance.quality.suites, governance.quality.runner; "
        "sys.exit(1 if 'great_expectations' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
