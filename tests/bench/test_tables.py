"""The generated benchmark: enough tables and formats, labels that match the files, values
that match their labels, and free text with a few percent of PII."""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.nl import bsn as std_bsn
from stdnum.nl import postcode as std_postcode

from bench.pii import tables
from bench.pii.freetext import FreeText, free_text
from bench.pii.labels import TableLabels, read_folder
from bench.pii.people import People, Pools
from bench.pii.vocabulary import ENTITIES
from governance.domain.vocabulary import PiiEntity

SCALE = 0.05  # 50-250 rows a table: seconds for the whole suite


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pii-bench")
    tables.generate(out, seed=7, scale=SCALE)
    return out


@pytest.fixture(scope="module")
def pools() -> Pools:
    return Pools.build(7, size=300)


def read_headers(path: Path, table: tables.Table) -> list[str]:
    """Headers as a reader sees them, with the encoding the table was written in."""
    if table.csv is not None:
        with path.open(encoding=table.csv.python_encoding, newline="") as handle:
            return next(csv.reader(handle, delimiter=table.csv.delimiter))
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        assert len(book.sheetnames) == 1
        return [str(cell) for cell in next(book.active.iter_rows(max_row=1, values_only=True))]
    return pq.read_schema(path).names


def test_the_vocabulary_is_the_scan_contract() -> None:
    assert set(ENTITIES) == {entity.value for entity in PiiEntity}


def test_enough_tables_of_the_right_sizes() -> None:
    assert len(tables.TABLES) >= 12
    assert all(500 <= table.rows <= 5000 for table in tables.TABLES)
    assert len({table.file for table in tables.TABLES}) == len(tables.TABLES)


def test_every_export_format_is_present() -> None:
    styles = {(t.csv.delimiter, t.csv.encoding, t.csv.bom) for t in tables.TABLES if t.csv}
    assert {(";", "cp1252", False), (",", "utf-8", True), (",", "utf-8", False)} <= styles
    suffixes = {Path(t.file).suffix for t in tables.TABLES}
    assert {".csv", ".xlsx", ".parquet"} <= suffixes
    assert any(t.csv and t.csv.null == "NULL" for t in tables.TABLES)
    assert any(t.csv and t.csv.decimal_comma for t in tables.TABLES)


def test_every_entity_is_labelled_in_several_columns() -> None:
    support = {entity: 0 for entity in ENTITIES}
    for table in tables.TABLES:
        for col in table.columns:
            for entity in col.entities:
                support[entity] += 1
    assert min(support.values()) >= 3, support


def test_hard_negatives_are_many_and_labelled_empty() -> None:
    hard = [col for table in tables.TABLES for col in table.columns if col.hard]
    assert len(hard) >= 60
    assert all(col.entities == () and col.about for col in hard)


def test_labels_name_every_header_exactly(generated: Path) -> None:
    labels = {label.file: label for label in read_folder(generated)}
    assert set(labels) == {table.file for table in tables.TABLES}
    for table in tables.TABLES:
        headers = read_headers(generated / table.file, table)
        assert headers == list(labels[table.file].columns), table.file


def test_generation_is_seeded(tmp_path: Path) -> None:
    subset = tables.TABLES[:2]
    tables.generate(tmp_path / "a", seed=3, scale=SCALE, tables=subset)
    tables.generate(tmp_path / "b", seed=3, scale=SCALE, tables=subset)
    for table in subset:
        first = (tmp_path / "a" / table.file).read_bytes()
        assert first == (tmp_path / "b" / table.file).read_bytes()


def test_csv_files_use_their_encoding_and_separator(generated: Path) -> None:
    bom = (generated / "jeugd_toewijzingen.csv").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf")
    cp1252 = (generated / "vth_vergunningen.csv").read_bytes()
    assert b"co\xf6rdinaat" in cp1252 and b";" in cp1252.splitlines()[0]
    plain = (generated / "fixi_meldingen.csv").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf")


