"""Preparing a column for the classifier: trimmed, null-like text removed, and a sample.

Exports write "NULL", "n/a" or "-" where a value is missing; counting those as values
would lower every match rate. The sample is evenly spaced over the column, so a column
sorted by date or by district is still represented from top to bottom.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pyarrow as pa
import pyarrow.compute as pc

from governance.pii.cells import PreparedColumn as Stripped

NULL_TOKENS = pa.array(
    [
        "",
        "null",
        "none",
        "nan",
        "n/a",
        "#n/a",
        "na",
        "-",
        "nil",
        "onbekend",
        "n.v.t.",
        "nvt",
        "geen",
        "unknown",
        "niet bekend",
        "?",
    ]
)
SAMPLE_SIZE = 2000

# three words with letters in them: prose, not a code or a name
_PROSE = r"[^\s\d]{2,}\s+\S+\s+\S+"
_WORDS = r"[A-Za-z]{2,}\S*\s|\s\S*[A-Za-z]{2,}"


@dataclass(frozen=True)
class PreparedColumn:
    name: str
    values: pa.Array  # trimmed, non-null, non-empty text values
    sample: pa.Array

    @property
    def non_null(self) -> int:
        return len(self.values)

    @cached_property
    def cells(self) -> Stripped:
        """The values as `match_cells` takes them, so no recognizer strips them again."""
        return Stripped(self.values, len(self.values))

    @cached_property
    def sample_cells(self) -> Stripped:
        return Stripped(self.sample, len(self.sample))

    def share(self, mask: pa.Array) -> float:
        """The share of true values in a boolean mask over the sample."""
        return pc.sum(mask).as_py() / len(mask) if len(mask) else 0.0

    @cached_property
    def has_words(self) -> bool:
        """Most sampled cells mix letters with spaces: text around values, not bare codes."""
        return self.share(pc.match_substring_regex(self.sample, _WORDS)) >= 0.5

    @cached_property
    def is_prose(self) -> bool:
        """Free text: at least a third of the sampled cells read as words, not codes."""
        return self.share(pc.match_substring_regex(self.sample, _PROSE)) >= 0.3


def prepare(name: str, column: pa.ChunkedArray | pa.Array) -> PreparedColumn:
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
        array = pc.cast(array, pa.string())
    trimmed = pc.utf8_trim_whitespace(array)
    null_like = pc.is_in(pc.utf8_lower(trimmed), value_set=NULL_TOKENS)
    values = pc.filter(trimmed, pc.and_(pc.is_valid(trimmed), pc.invert(null_like)))
    return PreparedColumn(name, values, evenly_spaced(values, SAMPLE_SIZE))


def evenly_spaced(values: pa.Array, size: int) -> pa.Array:
    if len(values) <= size:
        return values
    step = len(values) / size
    return values.take(pa.array([int(i * step) for i in range(size)]))
