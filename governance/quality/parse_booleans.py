"""Booleans from the text of an export, over whole columns at once.

Exports spell yes/no in many ways - Suite4 writes 'Ja'/'Nee', iBurgerzaken 'J'/'N',
web systems 'true'/'false', databases 1/0 - so every known spelling is accepted in any
case (`parse_options.DEFAULT_TRUE_VALUES` / `DEFAULT_FALSE_VALUES`); a registration can
replace them. Anything else ('misschien', '2') is a failure, not a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc


def parse_booleans(
    text: pa.ChunkedArray, true_values: Sequence[str], false_values: Sequence[str]
) -> pa.ChunkedArray:
    """`text` (trimmed, missing cells null) as bool; null where missing or not a spelling."""
    lower = pc.utf8_lower(text)
    trues = pa.array(sorted({v.strip().lower() for v in true_values}), pa.string())
    falses = pa.array(sorted({v.strip().lower() for v in false_values}), pa.string())
    is_true = pc.is_in(lower, value_set=trues)
    is_false = pc.is_in(lower, value_set=falses)
    unknown = pa.scalar(None, pa.bool_())
    return pc.if_else(is_true, True, pc.if_else(is_false, False, unknown))
