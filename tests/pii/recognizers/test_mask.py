"""Masked shapes: classes and run lengths only, never a raw letter or digit."""

from __future__ import annotations

import pyarrow as pa
import pytest

from governance.pii.recognizers.mask import MAX_SHAPE, mask, top_shapes


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        ("1234 AB", "d{4} LL"),
        ("1234.56.782", "d{4}.dd.d{3}"),
        ("123456782", "d{9}"),
        ("NL91 ABNA 0417 1643 00", "LLdd L{4} d{4} d{4} dd"),
        ("jan@example.nl", "l{3}@l{7}.ll"),
        ("06-12345678", "dd-d{8}"),
        ("Éé", "Ll"),
        ("a\tb", "l l"),
        ("", ""),
    ],
)
def test_mask(value: str, shape: str) -> None:
    assert mask(value) == shape


def test_long_values_are_cut_off_between_runs() -> None:
    shape = mask("Ab1 " * 100)
    assert shape.endswith("…") and len(shape) <= MAX_SHAPE + 1
    assert "{" not in shape.rstrip("…")[-1:]  # never ends inside a run count


def test_top_shapes_counts_a_spread_sample() -> None:
    column = pa.array(["1234 AB"] * 6 + ["1234AB"] * 3 + ["123456782", None, "  "])
    assert top_shapes(column) == [("d{4} LL", 6), ("d{4}LL", 3), ("d{9}", 1)]
    assert top_shapes(column, limit=1) == [("d{4} LL", 6)]
    assert sum(count for _, count in top_shapes(pa.array(["1"] * 5000), sample=100)) == 100
    assert top_shapes(pa.array([None], pa.string())) == []
