"""Occasional PII in free text: a vectorised prefilter, then Presidio on the few cells it picks.

Presidio reads a cell at a time (about 6,000 cells/s here), so it only sees cells that
the prefilter selects — cells with long digit runs, grouped numbers, '@', a postcode
shape, a street with a number, or a cue word before a name. Cost follows the PII, not the
row count. Every selected cell is analysed up to `max_cells`; above that (a column of a
million notes, most with a phone number) an evenly spaced sample is, and counts are scaled.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pyarrow.compute as pc

from governance.domain.scan import Finding
from governance.domain.vocabulary import PiiEntity
from governance.pii.columns import PreparedColumn, evenly_spaced
from governance.pii.recognizers import RECOGNIZERS
from governance.pii.recognizers.names import CUE_WORDS as NAME_CUE_WORDS
from governance.pii.recognizers.names import names_in_text

# Words before a name (the names module's list, which `names_in_text` reads after) and
# words before a contact value; a dot after an abbreviation is optional in the pattern.
_CUES = sorted(
    {cue.rstrip(".") for cue in NAME_CUE_WORDS}
    | {"bsn", "heer", "tel", "telefoon", "mobiel", "mail", "iban", "rekening", "kenteken",
       "geboren", "adres",
       "woont"}
)  # fmt: skip
CUE_WORDS = "|".join(re.escape(cue).replace(r"\ ", " +") for cue in _CUES)
# One rough RE2 shape per kind of PII, sharper than "any digits": a note full of dates,
# case numbers and amounts selects nothing, so every selected cell can be analysed.
PREFILTER = "|".join(
    (
        r"\b[0-9]{8,9}\b|\b[0-9]{3,4}[. ][0-9]{2,3}[. ][0-9]{3}\b",  # BSN
        r"(?:\+|\b00)31|\b0[0-9](?:[ ()./-]{0,3}[0-9]){8}",  # phone
        r"@|%40",  # e-mail, also percent-encoded
        r"\b[A-Za-z]{2}[0-9]{2} ?[A-Za-z0-9]{4}",  # IBAN
        r"\b[1-9][0-9]{3} ?[A-Z]{2}\b",  # postcode
        r"\b[A-Za-z0-9]{1,3}-[A-Za-z0-9]{2,3}-[A-Za-z0-9]{1,3}\b",  # licence plate
        r"\b[0-9]{1,3}(?:\.[0-9]{1,3}){3}\b|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:",  # IP
        r"\b[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}",  # payment card
        r"(?i:[a-z](?:straat|weg|laan|plein|gracht|kade|singel|dijk|pad|dreef|hof|steeg|"
        r"markt|ring|park|erf|wal|baan) [0-9])",  # street and house number
        rf"(?i:\b(?:{CUE_WORDS})\b)\.?:? +[A-Z][a-z]",  # a capitalised name after a cue word
    )
)


_GLUE = "\n\n"  # between cells in one Presidio call; no recognizer's pattern spans it


@dataclass
class FreeTextSearch:
    """Searches prose columns; builds the Presidio analyzer once, on first need."""

    max_cells: int = 20_000  # beyond this, an evenly spaced sample (counts scaled)
    batch_cells: int = 200  # cells per Presidio call
    min_cells: int = 2

    def search(self, column: PreparedColumn) -> list[Finding]:
        selected = pc.filter(column.values, pc.match_substring_regex(column.values, PREFILTER))
        if len(selected) == 0:
            return []
        analysed = evenly_spaced(selected, self.max_cells)
        cells = Counter[PiiEntity]()
        recognizers: dict[PiiEntity, set[str]] = {}
        for hits in self._entities_per_cell(analysed.to_pylist()):
            cells.update(hits.keys())
            for entity, names in hits.items():
                recognizers.setdefault(entity, set()).update(names)
        scale = len(selected) / len(analysed)
        sampled = f", {len(analysed)} of them analysed" if len(analysed) < len(selected) else ""
        return [
            Finding(
                entity,
                0.85,
                count * scale / column.non_null,
                (
                    f"free text: {entity.value} in ~{round(count * scale)}/{column.non_null} "
                    f"non-empty cells ({', '.join(sorted(recognizers[entity]))})",
                    f"prefilter: {len(selected)} cells selected{sampled}",
                ),
                kind="free_text",
            )
            for entity, count in sorted(cells.items())
            if count >= self.min_cells
        ]

    def _entities_per_cell(self, texts: list[str]) -> list[dict[PiiEntity, set[str]]]:
        """What Presidio (and the name cue words) find in each cell. Cells go to Presidio
        joined in batches, separated by a blank line that no pattern crosses: one call per
        batch instead of one per cell saves most of Presidio's per-call cost."""
        found: list[dict[PiiEntity, set[str]]] = [{} for _ in texts]
        for first in range(0, len(texts), self.batch_cells):
            batch = texts[first : first + self.batch_cells]
            starts = list(itertools.accumulate((len(t) + len(_GLUE) for t in batch), initial=0))
            joined = _GLUE.join(batch)
            for result in self.analyzer.analyze(text=joined, language="nl", score_threshold=0.5):
                cell = first + bisect.bisect_right(starts, result.start) - 1
                rule = result.recognition_metadata.get("recognizer_name", "presidio")
                found[cell].setdefault(PiiEntity(result.entity_type), set()).add(f"Presidio {rule}")
        for cell, text in enumerate(texts):
            if names_in_text(text):
                found[cell].setdefault(PiiEntity.PERSON, set()).add("name after cue word")
        return found

    @property
    def analyzer(self) -> Any:
        """Built once per process, on first need; safe to ask from several threads."""
        with _ANALYZER_LOCK:
            return _shared_analyzer()


_ANALYZER_LOCK = threading.Lock()


@functools.cache
def _shared_analyzer() -> Any:
    from governance.pii.presidio_engine import build_analyzer

    return build_analyzer(RECOGNIZERS)