def test_parquet_keeps_an_integer_bsn_that_lost_its_zero(generated: Path) -> None:
    table = pq.read_table(generated / "burgerzaken_id_aanvragen.parquet")
    assert str(table.schema.field("bsn").type) == "int64"
    assert str(table.schema.field("geboortedatum").type) == "date32[day]"
    numbers = [n for n in table.column("bsn").to_pylist() if n is not None]
    assert any(n < 10**8 for n in numbers)


def _cells(values: list[object]) -> list[str]:
    return [str(v) for v in values if v is not None]


def _compact(value: str) -> str:
    return re.sub(r"[\s.]", "", value)


def _built(pools: Pools) -> list[tuple[tables.Col, list[object], TableLabels]]:
    out = []
    for table in tables.TABLES:
        _, headers, data, labels = tables.build_table(table, pools, seed=7, scale=0.1)
        cols = {col.header: col for col in table.columns}
        out += [(cols[h], values, labels) for h, values in zip(headers, data, strict=True)]
    return out


def test_structured_values_match_their_labels(pools: Pools) -> None:
    """Each single-entity structured column holds only valid values of its entity."""
    validated = {"BSN", "IBAN", "CREDIT_CARD", "POSTCODE", "DATE_OF_BIRTH"}
    seen: set[str] = set()
    for col, values, _ in _built(pools):
        if "free text" in col.about or len(col.entities) != 1:
            continue
        (entity,) = col.entities
        if entity not in validated:
            continue
        seen.add(entity)
        for cell in _cells(values):
            if entity == "BSN":
                assert std_bsn.is_valid(_compact(cell).zfill(9)), col.header
            elif entity == "IBAN":
                assert std_iban.is_valid(cell), col.header
            elif entity == "CREDIT_CARD":
                assert luhn.is_valid(_compact(cell)), col.header
            elif entity == "POSTCODE":
                assert std_postcode.is_valid(cell), col.header
            elif entity == "DATE_OF_BIRTH":
                assert re.fullmatch(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}", cell), col.header
    assert seen == validated


def test_bsn_look_alikes_are_what_the_policy_says(pools: Pools) -> None:
    hits: Counter[str] = Counter()
    for col, values, _ in _built(pools):
        cells = _cells(values)
        if "all fail 11-check" in col.about or "11-check failures" in col.about:
            assert not any(std_bsn.is_valid(cell) for cell in cells), col.header
            hits["fail"] += 1
        if col.header == "RSIN":  # passes the check; labelled [] as an organisation number
            assert all(std_bsn.is_valid(cell) for cell in cells)
            hits["rsin"] += 1
        if "SHA-256" in col.about:
            assert all(re.fullmatch(r"[0-9a-f]{64}", cell) for cell in cells)
            hits["sha"] += 1
    assert hits["fail"] >= 2 and hits["rsin"] >= 1 and hits["sha"] >= 1, hits


@pytest.mark.parametrize(
    "col",
    [col for t in tables.TABLES for col in t.columns if "free text" in col.about],
    ids=lambda col: col.header,
)
def test_free_text_embeds_two_to_five_percent(col: tables.Col, pools: Pools) -> None:
    rows = next(t.rows for t in tables.TABLES if col in t.columns)
    rng = random.Random(1)
    made = col.make(tables.c.Ctx(rng, People(pools, rng)), rows)
    assert isinstance(made, FreeText)
    if not made.entities:  # the clean description column: a hard negative
        assert made.embedded_cells == 0
        return
    assert 0.02 <= made.embedded_cells / rows <= 0.05
    assert made.embedded_cells >= 4 * len(made.entities)


def test_free_text_labels_only_what_was_embedded(pools: Pools) -> None:
    rng = random.Random(2)
    made = free_text(rng, People(pools, rng), 400, "fixi", ("EMAIL_ADDRESS",), 0.03)
    assert made.entities == ("EMAIL_ADDRESS",)
    with_at = [v for v in made.values if v and "@" in v]
    assert len(with_at) == made.embedded_cells


def test_output_inside_the_repository_is_refused() -> None:
    with pytest.raises(SystemExit):
        tables.main(["--out", str(tables.REPO / "bench" / "out")])
