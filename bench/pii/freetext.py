"""Free-text columns (remarks, descriptions): clean Dutch text with a few cells of PII.

A remarks column is the hard case for a column-level scanner: 95–98% of cells are clean
and full of near misses (street names, dates, amounts, reference numbers, the cue word
"melder" without a name), and only a few cells carry a phone number, an e-mail address,
a name after a cue word, a BSN. The column's label is exactly the set of entities that
were embedded, recorded as they are written, so the truth never depends on a template
that happened not to fire.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.pii import identifiers
from bench.pii.people import ORG_WORDS, People
from bench.pii.vocabulary import BSN, EMAIL_ADDRESS, IBAN, PERSON, PHONE_NUMBER

CLEAN = {
    "fixi": (
        "Lantaarnpaal defect aan de {street}.",
        "Losliggende stoeptegels bij de ingang van het park aan de {street}.",
        "Afval naast de container op de hoek van de {street} en de {street}.",
        "Boomwortels drukken de tegels omhoog, gevaarlijk voor fietsers.",
        "Zwerfvuil langs de {street}, al {count} dagen niet opgeruimd.",
        "Melder heeft foto's meegestuurd van de schade.",
        "Kapotte bank in speeltuin {street}, melding {ref}.",
        "Wateroverlast na regenbui van {date}, put verstopt.",
        "Graffiti op de geluidswal langs de {street}.",
        "Verkeersbord omgereden ter hoogte van de rotonde.",
        "Hondenpoep op het grasveld, verzoek om extra afvalbak.",
        "Gat in het wegdek van ongeveer {count} cm diep.",
        "Mevrouw wil graag een terugkoppeling als het is opgelost.",
        "Dubbele melding, zie {ref}.",
        "Overhangende takken belemmeren het zicht op de {street}.",
        "Straatverlichting brandt overdag sinds {date}.",
    ),
    "wmo": (
        "Herindicatie aangevraagd, wacht op keukentafelgesprek.",
        "Huishoudelijke ondersteuning {count} uur per week.",
        "Eigen bijdrage vastgesteld op {amount} per maand.",
        "Doorverwezen naar Stichting {org} voor dagbesteding.",
        "Client geeft aan dat de situatie stabiel is.",
        "Wachttijd langer dan {count} weken, voorrang besproken in overleg van {date}.",
        "Woningaanpassing: traplift, offerte ontvangen.",
        "Mantelzorger overbelast, respijtzorg ingezet.",
        "Beschikking verzonden op {date}.",
        "Geen bijzonderheden.",
        "Rolstoel geleverd, evaluatie over {count} maanden.",
        "Dossier overgedragen aan team Noord.",
    ),
    "klantcontact": (
        "Vraag over afvalpas beantwoord.",
        "Doorverbonden met team Vergunningen.",
        "Uitleg gegeven over aanvraag parkeervergunning, referentie {ref}.",
        "Terugbelverzoek aangemaakt voor team Burgerzaken.",
        "Klacht over afhandeling van melding {ref}.",
        "Informatie gegeven over openingstijden op {date}.",
        "Vraag over aanslag gemeentelijke belastingen van {amount}.",
        "Afspraak paspoort verzet naar {date} om {time}.",
        "Beller verwijst naar brief van {date}.",
        "Geen actie nodig.",
        "Storing in het digitale loket gemeld.",
    ),
    "vth": (
        "Plaatsen van een dakkapel aan de achterzijde.",
        "Kappen van {count} bomen in de achtertuin.",
        "Vergroten van de woning met een aanbouw van {count} m2.",
        "Wijzigen van de gevel aan de {street}.",
        "Realiseren van een uitweg naar de {street}.",
        "Verbouwen van winkelpand tot {count} appartementen.",
        "Plaatsen van zonnepanelen op monumentaal pand.",
        "Slopen van schuur en bouwen van bijgebouw.",
        "Tijdelijke ontheffing voor evenement op {date}.",
        "Legeskosten {amount} volgens tarieventabel.",
    ),
    "inhuur": (
        "Verlenging opdracht tot {date}.",
        "Tarief conform raamovereenkomst.",
        "Inzet voor project Omgevingswet.",
        "Vervanging wegens zwangerschapsverlof.",
        "Factuur gecorrigeerd, creditnota van {amount}.",
        "Uren goedgekeurd door teamleider.",
        "Opdracht beëindigd per {date}.",
        "Meerwerk {count} uur akkoord.",
    ),
}

EMBED = {
    PHONE_NUMBER: (
        "Melder wil teruggebeld worden op {phone}.",
        "Bereikbaar op {phone} na 17:00.",
        "Terugbellen: {phone}",
    ),
    EMAIL_ADDRESS: (
        "Terugkoppeling graag per mail naar {email}.",
        "Reactie sturen naar {email}",
        "Mail van {email} ontvangen.",
    ),
    PERSON: (
        "Melder mevrouw {surname} belde opnieuw.",
        "dhr. {full} meldt dat het nog niet is opgelost.",
        "Gesproken met melder {full}.",
        "Mevrouw {initials_name} is niet bereikbaar.",
        "Naam melder: {full}",
    ),
    BSN: (
        "BSN {bsn} nagevraagd in de BRP.",
        "Client (bsn {bsn}) heeft bezwaar ingediend.",
        "Dubbele registratie, burgerservicenummer {dotted_bsn}.",
    ),
    IBAN: (
        "Terugbetaling naar rekening {iban}.",
        "Machtiging ingetrokken voor {iban_spaced}.",
    ),
}


@dataclass(frozen=True)
class FreeText:
    """A free-text column's cells, the entities actually embedded, and in how many cells."""

    values: list[str | None]
    entities: tuple[str, ...]
    embedded_cells: int = 0


