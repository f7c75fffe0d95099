"""The schema contract on typed files: one problem per column and check, with counts and
never a value of the data."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pandas as pd
import pytest

from governance.catalog_files import load
from governance.domain.quality import ContractProblem
from governance.quality.contract import check_contract, schema_for
from governance.quality.contract_problems import CHECKS
from governance.quality.typed import to_frame
from governance.sources import LoadedTable, read_table
from governance.synthetic import generate_pilot_data
from tests.quality.tables import Cells, loaded, registration

ROOT = Path(__file__).resolve().parents[2]

COLUMNS = [
    {"name": "dossier", "type": "string", "nullable": False, "unique": True},
    {"name": "bsn", "type": "string", "nullable": False, "pii": "BSN"},
    {"name": "naam", "type": "string", "pii": "PERSON"},
    {"name": "leeftijd", "type": "integer", "nullable": False},
    {"name": "budget", "type": "decimal"},
    {"name": "spoed", "type": "boolean", "nullable": False},
    {"name": "aanmelddatum", "type": "date", "nullable": False},
    {"name": "gewijzigd_op", "type": "datetime"},
]
CLEAN: dict[str, Cells] = {
    "dossier": ["JGD-1", "JGD-2", "JGD-3", "JGD-4"],
    "bsn": ["111222333", "123456782", "999999990", "012345672"],
    "naam": ["Jansen-Vermeulen", None, "de Vries", "NULL"],
    "leeftijd": ["12", "7", "16", "9"],
    "budget": ["4.300,00", "2750,5", None, "12"],
    "spoed": ["Ja", "Nee", "nee", "JA"],
    "aanmelddatum": ["05-01-2024", "6-1-2024", "2024-01-07", "08/01/2024"],
    "gewijzigd_op": ["2024-01-05T10:16:00", "06-01-2024 11:00", None, "2024-01-07"],
}


def check(
    cells: dict[str, Cells], columns: list[dict[str, object]] | None = None, **kw: int
) -> list[ContractProblem]:
    table = loaded(cells, **kw)
    declared = registration(COLUMNS if columns is None else columns)
    return check_contract(table, to_frame(table, declared), declared)


def changed(**columns: Cells) -> dict[str, Cells]:
    return {**CLEAN, **columns}


def summary(problems: list[ContractProblem]) -> list[tuple[str, str, int]]:
    return [(p.column, p.check, p.count) for p in problems]


def test_schema_follows_the_registration() -> None:
    schema = schema_for(registration(COLUMNS))
    assert list(schema.columns) == [c["name"] for c in COLUMNS]
    assert schema.strict is True
    assert str(schema.columns["leeftijd"].dtype) == "Int64"
    # pandera checks datetimes by kind: it prints ns and accepts the frame's microseconds
    assert str(schema.columns["aanmelddatum"].dtype).startswith("datetime64")
    assert schema.columns["dossier"].unique and not schema.columns["dossier"].nullable
    assert schema.columns["naam"].nullable and not schema.columns["naam"].unique


def test_clean_data_keeps_the_contract() -> None:
    assert check(CLEAN) == []


def test_missing_column_is_named() -> None:
    cells = {k: v for k, v in CLEAN.items() if k != "spoed"}
    problems = check(cells)
    assert summary(problems) == [("spoed", "column_missing", 1)]
    assert "'spoed'" in problems[0].message


def test_near_miss_in_case_or_blanks_is_pointed_out() -> None:
    cells = {("Spoed " if k == "spoed" else k): v for k, v in CLEAN.items()}
    problems = check(cells)
    assert summary(problems) == [("Spoed ", "column_unexpected", 1), ("spoed", "column_missing", 1)]
    assert "differs only in case or blanks" in problems[1].message


def test_extra_column_is_unexpected() -> None:
    problems = check({**CLEAN, "opmerking": ["a", "b", None, "d"]})
    assert summary(problems) == [("opmerking", "column_unexpected", 1)]


def test_text_in_an_integer_column_is_a_type_error_with_its_count() -> None:
    problems = check(changed(leeftijd=["12", "twaalf", "7,5", "9"]))
    assert summary(problems) == [("leeftijd", "type", 2)]
    assert problems[0].message.startswith("2 of 4 values in column 'leeftijd' are not")


def test_each_type_counts_its_failures() -> None:
    problems = check(
        changed(
            budget=["veel", "1", "2", "3"],
            spoed=["misschien", "Ja", "Nee", "J"],
            aanmelddatum=["31-02-2024", "05-01-2024", "gisteren", "2024-01-05T10:00"],
            gewijzigd_op=["25:00", None, None, None],
        )
    )
    assert summary(problems) == [
        ("budget", "type", 1),
        ("spoed", "type", 1),
        ("aanmelddatum", "type", 3),
        ("gewijzigd_op", "type", 1),
    ]


def test_nulls_where_not_allowed_are_counted_and_failures_not_twice() -> None:
    problems = check(changed(leeftijd=[None, "NULL", "-", "abc"], bsn=[" ", "1", "2", "n/a"]))
    assert summary(problems) == [
        ("bsn", "nullable", 2),
        ("leeftijd", "type", 1),
        ("leeftijd", "nullable", 3),
    ]
    assert "declares it not nullable" in problems[0].message


def test_duplicates_where_unique_count_the_repeats() -> None:
    problems = check(changed(dossier=["JGD-1", "JGD-1", "JGD-1", "JGD-2"]))
    assert summary(problems) == [("dossier", "unique", 2)]


def test_missing_values_are_not_duplicates() -> None:
    columns = [{"name": "nr", "type": "integer", "unique": True}]
    assert check({"nr": [None, None, "NULL", "1", "x", "y"]}, columns) == [
        ContractProblem(
            "nr", "type", 2, "2 of 6 values in column 'nr' are not a whole number (declared "
            "type 'integer')"
        )
    ]  # fmt: skip


def test_problems_come_in_column_then_check_order() -> None:
    cells = {k: v for k, v in changed(dossier=["A", "A", None, "B"]).items() if k != "naam"}
    problems = check({"extra": ["1", "2", "3", "4"], **cells})
    assert summary(problems) == [
        ("extra", "column_unexpected", 1),
        ("dossier", "nullable", 1),
        ("dossier", "unique", 1),
        ("naam", "column_missing", 1),
    ]
    assert {p.check for p in problems} <= set(CHECKS)


def test_a_sample_says_so() -> None:
    problems = check(changed(leeftijd=["x", "1", "2", "3"]), rows=1000)
    assert problems[0].message.startswith("1 of the 4 values read in column 'leeftijd'")


def test_a_registration_without_columns_promises_nothing() -> None:
    assert check({"wat dan ook": ["x"]}, columns=[]) == []
    assert schema_for(registration([])).strict is False


def test_no_value_of_the_data_appears_in_any_problem() -> None:
    bsn, name = "111222333", "Jansen-Vermeulen"
    cells: dict[str, Cells] = {
        "dossier": [bsn, bsn, name, name],  # duplicates of personal values
        "bsn": [bsn, None, "NULL", bsn],
        "naam": [name, name, name, None],
        "leeftijd": [bsn + "x", name, "12", None],  # personal values that fail the type
        "budget": [name, "1", "2", "3"],
        "spoed": [bsn, "Ja", None, "Nee"],
        "aanmelddatum": [name, bsn, None, "05-01-2024"],
        "gewijzigd_op": [bsn, name, None, None],
        "extra": [bsn, name, bsn, name],
    }
    problems = check(cells)
    assert {p.check for p in problems} == set(CHECKS) - {"column_missing"}
    values = {v for column in cells.values() for v in column if v and len(v) >= 4}
    for problem in problems:
        text = repr(problem) + str(problem.to_json())
        assert not [v for v in values if v in text], problem


def test_nothing_is_printed_logged_or_warned_with_a_value(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    bsn = "111222333"
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        problems = check(changed(leeftijd=[f"{bsn}x", "1", "2", "3"], dossier=[bsn, bsn, "A", "B"]))
    assert summary(problems) == [("dossier", "unique", 1), ("leeftijd", "type", 1)]
    printed = capsys.readouterr()
    shown = [printed.out, printed.err, caplog.text, *(str(w.message) for w in caught)]
    assert not [text for text in shown if bsn in text]


@pytest.fixture(scope="module")
def pilot_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedTable]:
    out = tmp_path_factory.mktemp("pilots")
    return {f.dataset_id: read_table(f.path) for f in generate_pilot_data(out, rows=400)}


@pytest.mark.parametrize(
    "catalog_file", sorted((ROOT / "catalog").glob("*.yaml")), ids=lambda path: path.stem
)
def test_pilot_exports_keep_the_contract(
    pilot_tables: dict[str, LoadedTable], catalog_file: Path
) -> None:
    """Every pilot export keeps its registration's contract; the only break allowed is
    the one exact repeats of whole rows cause in the unique id columns (the generator
    has planted such repeats; then each unique column counts exactly those)."""
    declared = load(catalog_file)[0].registration
    table = pilot_tables[declared.id]
    problems = check_contract(table, to_frame(table, declared), declared)
    repeated = int(pd.DataFrame(table.table.to_pandas()).duplicated().sum())
    unique = [c.name for c in declared.columns if c.unique]
    assert summary(problems) == [(name, "unique", repeated) for name in unique if repeated]
