"""Masked shapes: what a value looks like, without what it says.

Evidence in a report may show that a column's values look like ``d{4} LL`` (a postcode) or
``d{4}.dd.d{3}`` (a dotted BSN), never the values. Digits become d, capitals L, other
letters l; punctuation and spaces stay (they are the shape); runs of three or more are
written as a count. Long values are cut off, so a free-text cell gives a short shape too.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.pii.recognizers._arrow import as_string_array

MAX_SHAPE = 48  # characters of shape kept; a longer shape ends in "…"


def _symbol(char: str) -> str:
    if char.isdigit() or char.isnumeric():
        return "d"
    if char.isalpha():
        return "L" if char.isupper() else "l"
    if char.isspace():
        return " "
    if char.isprintable():
        return char
    return "?"


def mask(value: str) -> str:
    """The masked shape of a value: "1234 AB" → "d{4} LL", "1234.56.782" → "d{4}.dd.d{3}".

    Only the classes d, L and l, the separators and the run lengths survive, so no raw
    character of a letter or digit can appear in the result.
    """
    parts: list[str] = []
    length = 0
    index = 0
    while index < len(value):
        symbol = _symbol(value[index])
        run = 1
        while index + run < len(value) and _symbol(value[index + run]) == symbol:
            run += 1
        part = f"{symbol}{{{run}}}" if symbol in "dLl" and run >= 3 else symbol * run
        if length + len(part) > MAX_SHAPE:
            break
        parts.append(part)
        length += len(part)
        index += run
    shape = "".join(parts)
    return shape + "…" if index < len(value) else shape


def top_shapes(
    column: pa.Array | pa.ChunkedArray, limit: int = 3, sample: int = 1000
) -> list[tuple[str, int]]:
    """The most common masked shapes among up to `sample` non-empty values spread evenly
    over the column, most common first (ties by shape), with how many sampled values had
    each."""
    strings = pc.utf8_trim_whitespace(as_string_array(column))
    present = strings.filter(pc.fill_null(pc.greater(pc.binary_length(strings), 0), False))
    if len(present) == 0 or limit <= 0 or sample <= 0:
        return []
    if len(present) > sample:
        rows = (np.arange(sample) * (len(present) / sample)).astype(np.int64)
        present = present.take(pa.array(rows))
    counts = pc.value_counts(present)
    shapes: Counter[str] = Counter()
    for value, count in zip(
        counts.field("values").to_pylist(), counts.field("counts").to_pylist(), strict=True
    ):
        shapes[mask(value)] += count
    return sorted(shapes.items(), key=lambda item: (-item[1], item[0]))[:limit]
