"""The column classifier: which entities a column holds, and the evidence for each.

Three kinds of evidence are weighed (issue 3):
- values: the share of non-empty cells that match a recognizer *and* pass its validator;
- the header: raises a decision (a lower share suffices) but never makes one alone;
- negative evidence: numbers that fail their checksum, organisation-number headers, PC4,
  years and ages (not dates), masked cards — each recorded as a note.
Columns of prose are searched cell by cell (through `free_text`) for occasional PII.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.scan import ColumnReport, Finding
from governance.domain.vocabulary import PiiEntity
from governance.pii.cells import CellMatch, match_cells
from governance.pii.columns import PreparedColumn
from governance.pii.free_text import FreeTextSearch
from governance.pii.headers import HeaderHint
from governance.pii.recognizers import RECOGNIZERS
from governance.pii.recognizers.base import Recognizer
from governance.pii.recognizers.dates import parse_dates
from governance.pii.recognizers.mask import top_shapes
from governance.pii.recognizers.names import name_evidence
from governance.pii.recognizers.postcode import POSTCODE


@dataclass(frozen=True)
class Thresholds:
    """The shares that decide; named so a reviewer can see and argue with them."""

    structured: float = 0.8  # valid cells / non-empty cells for a column of one kind
    with_header: float = 0.5  # the same when the header names the entity
    checksum_failures: float = 0.5  # candidates failing a checksum: a different number
    dates: float = 0.8  # cells that are calendar dates, for a date column
    birth_span_years: float = 15.0  # spread (5th–95th percentile) of birth dates
    person: float = 0.6  # cells that look like a person's name
    person_with_header: float = 0.3
    mixed_part: float = 0.15  # each kind in a mixed column (phone or e-mail per cell)


DEFAULTS = Thresholds()
_EMBEDDED_POSTCODE = r"\b[1-9][0-9]{3} ?[A-Za-z]{2}\b"


def classify(
    column: PreparedColumn,
    hint: HeaderHint,
    free_text: FreeTextSearch,
    today: np.datetime64,
    thresholds: Thresholds = DEFAULTS,
) -> ColumnReport:
    if column.non_null == 0:
        return ColumnReport(column.name, notes=("no values",))
    notes: list[str] = []
    findings = _structured(column, hint, thresholds, notes)
    if not findings:
        findings = _optional(_date_of_birth(column, hint, today, thresholds, notes))
    if not findings:
        findings = _optional(_person(column, hint, thresholds))
    if not findings and (column.is_prose or (hint.entities and column.has_words)):
        # prose, or words around values under a telling header ("tel: 06-…")
        findings = free_text.search(column)
    return ColumnReport(column.name, tuple(findings), tuple(notes))


def _optional(finding: Finding | None) -> list[Finding]:
    return [finding] if finding else []


@dataclass(frozen=True)
class _Candidate:
    recognizer: Recognizer
    match: CellMatch
    header_says: bool

    @property
    def rate(self) -> float:
        return self.match.valid_rate


def _structured(
    column: PreparedColumn, hint: HeaderHint, thresholds: Thresholds, notes: list[str]
) -> list[Finding]:
    """Columns of one kind of value; or of two or three kinds (a 'contact' column holding a
    phone number or an e-mail per row); plus the postcode inside full addresses."""
    candidates = [
        c for r in RECOGNIZERS if (c := _candidate(column, hint, r, thresholds, notes)) is not None
    ]
    single = [
        c
        for c in candidates
        if c.rate >= (thresholds.with_header if c.header_says else thresholds.structured)
    ]
    mixed = [c for c in candidates if c.rate >= thresholds.mixed_part]
    if not single and sum(c.rate for c in mixed) >= thresholds.structured:
        single = mixed
    findings = [_structured_finding(column, hint, c, mixed=len(single) > 1) for c in single]
    if any(f.entity is PiiEntity.STREET_ADDRESS for f in findings):
        findings += _optional(_postcodes_in_addresses(column, thresholds))
    return findings


def _candidate(
    column: PreparedColumn,
    hint: HeaderHint,
    recognizer: Recognizer,
    thresholds: Thresholds,
    notes: list[str],
) -> _Candidate | None:
    entity = recognizer.entity
    header_says = hint.says(entity)
    if match_cells(recognizer, column.sample_cells).candidates == 0 and not header_says:
        return None  # not one candidate in the sample: the full column can't qualify
    match = match_cells(recognizer, column.cells)
    if header_says and recognizer.with_header_regex:
        match = _with_header_shapes(recognizer, column, match)
    if entity in hint.vetoes and match.valid_rate >= thresholds.mixed_part:
        notes.append(
            f"{entity.value} ruled out: the values have its form, but the header names "
            f"another kind of value ({', '.join(hint.veto_words)})"
        )
        return None
    if _failing_checksum(match, thresholds):
        notes.append(
            f"{entity.value} ruled out: {match.candidates - match.valid}/{match.candidates} "
            f"values of its shape fail the {recognizer.validator} (another kind of number)"
        )
        return None
    if header_says and match.valid_rate < thresholds.with_header:
        notes.append(
            f"header suggests {entity.value}, but only {match.valid}/{column.non_null} values "
            f"pass the {recognizer.validator}"
        )
    return _Candidate(recognizer, match, header_says)


def _with_header_shapes(
    recognizer: Recognizer, column: PreparedColumn, match: CellMatch
) -> CellMatch:
    """Count the shapes a recognizer accepts only under its header, on cells it refused."""
    extra = pc.sum(
        pc.match_substring_regex(column.values, str(recognizer.with_header_regex))
    ).as_py()
    valid = min(match.non_null, match.valid + (extra or 0))
    return CellMatch(match.non_null, max(match.candidates, valid), valid)


def _structured_finding(
    column: PreparedColumn, hint: HeaderHint, candidate: _Candidate, mixed: bool
) -> Finding:
    recognizer, match = candidate.recognizer, candidate.match
    evidence = [f"header: {word}" for word in hint.words if candidate.header_says]
    evidence.append(
        f"value: {recognizer.validator} passed on {match.valid}/{column.non_null} non-empty "
        f"cells ({recognizer.name})"
    )
    if mixed:
        evidence.append("mixed column: several kinds of contact value, one per cell")
    evidence.append(_shapes(column.sample))
    score = min(0.99, candidate.rate + (0.05 if candidate.header_says else 0.0))
    return Finding(recognizer.entity, score, candidate.rate, tuple(evidence))


def _postcodes_in_addresses(column: PreparedColumn, thresholds: Thresholds) -> Finding | None:
    """'Kerkstraat 12, 1234 AB Rivierstad' holds a postcode as well as an address."""
    found = pc.extract_regex(column.values, rf"(?P<postcode>{_EMBEDDED_POSTCODE})")
    postcodes = pc.struct_field(found, "postcode").drop_null()
    match = match_cells(POSTCODE, postcodes) if len(postcodes) else None
    rate = match.valid / column.non_null if match else 0.0
    if rate < thresholds.with_header:
        return None
    evidence = (
        f"value: a postcode inside {match.valid if match else 0}/{column.non_null} addresses "
        f"({POSTCODE.name})",
    )
    return Finding(PiiEntity.POSTCODE, min(0.99, rate), rate, evidence)


def _failing_checksum(match: CellMatch, thresholds: Thresholds) -> bool:
    """Most values have the shape but fail the check: client numbers, not BSNs."""
    if match.candidates < max(10, match.non_null // 2):
        return False
    return (match.candidates - match.valid) / match.candidates > thresholds.checksum_failures


def _shapes(sample: pa.Array) -> str:
    shapes = ", ".join(
        f"{shape} ({count})" for shape, count in top_shapes(sample, sample=len(sample))
    )
    return f"shape: {shapes} in a sample of {len(sample)}"


def _date_of_birth(
    column: PreparedColumn,
    hint: HeaderHint,
    today: np.datetime64,
    thresholds: Thresholds,
    notes: list[str],
) -> Finding | None:
    """Dates of birth: dates, plus a birth header or a birth-like spread of dates.
    Eight digits (`19850312`, the BRP's own form) are read as dates only when most of the
    column reads so; KvK numbers and other 8-digit codes almost never do."""
    compact = False
    if np.mean(~np.isnat(parse_dates(column.sample))) < thresholds.dates:
        compact = True
        if np.mean(~np.isnat(parse_dates(column.sample, compact=True))) < thresholds.dates:
            return None
    dates = parse_dates(column.values, compact=compact)
    valid = dates[~np.isnat(dates)]
    rate = len(valid) / column.non_null
    if rate < thresholds.dates:
        return None
    ages = (today - valid).astype("timedelta64[D]").astype(np.int64) / 365.25
    low, median, high = np.percentile(ages, [5, 50, 95])
    spread = high - low
    birth_like = (
        low >= 0 and high <= 105 and spread >= thresholds.birth_span_years and 5 <= median <= 90
    )
    header_says = hint.says(PiiEntity.DATE_OF_BIRTH)
    if PiiEntity.DATE_OF_BIRTH in hint.vetoes:
        notes.append(
            f"DATE_OF_BIRTH ruled out: the header names another date ({', '.join(hint.veto_words)})"
        )
        return None
    if not (header_says and low >= 0) and not birth_like:
        if header_says:
            notes.append("header suggests DATE_OF_BIRTH, but the dates lie in the future")
        return None
    evidence = [f"header: {word}" for word in hint.words if header_says]
    evidence.append(f"value: calendar dates in {len(valid)}/{column.non_null} non-empty cells")
    evidence.append(f"distribution: ages {low:.0f}–{high:.0f} years (5th–95th percentile)")
    score = min(0.99, rate * (0.95 if header_says else 0.85))
    return Finding(PiiEntity.DATE_OF_BIRTH, score, rate, tuple(evidence))


def _person(column: PreparedColumn, hint: HeaderHint, thresholds: Thresholds) -> Finding | None:
    """Names have no checksum to confirm on every row, so the evenly spaced sample decides
    (its share is within a few points of the column's) and the evidence says so."""
    header_says = hint.says(PiiEntity.PERSON)
    sample = name_evidence(column.sample)
    needed = thresholds.person_with_header if header_says else thresholds.person
    if sample.share < needed:
        return None
    evidence = [f"header: {word}" for word in hint.words if header_says]
    evidence.append(
        f"value: {sample.matches}/{len(column.sample)} sampled cells of {column.non_null} look "
        "like a person's name (Dutch name lists, tussenvoegsels, capitalisation)"
    )
    score = min(0.99, sample.share + (0.1 if header_says else 0.0))
    return Finding(PiiEntity.PERSON, score, sample.share, tuple(evidence))
