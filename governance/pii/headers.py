"""Header evidence: what a column's name says about its content, in Dutch and English.

A header is split into tokens (snake_case, camelCase, spaces, dots, digits) and the tokens
and their pairs are looked up in a lexicon. Dutch glues words together (`clientnaam`,
`geboortedatum`), so a token is also checked for a known ending with a known prefix.
Header evidence raises or settles a decision; it never claims an entity on its own — the
classifier demands value evidence too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from governance.domain.vocabulary import PiiEntity as E

# Words and phrases (tokens joined by one space) that name an entity, per entity.
_LEXICON: dict[E, str] = {
    E.BSN: "bsn, burgerservicenummer, sofinummer, sofi, bsnnummer, citizen service number, ssn",
    E.DATE_OF_BIRTH: "geboortedatum, gebdatum, gebdat, geb datum, geb, dob, birthdate, "
    "birth date, birthday, date of birth, geboren, geboorte, verjaardag",
    E.PERSON: "naam, achternaam, voornaam, voornamen, voorletters, tussenvoegsel, "
    "geslachtsnaam, roepnaam, name, firstname, lastname, surname, fullname, first name, "
    "last name, full name, given name, family name, contactpersoon, melder, aanvrager, "
    "medewerker, behandelaar, projectleider, consulent, person, persoon",
    E.STREET_ADDRESS: "adres, woonadres, huisadres, postadres, straatadres, address, "
    "street address, verblijfadres, verblijfsadres, bezoekadres, straat huisnummer",
    E.POSTCODE: "postcode, zip, zipcode, pc6, postal code, postalcode",
    E.LICENSE_PLATE: "kenteken, kentekenplaat, nummerplaat, license plate, licence plate, "
    "plate, registration plate",
    E.PHONE_NUMBER: "telefoon, telefoonnummer, tel, telnr, mobiel, mobielnummer, mobile, "
    "phone, telephone, gsm, phonenumber, phone number",
    E.EMAIL_ADDRESS: "email, e mail, emailadres, mail, mailadres, e mailadres",
    E.IBAN: "iban, rekeningnummer, rekening, bankrekening, bankrekeningnummer, rekeningnr, "
    "bank account, account number",
    E.IP_ADDRESS: "ip, ipadres, ip adres, ip address, ipaddress, ipv4, ipv6",
    E.CREDIT_CARD: "creditcard, creditcardnummer, kaartnummer, card number, cardnumber, "
    "credit card, pan",
}

# Dutch compounds: a known ending names the entity unless the prefix says it is a thing
_ENDINGS: dict[str, E] = {
    "naam": E.PERSON,
    "namen": E.PERSON,
    "adres": E.STREET_ADDRESS,
    "telefoon": E.PHONE_NUMBER,
    "telefoonnummer": E.PHONE_NUMBER,
    "mail": E.EMAIL_ADDRESS,
    "postcode": E.POSTCODE,
    "iban": E.IBAN,
    "rekeningnummer": E.IBAN,
    "kenteken": E.LICENSE_PLATE,
    "bsn": E.BSN,
    "geboortedatum": E.DATE_OF_BIRTH,
}


def _word_list(text: str) -> list[str]:
    return text.split()


# prefixes and companion words that make a name-ish header about a thing, not a person
_THING_WORDS = frozenset(
    _word_list(
        """project projecten bedrijf bedrijfs straat product organisatie organisation
    organization leverancier leveranciers wijk gemeente plaats woonplaats school team bestand
    file categorie category programma locatie location dataset aanbieder zorgaanbieder
    instelling afdeling department kanaal applicatie app systeem system host server domein
    domain company supplier vendor street city town buurt functie rol role user gebruikers
    account tabel table kolom column field veld voorziening dienst service regio provider
    zaak zaaktype document documentsoort leges kostenplaats kvk handelsnaam statutaire"""
    )
)

# words that veto an entity: these columns hold organisation numbers, hashes or parts
_VETO_WORDS: dict[E, str] = {
    E.BSN: "rsin kvk kvknummer btw fiscaalnummer hash hashed sha256 pseudoniem pseudonym",
    E.PHONE_NUMBER: "kvk kvknummer toestel extension",
    E.POSTCODE: "pc4 kenteken kentekenplaat nummerplaat",
    E.STREET_ADDRESS: "straatnaam",
    E.IP_ADDRESS: "versie version release build",
    E.DATE_OF_BIRTH: "dienst indienst uitdienst bouw bouwdatum bouwjaar start startdatum begin "
    "begindatum ingang ingangsdatum eind einddatum aanvraag aanvraagdatum besluit besluitdatum "
    "melding meldingsdatum wijziging registratie inschrijving uitschrijving overlijden "
    "overlijdensdatum verval vervaldatum afgifte uitgifte hire hired created modified updated "
    "request decision death expiry issued",
}


def _index(lexicon: dict[E, str], separator: str) -> dict[str, set[E]]:
    index: dict[str, set[E]] = {}
    for entity, words in lexicon.items():
        for word in words.split(separator):
            index.setdefault(word.strip(), set()).add(entity)
    return index


_WORDS = _index(_LEXICON, ",")
_VETOES = _index(_VETO_WORDS, " ")
_SPLIT = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])|(?<=[A-Z])(?=[A-Z][a-z])")


@dataclass(frozen=True)
class HeaderHint:
    """What the header suggests (`entities`) and rules out (`vetoes`), with the words why."""

    entities: frozenset[E]
    vetoes: frozenset[E]
    words: tuple[str, ...]
    veto_words: tuple[str, ...] = ()

    def says(self, entity: E) -> bool:
        return entity in self.entities and entity not in self.vetoes


def tokens(header: str) -> list[str]:
    """`Client_BSN` → ['client', 'bsn']; `geboorteDatum` → ['geboorte', 'datum']; accents off."""
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode("ascii")
    spaced = _CAMEL.sub(" ", plain).lower()
    return [t for t in _SPLIT.split(spaced) if t]


def read_header(header: str) -> HeaderHint:
    parts = tokens(header)
    phrases = [" ".join(parts[i : i + n]) for n in (1, 2, 3) for i in range(len(parts) - n + 1)]
    found: dict[E, str] = {}
    for phrase in phrases:
        for entity in _WORDS.get(phrase, ()):
            found.setdefault(entity, phrase)
    for token in parts:
        for ending, entity in _ENDINGS.items():
            prefix = token[: -len(ending)]
            if token.endswith(ending) and prefix and prefix not in _THING_WORDS:
                found.setdefault(entity, token)
    vetoes: set[E] = set()
    veto_words: list[str] = []
    for token in parts:
        if token in _VETOES:
            vetoes |= _VETOES[token]
            veto_words.append(token)
    things = _THING_WORDS.intersection(parts + [_stem(p) for p in parts])
    if E.PERSON in found and things:
        vetoes.add(E.PERSON)
        veto_words.extend(sorted(things))
    return HeaderHint(
        frozenset(found),
        frozenset(vetoes),
        tuple(dict.fromkeys(found.values())),
        tuple(dict.fromkeys(veto_words)),
    )


def _stem(token: str) -> str:
    """The prefix of a '-naam' compound ('projectnaam' → 'project'), else the token."""
    for ending in ("namen", "naam"):
        if token.endswith(ending) and len(token) > len(ending):
            return token[: -len(ending)]
    return token
