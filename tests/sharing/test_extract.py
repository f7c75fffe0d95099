"""The minimised extract: only the plan's columns in the plan's order, identifiers
pseudonymised, a sidecar that explains each column, and all-or-nothing writing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pytest

from governance.domain.vocabulary import PiiEntity
from governance.errors import BadInputError
from governance.sharing import (
    ColumnAction,
    DroppedColumn,
    ExtractPlan,
    MissingKeyError,
    pseudonymise_column,
    recipient_key,
    write_extract,
)
from governance.sharing import extract as extract_module
from governance.sources import read_table
from tests.sharing.helpers import bsn

KEY = recipient_key(bytes(range(32)), "dataplatform")
BSN_A, BSN_B, BSN_C = bsn("20000000"), bsn("31415926"), bsn("09876543")
SIDECAR = {
    "decision": "dec-2026-0042",
    "dataset": "wmo-wachtlijst",
    "recipient": "dataplatform",
    "purpose": "wachtlijst-monitoring",
}
PLAN = ExtractPlan(
    columns=(
        ColumnAction("wachtdagen", "keep", reason="needed for the purpose", source="catalog"),
        ColumnAction(
            "client_bsn", "pseudonymise", PiiEntity.BSN, "direct identifier", "gate: bsn rule"
        ),
        ColumnAction("e-mail", "pseudonymise", PiiEntity.EMAIL_ADDRESS, "direct identifier"),
    ),
    dropped=(
        DroppedColumn("naam", "not needed for the purpose", "gate: minimisation"),
        DroppedColumn("postcode", "quasi-identifier", "DPIA 2026-03"),
    ),
)
RAW = {
    "client_bsn": [BSN_A, f"{BSN_B[:4]}.{BSN_B[4:6]}.{BSN_B[6:]}", None, BSN_C.lstrip("0"), BSN_A],
    "naam": ["Jan de Vries", "Fatima El Amrani", "Piet Jansen", "Anna Bakker", "Jan de Vries"],
    "wachtdagen": ["12", "40", None, "7", "3"],
    "postcode": ["6651 AB", "6652 CD", "6653 EF", None, "6651 AB"],
    "e-mail": [
        "jan@rivierstad.example",
        None,
        "piet@rivierstad.example",
        "a@b.example",
        "x@y.example",
    ],
}
PSEUDONYMISED_OR_DROPPED = ("client_bsn", "naam", "postcode", "e-mail")


@pytest.fixture
def table() -> pa.Table:
    """The raw export, in two chunks (as a reader may deliver it), columns in file order."""
    whole = pa.table({name: pa.array(values, type=pa.string()) for name, values in RAW.items()})
    return pa.concat_tables([whole.slice(0, 2), whole.slice(2)])


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def raw_values(*columns: str) -> set[str]:
    return {value for name in columns for value in RAW[name] if value is not None}


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_extract_reads_back_with_only_the_plan_columns(
    table: pa.Table, out_dir: Path, suffix: str
) -> None:
    report = write_extract(table, PLAN, out_dir / f"wmo{suffix}", KEY, SIDECAR)

    extract = read_table(report.path).table
    assert extract.column_names == ["wachtdagen", "client_bsn", "e-mail"]
    assert extract.num_rows == report.rows == 5
    assert extract.column("wachtdagen").to_pylist() == RAW["wachtdagen"]
    for name, entity in (("client_bsn", PiiEntity.BSN), ("e-mail", PiiEntity.EMAIL_ADDRESS)):
        expected = pseudonymise_column(table.column(name), KEY, entity).to_pylist()
        assert extract.column(name).to_pylist() == expected
        assert raw_values(name).isdisjoint(expected)
    bsns = extract.column("client_bsn").to_pylist()
    assert bsns[0] == bsns[4]  # the same person in the same extract
    assert bsns[2] is None


def test_no_raw_value_of_a_hidden_column_is_in_the_csv(table: pa.Table, out_dir: Path) -> None:
    report = write_extract(table, PLAN, out_dir / "wmo.csv", KEY, SIDECAR)
    text = report.path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == '"wachtdagen","client_bsn","e-mail"'
    for value in raw_values(*PSEUDONYMISED_OR_DROPPED):
        assert value not in text


def test_sidecar_records_the_decision_and_every_column(table: pa.Table, out_dir: Path) -> None:
    report = write_extract(table, PLAN, out_dir / "wmo.parquet", KEY, SIDECAR)

    assert report.sidecar_path == out_dir / "wmo.parquet.json"
    assert json.loads(report.sidecar_path.read_text(encoding="utf-8")) == {
        **SIDECAR,
        "file": "wmo.parquet",
        "format": "parquet",
        "rows": 5,
        "columns": [
            {
                "name": "wachtdagen",
                "action": "keep",
                "entity": None,
                "reason": "needed for the purpose",
                "source": "catalog",
            },
            {
                "name": "client_bsn",
                "action": "pseudonymise",
                "entity": "BSN",
                "reason": "direct identifier",
                "source": "gate: bsn rule",
            },
            {
                "name": "e-mail",
                "action": "pseudonymise",
                "entity": "EMAIL_ADDRESS",
                "reason": "direct identifier",
                "source": "",
            },
        ],
        "dropped": [
            {
                "name": "naam",
                "reason": "not needed for the purpose",
                "source": "gate: minimisation",
            },
            {"name": "postcode", "reason": "quasi-identifier", "source": "DPIA 2026-03"},
        ],
    }
    assert report.columns == PLAN.columns
    assert report.dropped == PLAN.dropped
    assert files_in(out_dir) == ["wmo.parquet", "wmo.parquet.json"]


def test_neither_the_key_nor_a_raw_value_is_in_the_sidecar_or_the_report(
    table: pa.Table, out_dir: Path
) -> None:
    report = write_extract(table, PLAN, out_dir / "wmo.csv", KEY, SIDECAR)
    sidecar = report.sidecar_path.read_text(encoding="utf-8")
    for text in (sidecar, repr(report)):
        assert KEY.hex() not in text
        assert KEY.hex()[:16] not in text
        for value in raw_values(*PSEUDONYMISED_OR_DROPPED):
            assert value not in text


def test_extract_files_are_private_to_their_owner(table: pa.Table, out_dir: Path) -> None:
    report = write_extract(table, PLAN, out_dir / "wmo.csv", KEY, SIDECAR)
    assert report.path.stat().st_mode & 0o777 == 0o600
    assert report.sidecar_path.stat().st_mode & 0o777 == 0o600


def test_two_recipients_cannot_join_their_extracts(table: pa.Table, out_dir: Path) -> None:
    master = bytes(range(32))
    paths = []
    for recipient in ("dataplatform", "onderzoek"):
        key = recipient_key(master, recipient)
        out = out_dir / f"{recipient}.csv"
        paths.append(write_extract(table, PLAN, out, key, {**SIDECAR, "recipient": recipient}).path)
    first, second = (set(read_table(path).table.column("client_bsn").to_pylist()) for path in paths)
    assert first & second == {None}


def test_a_plan_without_pseudonyms_needs_no_key(table: pa.Table, out_dir: Path) -> None:
    plan = ExtractPlan((ColumnAction("postcode", "keep"), ColumnAction("wachtdagen", "keep")))
    report = write_extract(table, plan, out_dir / "open.csv", None, {})
    assert read_table(report.path).table.to_pydict() == {
        "postcode": RAW["postcode"],
        "wachtdagen": RAW["wachtdagen"],
    }


def test_the_suffix_is_case_insensitive(table: pa.Table, out_dir: Path) -> None:
    report = write_extract(table, PLAN, out_dir / "WMO.CSV", KEY, SIDECAR)
    assert json.loads(report.sidecar_path.read_text(encoding="utf-8"))["format"] == "csv"


@pytest.mark.parametrize("name", ["wmo.xlsx", "wmo.json", "wmo.txt", "wmo", "wmo.csv.gz"])
def test_an_unknown_suffix_is_refused_and_nothing_written(
    table: pa.Table, out_dir: Path, name: str
) -> None:
    with pytest.raises(BadInputError) as raised:
        write_extract(table, PLAN, out_dir / name, KEY, SIDECAR)
    assert ".csv" in str(raised.value) and ".parquet" in str(raised.value)
    assert files_in(out_dir) == []


def test_the_output_folder_must_exist(table: pa.Table, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "wmo.csv"
    with pytest.raises(BadInputError, match="does not exist"):
        write_extract(table, PLAN, out, KEY, SIDECAR)
    assert not out.parent.exists()


def test_a_plan_column_missing_from_the_data_is_named(table: pa.Table, out_dir: Path) -> None:
    plan = ExtractPlan((ColumnAction("wachtdagen", "keep"), ColumnAction("leeftijd", "keep")))
    with pytest.raises(BadInputError, match="leeftijd") as raised:
        write_extract(table, plan, out_dir / "wmo.csv", KEY, SIDECAR)
    assert "does not have: leeftijd;" in str(raised.value)
    assert files_in(out_dir) == []


def test_a_repeated_header_in_the_data_is_refused(out_dir: Path) -> None:
    table = pa.table([pa.array(["1"]), pa.array(["2"])], names=["bsn", "bsn"])
    plan = ExtractPlan((ColumnAction("bsn", "pseudonymise", PiiEntity.BSN),))
    with pytest.raises(BadInputError, match="more than one column named bsn"):
        write_extract(table, plan, out_dir / "wmo.csv", KEY, SIDECAR)
    assert files_in(out_dir) == []


def test_a_missing_key_is_refused_before_anything_is_written(
    table: pa.Table, out_dir: Path
) -> None:
    out = out_dir / "wmo.csv"
    out.write_bytes(b"earlier extract")
    with pytest.raises(MissingKeyError, match="governance init"):
        write_extract(table, PLAN, out, None, SIDECAR)
    assert files_in(out_dir) == ["wmo.csv"]
    assert out.read_bytes() == b"earlier extract"


def test_the_sidecar_facts_cannot_be_overridden(table: pa.Table, out_dir: Path) -> None:
    with pytest.raises(ValueError, match="rows"):
        write_extract(table, PLAN, out_dir / "wmo.csv", KEY, {**SIDECAR, "rows": 0})
    assert files_in(out_dir) == []


def fail_after_writing(error: Exception) -> Callable[..., None]:
    def write(table: pa.Table, handle: BinaryIO, extract_format: str) -> None:
        handle.write(b"half an extract")
        raise error

    return write


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (OSError(28, "No space left on device"), BadInputError),
        (pa.ArrowInvalid("cannot convert"), pa.ArrowInvalid),
        (KeyboardInterrupt(), KeyboardInterrupt),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_failed_write_leaves_the_earlier_extract_and_no_temporary_file(
    table: pa.Table,
    out_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    raised: type[BaseException],
    suffix: str,
) -> None:
    out = out_dir / f"wmo{suffix}"
    out.write_bytes(b"earlier extract")
    out.with_name(out.name + ".json").write_bytes(b"{}")
    monkeypatch.setattr(extract_module, "_write_table", fail_after_writing(error))
    with pytest.raises(raised):
        write_extract(table, PLAN, out, KEY, SIDECAR)
    assert files_in(out_dir) == [out.name, out.name + ".json"]
    assert out.read_bytes() == b"earlier extract"
    assert out.with_name(out.name + ".json").read_bytes() == b"{}"


def test_a_failed_sidecar_removes_the_staged_extract(
    table: pa.Table, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_staged = extract_module._staged

    def staged(target: Path, write: Callable[[BinaryIO], object]) -> Path:
        if target.suffix == ".json":
            raise OSError(13, "Permission denied", str(target))
        return real_staged(target, write)

    monkeypatch.setattr(extract_module, "_staged", staged)
    out = out_dir / "wmo.csv"
    with pytest.raises(BadInputError, match="cannot write the extract") as raised:
        write_extract(table, PLAN, out, KEY, SIDECAR)
    assert "Permission denied" in str(raised.value)
    assert files_in(out_dir) == []


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ColumnAction("bsn", "pseudonymize"), "unknown action 'pseudonymize'"),
        (lambda: ColumnAction("bsn", "drop"), "use one of keep, pseudonymise"),
        (
            lambda: ExtractPlan((ColumnAction("a", "keep"), ColumnAction("a", "keep"))),
            "more than once: a",
        ),
        (
            lambda: ExtractPlan((ColumnAction("a", "keep"),), (DroppedColumn("a", "why"),)),
            "both writes and drops column\\(s\\): a",
        ),
    ],
)
def test_a_contradictory_plan_is_refused(build: Callable[[], object], message: str) -> None:
    with pytest.raises(BadInputError, match=message):
        build()
