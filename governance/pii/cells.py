"""Applying a recognizer to a whole column: how many cells hold a value, how many have the
recognizer's shape, and how many of those pass its validator.

This runs once per column per recognizer over every row, so it never calls Python per
cell: the shape test is one RE2 pass (pyarrow.compute) over the stripped column, and only
the candidates go to the validator, vectorised (`Recognizer.are_valid`) or once per
distinct candidate. Strip the column once with `prepare_column` when several recognizers
look at it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.pii.recognizers._arrow import as_string_array
from governance.pii.recognizers.base import Recognizer


@dataclass(frozen=True)
class CellMatch:
    """Counts for one recognizer over one column.

    non_null:   cells with a value (not null, not empty after stripping whitespace)
    candidates: cells whose whole stripped value has the recognizer's shape
    valid:      candidates that pass the validator (11-check, mod-97, Luhn, format, …)
    """

    non_null: int
    candidates: int
    valid: int

    @property
    def candidate_rate(self) -> float:
        """Share of the non-empty cells that have the shape."""
        return self.candidates / self.non_null if self.non_null else 0.0

    @property
    def valid_rate(self) -> float:
        """Share of the non-empty cells that hold a valid value: the match rate."""
        return self.valid / self.non_null if self.non_null else 0.0


@dataclass(frozen=True)
class PreparedColumn:
    """A column as text, whitespace stripped, with its count of non-empty cells."""

    strings: pa.Array
    non_null: int


def prepare_column(column: pa.Array | pa.ChunkedArray) -> PreparedColumn:
    """Cast a column to text and strip every cell, once for all recognizers.

    Integers become their digits (a BSN stored as a number keeps 8 or 9 of them); nested
    and binary columns hold nothing to recognise.
    """
    strings = pc.utf8_trim_whitespace(as_string_array(column))
    empty = pc.sum(pc.equal(pc.binary_length(strings), 0)).as_py() or 0
    return PreparedColumn(strings, len(strings) - strings.null_count - empty)


def match_cells(
    recognizer: Recognizer, column: pa.Array | pa.ChunkedArray | PreparedColumn
) -> CellMatch:
    """Count the non-empty, candidate and valid cells of a column for one recognizer."""
    prepared = column if isinstance(column, PreparedColumn) else prepare_column(column)
    if prepared.non_null == 0:
        return CellMatch(0, 0, 0)
    shaped = pc.match_substring_regex(prepared.strings, recognizer.cell_regex)
    candidates = pc.sum(shaped).as_py() or 0
    if candidates == 0:
        return CellMatch(prepared.non_null, 0, 0)
    values = prepared.strings.filter(shaped)
    return CellMatch(prepared.non_null, candidates, _count_valid(recognizer, values))


def _count_valid(recognizer: Recognizer, values: pa.Array) -> int:
    if recognizer.are_valid is not None:
        return int(np.count_nonzero(recognizer.are_valid(values)))
    encoded = values.dictionary_encode()
    verdicts = np.fromiter(
        (recognizer.is_valid(value) for value in encoded.dictionary.to_pylist()),
        dtype=bool,
        count=len(encoded.dictionary),
    )
    counts = np.bincount(np.asarray(encoded.indices, dtype=np.int64), minlength=len(verdicts))
    return int(counts[verdicts].sum())
