from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.domain.vocabulary import PiiEntity as E
from governance.pii.headers import read_header, tokens


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Client_BSN", ["client", "bsn"]),
        ("geboorteDatum", ["geboorte", "datum"]),
        ("DateOfBirth", ["date", "of", "birth"]),
        ("KvK_nummer", ["kvk", "nummer"]),
        ("E-mail adres", ["e", "mail", "adres"]),
        ("Cliënt naam", ["client", "naam"]),
        ("kolom 7", ["kolom", "7"]),
    ],
)
def test_tokens(header: str, expected: list[str]) -> None:
    assert tokens(header) == expected


@pytest.mark.parametrize(
    ("header", "entity"),
    [
        ("bsn", E.BSN),
        ("Burgerservicenummer", E.BSN),
        ("client_bsn", E.BSN),
        ("clientBSN", E.BSN),
        ("geboortedatum", E.DATE_OF_BIRTH),
        ("geb_datum", E.DATE_OF_BIRTH),
        ("dob", E.DATE_OF_BIRTH),
        ("Date of birth", E.DATE_OF_BIRTH),
        ("achternaam", E.PERSON),
        ("Voornamen", E.PERSON),
        ("Clientnaam", E.PERSON),
        ("naam_melder", E.PERSON),
        ("woonadres", E.STREET_ADDRESS),
        ("Postcode", E.POSTCODE),
        ("kenteken", E.LICENSE_PLATE),
        ("telefoonnummer", E.PHONE_NUMBER),
        ("mobiel", E.PHONE_NUMBER),
        ("e-mail", E.EMAIL_ADDRESS),
        ("emailadres", E.EMAIL_ADDRESS),
        ("rekeningnummer", E.IBAN),
        ("IBAN_leverancier", E.IBAN),
        ("ip_adres", E.IP_ADDRESS),
        ("kaartnummer", E.CREDIT_CARD),
    ],
)
def test_headers_that_name_an_entity(header: str, entity: E) -> None:
    assert read_header(header).says(entity)


@pytest.mark.parametrize(
    ("header", "entity"),
    [
        ("projectnaam", E.PERSON),
        ("Bedrijfsnaam", E.PERSON),
        ("aanbieder naam", E.PERSON),
        ("straatnaam", E.STREET_ADDRESS),
        ("rsin", E.BSN),
        ("KvK_nummer", E.BSN),
        ("bsn_hash", E.BSN),
        ("pc4", E.POSTCODE),
        ("telefoon_toestel", E.PHONE_NUMBER),
        ("date_of_request", E.DATE_OF_BIRTH),
        ("woonplaats", E.STREET_ADDRESS),
        ("kolom_7", E.BSN),
    ],
)
def test_headers_that_do_not(header: str, entity: E) -> None:
    assert not read_header(header).says(entity)


@given(st.text(max_size=40))
def test_any_header_reads_without_error(header: str) -> None:
    hint = read_header(header)
    assert all(isinstance(word, str) for word in hint.words)
