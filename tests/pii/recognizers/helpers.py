"""Shared checks: a value judged as a whole cell (through the column path the scanner
uses), and the values a recognizer finds in a text."""

from __future__ import annotations

import pyarrow as pa

from governance.pii.cells import match_cells
from governance.pii.recognizers.base import Recognizer


def cell_is_valid(recognizer: Recognizer, value: str) -> bool:
    """True when the cell is a candidate and validates, through `match_cells`, and the
    scalar validator agrees on the stripped value."""
    result = match_cells(recognizer, pa.array([value]))
    scalar = recognizer.is_valid(value.strip())
    assert (result.valid == 1) == scalar, "the column path and is_valid disagree"
    return result.valid == 1


def found_in_text(recognizer: Recognizer, text: str) -> list[str]:
    return [text[match.start : match.end] for match in recognizer.find(text)]
