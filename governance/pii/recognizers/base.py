"""What a recognizer is: a kind of value, how a whole cell of it looks, how to find it inside
free text, and how to validate a candidate.

Recognizers are definitions; `governance.pii.cells` applies them to whole Arrow columns
(vectorised regex, then the validator on the candidates only), the classifier weighs the
counts, and `governance.pii.free_text` hands the text patterns to Presidio.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from governance.domain.vocabulary import PiiEntity

Validator = Callable[[str], bool]
VectorValidator = Callable[[pa.Array], np.ndarray]


@dataclass(frozen=True)
class Recognizer:
    r"""One kind of value of one entity type.

    cell_regex:  RE2 syntax (pyarrow.compute), anchored ``^…$``; a whole stripped cell that
                 matches is a candidate. Case is spelled out in the classes (``[A-Za-z]``),
                 not with ``(?i)``, and ``\d``/``\s`` are avoided: RE2 and Python fold and
                 classify some Unicode characters differently, and the same pattern often
                 serves both.
    text_regex:  Python ``re`` syntax (also valid for the ``regex`` module Presidio uses);
                 finds candidates inside free text (bounded by lookarounds). Wrapped in
                 ``(?-i:…)`` so Presidio's default IGNORECASE does not change what it finds.
    is_valid:    the full check of one candidate string as it appears in a cell or in
                 text (separators and case as written): shape, checksum, ranges, exclusions.
    are_valid:   optional vectorised form of `is_valid` over an Arrow string array
                 (returns a numpy bool array of the same length, False for nulls); it agrees
                 with `is_valid` on any string (a property test holds every recognizer to
                 it); used for columns of a million values, where a Python call per value
                 is too slow.
    validator:   the name shown in evidence ("11-check", "mod-97", "luhn", "format").
    context:     lower-case cue words that make a text match more likely (e.g. "bsn").
    score:       confidence of a valid match without context.
    with_header_regex: RE2, anchored; shapes too ambiguous to claim alone (a compact
                 "AB1234" plate is as often a product code) that count as valid when the
                 column's header names the entity.
    """

    name: str
    entity: PiiEntity
    cell_regex: str
    text_regex: str
    is_valid: Validator
    validator: str
    are_valid: VectorValidator | None = None
    context: tuple[str, ...] = ()
    score: float = 0.85
    with_header_regex: str | None = None  # more whole-cell shapes, only when the header agrees

    def find(self, text: str) -> list[TextMatch]:
        """Validated matches of `text_regex` in free text, in order (the Presidio path does
        the same through its pattern recognizer; this one serves the tests and callers
        without Presidio)."""
        return [
            TextMatch(found.start(), found.end())
            for found in _compiled(self.text_regex).finditer(text)
            if self.is_valid(found.group())
        ]


class TextMatch(NamedTuple):
    """Where a validated value sits in a text: ``text[start:end]``."""

    start: int
    end: int


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


RECOGNIZERS: list[Recognizer] = []


def register(recognizer: Recognizer) -> Recognizer:
    """Add a recognizer to the registry the scanner uses; names must be unique."""
    if any(r.name == recognizer.name for r in RECOGNIZERS):
        raise ValueError(f"a recognizer named {recognizer.name!r} is already registered")
    RECOGNIZERS.append(recognizer)
    return recognizer
