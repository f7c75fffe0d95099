"""Pilot 1: the Wmo waiting list of Gemeente Rivierstad, as a Suite4Sociaal Domein export.

One row per request for a Wmo 2015 provision; a client may have several requests. The
municipality steers on the days between decision and start of care per provision and
per neighbourhood team, which is what the columns allow.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from faker import Faker

from governance.domain.vocabulary import ColumnType as T
from governance.synthetic import messy
from governance.synthetic.identifiers import make_bsn, make_non_bsn
from governance.synthetic.people import (
    RIVIERSTAD_DISTRICTS,
    Person,
    birth_window,
    make_person,
    postcode,
)
from governance.synthetic.pilots.waiting_list import (
    Timeline,
    add_date_errors,
    make_timeline,
)
from governance.synthetic.seeding import pick
from governance.synthetic.table import Row, Table

DATASET_ID = "wmo-wachtlijst"

COLUMNS = (
    ("Aanvraagnummer", T.STRING),
    ("Clientnummer", T.STRING),
    ("Client_BSN", T.STRING),
    ("Clientnaam", T.STRING),
    ("Geboortedatum", T.DATE),
    ("Postcode", T.STRING),
    ("Wijkteam", T.STRING),
    ("Voorziening", T.STRING),
    ("Aanbieder", T.STRING),
    ("Aanvraagdatum", T.DATE),
    ("Besluitdatum", T.DATE),
    ("Startdatum_zorg", T.DATE),
    ("Wachtdagen", T.INTEGER),
    ("Status", T.STRING),
    ("Uren_per_week", T.DECIMAL),
    ("Urgent", T.BOOLEAN),
    ("Opmerking", T.STRING),
)

NULLABLE = ("Aanbieder", "Besluitdatum", "Startdatum_zorg", "Wachtdagen", "Uren_per_week")


@dataclass(frozen=True)
class Service:
    name: str
    weight: int
    mean_wait: float
    hours: tuple[str, ...]
    providers: tuple[str, ...]


SERVICES = (
    Service(
        "Huishoudelijke ondersteuning",
        34,
        24,
        ("1.5", "2", "2.5", "3", "3.5", "4"),
        ("Thuiszorg De Waard", "Zorgcoöperatie Rivierland", "Schoon Thuis Rivierstad"),
    ),
    Service(
        "Begeleiding individueel",
        20,
        45,
        ("1", "2", "3", "4", "6"),
        ("Begeleiding Samen Verder", "Stichting Welzijn Rivierstad", "De Brug Ambulant"),
    ),
    Service(
        "Dagbesteding",
        14,
        60,
        ("4", "8", "12", "16"),
        ("Dagbesteding Het Veerhuis", "Zorgboerderij De Uiterwaard"),
    ),
    Service("Woningaanpassing", 8, 90, (), ("Bouwbedrijf Rivierland", "Aanpassing Op Maat")),
    Service("Rolstoelvoorziening", 7, 30, (), ("Hulpmiddelencentrum Oost",)),
    Service("Vervoersvoorziening", 9, 14, (), ("Regiotaxi Rivierland",)),
    Service("Kortdurend verblijf", 3, 35, (), ("Woonzorg De Uiterwaard",)),
    Service("Beschermd wonen", 5, 120, (), ("Stichting Beschermd Wonen Rivierland",)),
)

REMARKS = (
    "Herindicatie",
    "Overbruggingszorg ingezet",
    "Cliënt wil liever ochtendzorg",
    "Wacht op offerte aanbieder",
    "Aanvraag na ziekenhuisopname",
    "Keukentafelgesprek gepland",
    "Mantelzorger overbelast",
    "Cliënt heeft bezwaar gemaakt",
)
CONTACT_PHONE = (
    "Bereikbaar via dochter, tel. {v}",
    "Contactpersoon buurvrouw: {v}",
    "Terugbellen op {v} na 14:00",
)
CONTACT_MAIL = ("Mantelzorger wil updates via {v}", "Stukken mailen naar {v}")


@dataclass(frozen=True)
class Client:
    person: Person
    bsn: str
    number: str
    postcode: str


def make_table(rng: random.Random, fake: Faker, rows: int, reference: date) -> Table:
    unique = rows
    clients = [_client(rng, fake, reference) for _ in range(max(1, unique * 4 // 5))]
    requests = []
    for _ in range(unique):
        service = rng.choices(SERVICES, weights=[s.weight for s in SERVICES])[0]
        timeline = make_timeline(
            rng, reference, decision_days=(14, 70), mean_wait=service.mean_wait
        )
        requests.append((timeline, service, rng.choice(clients)))
    requests.sort(key=lambda request: request[0].requested)

    timelines = [timeline for timeline, _, _ in requests]
    add_date_errors(rng, timelines)
    table_rows = [
        _row(rng, index + 1, timelines[index], service, client)
        for index, (_, service, client) in enumerate(requests)
    ]
    _add_cell_flaws(rng, table_rows, clients)
    return Table(COLUMNS, table_rows)


def _client(rng: random.Random, fake: Faker, reference: date) -> Client:
    # Most Wmo clients are older residents; a third is of working age.
    young, old = (18, 64) if rng.random() < 0.3 else (65, 99)
    born_from, born_to = birth_window(reference, young, old)
    return Client(
        person=make_person(fake, rng, born_from=born_from, born_to=born_to),
        bsn=make_bsn(rng, leading_zero=rng.random() < 0.1),
        number=make_non_bsn(rng),
        postcode=postcode(rng, "Rivierstad"),
    )


def _row(
    rng: random.Random, number: int, timeline: Timeline, service: Service, client: Client
) -> Row:
    decided = timeline.decided is not None
    return {
        "Aanvraagnummer": f"WMO-{timeline.requested.year}-{number:06d}",
        "Clientnummer": client.number,
        "Client_BSN": messy.bsn_as_exported(client.bsn),
        "Clientnaam": client.person.formal_name,
        "Geboortedatum": client.person.birth_date,
        "Postcode": client.postcode,
        "Wijkteam": f"Wijkteam {RIVIERSTAD_DISTRICTS[client.postcode[:4]]}",
        "Voorziening": service.name,
        "Aanbieder": rng.choice(service.providers) if decided else None,
        "Aanvraagdatum": timeline.requested,
        "Besluitdatum": timeline.decided,
        "Startdatum_zorg": timeline.started,
        "Wachtdagen": timeline.waiting_days,
        "Status": timeline.status,
        "Uren_per_week": Decimal(rng.choice(service.hours)) if service.hours else None,
        "Urgent": rng.random() < 0.05,
        "Opmerking": rng.choice(REMARKS) if rng.random() < 0.12 else "",
    }


def _add_cell_flaws(rng: random.Random, rows: list[Row], clients: list[Client]) -> None:
    for index in pick(rng, len(rows), 0.02):
        bsn = rows[index]["Client_BSN"].zfill(9)
        rows[index]["Client_BSN"] = messy.bsn_as_exported(bsn, dotted=True)
    for index in pick(rng, len(rows), 0.08):
        rows[index]["Postcode"] = messy.postcode_variant(rng, rows[index]["Postcode"])
    for index in pick(rng, len(rows), 0.03):
        rows[index]["Clientnaam"] = messy.padded(rng, rows[index]["Clientnaam"])
    for index in pick(rng, messy.rows_with_gaps(rows, NULLABLE), 0.015):
        messy.spell_nulls(rows[index], NULLABLE)
    for index in pick(rng, len(rows), 0.02):
        contact = rng.choice(clients).person
        rows[index]["Opmerking"] = messy.remark_with_contact(
            rng,
            contact.first_name,
            contact.last_name,
            phone_remarks=CONTACT_PHONE,
            mail_remarks=CONTACT_MAIL,
        )
