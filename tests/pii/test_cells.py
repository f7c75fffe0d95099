"""match_cells: what counts as a value, a candidate and a valid one, over every Arrow column
type the sources produce; the scalar fallback; and a loose guard on speed."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from governance.domain.vocabulary import PiiEntity
from governance.pii.cells import CellMatch, match_cells, prepare_column
from governance.pii.recognizers.base import Recognizer
from governance.pii.recognizers.bsn import BSN
from governance.pii.recognizers.postcode import POSTCODE

BSNS = ["123456782", " 111222333 ", "1234.56.782", "123456789", None, "", "  ", "n.v.t."]


def test_counts_values_candidates_and_valid() -> None:
    result = match_cells(BSN, pa.array(BSNS))
    assert result == CellMatch(non_null=5, candidates=4, valid=3)
    assert result.valid_rate == pytest.approx(3 / 5)
    assert result.candidate_rate == pytest.approx(4 / 5)


@pytest.mark.parametrize(
    "column",
    [
        pa.chunked_array([BSNS[:3], BSNS[3:]]),
        pa.chunked_array([BSNS], pa.large_string()),
        pa.array(BSNS).dictionary_encode(),
        pa.array(BSNS).slice(0),
    ],
    ids=["chunked", "large_string", "dictionary", "slice"],
)
def test_column_types(column: pa.Array | pa.ChunkedArray) -> None:
    assert match_cells(BSN, column) == CellMatch(5, 4, 3)


def test_sliced_column_counts_only_its_rows() -> None:
    assert match_cells(BSN, pa.array(BSNS).slice(1, 3)) == CellMatch(3, 3, 2)


def test_integer_column_with_lost_leading_zeros() -> None:
    column = pa.array([12345672, 123456782, 123456789, None], pa.int64())
    assert match_cells(BSN, column) == CellMatch(3, 3, 2)


@pytest.mark.parametrize(
    "column",
    [
        pa.array([], pa.string()),
        pa.array([None, None], pa.string()),
        pa.chunked_array([], pa.string()),
        pa.array([[1, 2]]),
        pa.array([b"\xff\xfe"]),
    ],
    ids=["empty", "all-null", "no-chunks", "nested", "binary"],
)
def test_columns_without_values(column: pa.Array | pa.ChunkedArray) -> None:
    assert match_cells(BSN, column) == CellMatch(0, 0, 0)


def test_prepared_column_is_reused_across_recognizers() -> None:
    prepared = prepare_column(pa.array(["1234 AB", "123456782", None, " "]))
    assert prepared.non_null == 2
    assert match_cells(BSN, prepared) == CellMatch(2, 1, 1)
    assert match_cells(POSTCODE, prepared) == CellMatch(2, 1, 1)


def test_without_a_vector_validator_each_distinct_candidate_is_checked_once() -> None:
    seen: list[str] = []

    def is_valid(value: str) -> bool:
        seen.append(value)
        return value.endswith("1")

    recognizer = Recognizer(
        name="test_codes",
        entity=PiiEntity.BSN,
        cell_regex=r"^C[0-9]$",
        text_regex=r"C[0-9]",
        is_valid=is_valid,
        validator="test",
    )
    column = pa.array(["C1", "C2", "C1", "C1", "x", None] * 100)
    assert match_cells(recognizer, column) == CellMatch(500, 400, 300)
    assert sorted(seen) == ["C1", "C2"]


def _valid_bsns(count: int, seed: int = 5) -> pa.Array:
    """`count` 9-digit numbers that pass the 11-check, built with numpy (no Python loop)."""
    rng = np.random.default_rng(seed)
    heads = rng.integers(10_000_000, 99_999_999, size=count * 2)
    digits = (heads[:, None] // 10 ** np.arange(7, -1, -1)) % 10
    check = (digits @ np.arange(9, 1, -1)) % 11
    keep = check < 10
    numbers = (heads[keep] * 10 + check[keep])[:count]
    return pc.cast(pa.array(numbers), pa.string())


def test_a_million_cells_are_counted_exactly() -> None:
    """Every value checked, none skipped (speed is measured in bench/, not here)."""
    bsns = _valid_bsns(1_000_000)
    assert match_cells(BSN, bsns) == CellMatch(1_000_000, 1_000_000, 1_000_000)
    words = pc.binary_join_element_wise(pa.array(["Melding"] * 1_000_000), bsns, " ")
    assert match_cells(BSN, words).candidates == 0
