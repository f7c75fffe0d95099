"""The registry and the contract every recognizer keeps: RE2 cell patterns that are anchored,
Python text patterns that behave the same under Presidio's flags."""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc
import pytest
import regex

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers import RECOGNIZERS, Recognizer, TextMatch, register

BY_NAME = {recognizer.name: recognizer for recognizer in RECOGNIZERS}
PRESIDIO_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE


def test_importing_the_package_registers_every_recognizer() -> None:
    entities = {recognizer.entity for recognizer in RECOGNIZERS}
    assert entities == set(PiiEntity) - {PiiEntity.PERSON, PiiEntity.DATE_OF_BIRTH}
    assert len(BY_NAME) == len(RECOGNIZERS)


def test_names_are_unique() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register(RECOGNIZERS[0])


@pytest.mark.parametrize("recognizer", RECOGNIZERS, ids=lambda r: r.name)
def test_cell_regex_is_anchored_re2(recognizer: Recognizer) -> None:
    assert recognizer.cell_regex.startswith("^") and recognizer.cell_regex.endswith("$")
    assert "(?i" not in recognizer.cell_regex  # case is spelled out: RE2 and re fold alike
    pc.match_substring_regex(pa.array(["x"]), recognizer.cell_regex)  # compiles in RE2
    re.compile(recognizer.cell_regex)
    assert 0 < recognizer.score <= 1 and recognizer.validator
    assert all(word == word.lower() for word in recognizer.context)


SAMPLE_TEXT = (
    "Melder mevrouw de Vries, bsn 123456782, Kerkstraat 12, 3511 AB Utrecht, tel 06-12345678"
    " of +31 (0)10 1234567, mail jan@example.nl, iban nl91 abna 0417 1643 00, kenteken"
    " 12-bdf-3, ip 192.168.1.20, kaart 4111 1111 1111 1111. In 2023 en 1985 ab 12 ss."
)


@pytest.mark.parametrize("recognizer", RECOGNIZERS, ids=lambda r: r.name)
def test_text_regex_finds_the_same_under_presidio_flags(recognizer: Recognizer) -> None:
    plain = [m.span() for m in re.finditer(recognizer.text_regex, SAMPLE_TEXT)]
    flagged = [m.span() for m in regex.finditer(recognizer.text_regex, SAMPLE_TEXT, PRESIDIO_FLAGS)]
    assert plain == flagged
    assert recognizer.find(SAMPLE_TEXT), f"{recognizer.name} finds nothing in the sample"


def test_find_returns_validated_spans() -> None:
    matches = BY_NAME["nl_bsn"].find("bsn 123456782 of 123456789")
    assert matches == [TextMatch(4, 13)]
