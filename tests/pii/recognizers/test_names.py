"""Person names: the lexicon and the shapes of names; organisations, streets, places and
ordinary words are not names; names after cue words in text."""

from __future__ import annotations

import pyarrow as pa
import pytest

from governance.pii.recognizers.names import (
    TUSSENVOEGSELS,
    given_names,
    looks_like_name,
    name_evidence,
    names_in_text,
    surnames,
)

NAMES = [
    "Jansen",
    "de Vries",
    "J. de Vries",
    "J.P.M. van den Berg",
    "A.B. Bakker",
    "de Vries, J.",
    "Vries, J. de",
    "Bakker, P.",
    "Kaya, M.",
    "Piet",
    "Piet Bakker",
    "Fatima el Amrani",
    "Mohamed Amrani",
    "Ayşe Öztürk",
    "Soeniel Ramdin",
    "Van der Berg",
    "van der Laan",
    "Den Hartog",
    "JANSEN",
    "Jan-Willem de Boer",
    "Anna van den Berg-Jansen",
    "mevr. E. Yilmaz",
    "Th. Hendriks",
    "J Jansen",
]
NOT_NAMES = [
    "Gemeente Utrecht",
    "Stichting Jeugdzorg",
    "Bakker BV",
    "Albert Heijn B.V.",
    "Politie Midden-Nederland",
    "Kerkstraat",
    "Kerkstraat 12",
    "Grote Markt",
    "Oude Gracht",
    "Utrecht",
    "Den Haag",
    "'s-Hertogenbosch",
    "Afval",
    "Melding openbare ruimte",
    "Openbare verlichting",
    "Hulpmiddelen",
    "Wmo",
    "WMO",
    "Groen",  # a colour that is also a surname
    "Bakker",  # an occupation that is also a surname
    "Roos",  # a flower that is also a given name
    "Onbekend",
    "Ja",
    "Bos en Water",
    "jan@example.nl",
    "123",
    "J.",
    "Dhr.",
    "",
]


@pytest.mark.parametrize("value", NAMES)
def test_names(value: str) -> None:
    assert looks_like_name(value)


@pytest.mark.parametrize("value", NOT_NAMES)
def test_not_names(value: str) -> None:
    assert not looks_like_name(value)


def test_lexicon_is_built_from_faker_and_our_own_lists() -> None:
    assert {"jan", "fatima", "mehmet", "soeniel", "daan"} <= given_names()
    assert {"jansen", "vries", "yilmaz", "amrani", "ramdin"} <= surnames()
    assert "van" not in surnames() and "de" not in surnames()  # tussenvoegsels stripped
    assert {"van", "de", "der", "den", "ter", "ten", "te", "'t", "op", "in"} <= (TUSSENVOEGSELS)


def test_name_evidence_counts_rows_and_distinct_values() -> None:
    column = pa.array(["Jansen", "Jansen", "J. de Vries", "Gemeente Utrecht", None, " ", "Afval"])
    evidence = name_evidence(column)
    assert (evidence.non_null, evidence.matches) == (5, 3)
    assert (evidence.distinct, evidence.distinct_names) == (4, 2)
    assert evidence.share == pytest.approx(0.6)
    assert not evidence.estimated


def test_name_evidence_on_an_empty_column() -> None:
    evidence = name_evidence(pa.array([None, ""], pa.string()))
    assert evidence.share == 0.0 and evidence.non_null == 0


def test_name_evidence_estimates_beyond_its_budget() -> None:
    values = [f"{given} {surname}" for given in ("Jan", "Piet", "Anna") for surname in NAMES[:8]]
    values += [f"Categorie {i}" for i in range(24)]
    exact = name_evidence(pa.array(values))
    estimate = name_evidence(pa.array(values), max_distinct=10)
    assert estimate.estimated and not exact.estimated
    assert abs(estimate.share - exact.share) < 0.2


def test_categories_are_not_names() -> None:
    column = pa.array(["Afval", "Groen", "Verlichting", "Bos", "Water", "Overig"] * 50)
    assert name_evidence(column).share == 0.0


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Melder: Piet de Vries belde over de lantaarn", ["Piet de Vries"]),
        ("Mevrouw El Amrani woont hier sinds 2010", ["El Amrani"]),
        ("Gesprek met de heer J. Jansen gehad", ["J. Jansen"]),
        ("mw. Bakker heeft teruggebeld", ["Bakker"]),
        ("contactpersoon is Fatima Yilmaz.", ["Fatima Yilmaz"]),
        ("Cliënt Ayşe Öztürk is verhuisd", ["Ayşe Öztürk"]),
        ("mevrouw Jansen uit Utrecht belde", ["Jansen"]),
        ("Gisteren belde Jan Jansen over zijn aanvraag", ["Jan Jansen"]),
        ("Naam: Gemeente Utrecht", []),
        ("Melder: Anoniem", []),
        ("moeder belt morgen terug", []),
        ("De melder gaf aan dat de weg kapot is", []),
        ("Graag contact met Stichting Jeugdzorg", []),
        ("", []),
    ],
)
def test_names_in_text(text: str, found: list[str]) -> None:
    assert [text[start:end] for start, end in names_in_text(text)] == found