def fill_template(template: str, rng: random.Random, people: People) -> str:
    """Fill every slot of a template; unused slots cost nothing."""
    day = f"{rng.randrange(1, 29):02d}-{rng.randrange(1, 13):02d}-{rng.choice((2023, 2024, 2025))}"
    number = identifiers.bsn(rng)
    iban = identifiers.iban_nl(rng)
    slots = {
        "street": people.street(),
        "count": str(rng.randrange(2, 40)),
        "date": day,
        "time": f"{rng.randrange(8, 17)}:{rng.choice(('00', '15', '30', '45'))}",
        "amount": f"€ {rng.randrange(5, 900)},{rng.randrange(100):02d}",
        "ref": f"M-{rng.choice((2023, 2024, 2025))}-{rng.randrange(10000, 99999)}",
        "org": rng.choice(ORG_WORDS),
        "phone": identifiers.phone_number(rng, rng.choice(identifiers.PHONE_STYLES)),
        "email": people.email(),
        "surname": people.surname(),
        "full": people.full_name(),
        "initials_name": people.initials_name(),
        "bsn": number,
        "dotted_bsn": identifiers.dotted_bsn(number),
        "iban": iban,
        "iban_spaced": identifiers.spaced(iban),
    }
    text = template
    for key, value in slots.items():
        while "{" + key + "}" in text:
            text = text.replace("{" + key + "}", value, 1)
            if key in ("street", "count"):
                value = people.street() if key == "street" else str(rng.randrange(2, 40))
    return text


def free_text(
    rng: random.Random,
    people: People,
    rows: int,
    topic: str,
    embed: tuple[str, ...],
    rate: float,
    empty: float = 0.3,
) -> FreeText:
    """`rows` remarks on `topic`; a share `rate` of cells embeds one entity from `embed`.

    Embedded cells are spread round-robin over the entities so each appears several
    times; `empty` is the share of cells left blank, as remarks usually are.
    """
    values: list[str | None] = [
        None if rng.random() < empty else fill_template(rng.choice(CLEAN[topic]), rng, people)
        for _ in range(rows)
    ]
    count = max(len(embed) * 4, round(rows * rate)) if embed else 0
    positions = rng.sample(range(rows), count)
    seen: list[str] = []
    for index, position in enumerate(positions):
        entity = embed[index % len(embed)]
        sentence = fill_template(rng.choice(EMBED[entity]), rng, people)
        clean = values[position]
        values[position] = f"{clean} {sentence}" if clean and rng.random() < 0.5 else sentence
        if entity not in seen:
            seen.append(entity)
    return FreeText(values, tuple(seen), len(positions))
