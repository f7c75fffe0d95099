"""Pilot 2: the Jeugd waiting list of Gemeente Rivierstad, as a Suite4Sociaal Domein export.

One row per referral of a child (Jeugdwet): who referred, which form of youth care, and
when it was allocated to a provider and started. Children are vulnerable data subjects
and the care form is health data, which is why this pilot carries the strictest terms.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from faker import Faker

from governance.domain.vocabulary import ColumnType as T
from governance.synthetic import messy
from governance.synthetic.identifiers import make_bsn
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

DATASET_ID = "jeugd-wachtlijst"

COLUMNS = (
    ("Dossiernummer", T.STRING),
    ("BSN_jeugdige", T.STRING),
    ("Naam_jeugdige", T.STRING),
    ("Geboortedatum", T.DATE),
    ("Leeftijd", T.INTEGER),
    ("Postcode", T.STRING),
    ("Jeugdteam", T.STRING),
    ("Verwijzer", T.STRING),
    ("Zorgvorm", T.STRING),
    ("Aanbieder", T.STRING),
    ("Aanmelddatum", T.DATE),
    ("Toewijzingsdatum", T.DATE),
    ("Startdatum_hulp", T.DATE),
    ("Wachtdagen", T.INTEGER),
    ("Status", T.STRING),
    ("Spoed", T.BOOLEAN),
    ("Budget_toegekend", T.DECIMAL),
    ("Opmerking", T.STRING),
)

NULLABLE = ("Aanbieder", "Toewijzingsdatum", "Startdatum_hulp", "Wachtdagen", "Budget_toegekend")


@dataclass(frozen=True)
class CareForm:
    name: str
    weight: int
    mean_wait: float
    budget: tuple[int, int]
    providers: tuple[str, ...]


CARE_FORMS = (
    CareForm(
        "Ambulante jeugdhulp",
        30,
        35,
        (2_000, 9_000),
        ("Jeugdhulp Rivierland", "Praktijk De Kleine Stap"),
    ),
    CareForm("Jeugd-GGZ", 25, 75, (3_000, 15_000), ("GGZ Jeugd Oost", "Kinderpraktijk Het Kompas")),
    CareForm("Dyslexiezorg", 10, 40, (3_500, 5_500), ("Leerpunt Dyslexie",)),
    CareForm(
        "Jeugdhulp bij licht verstandelijke beperking",
        12,
        55,
        (5_000, 25_000),
        ("Zorggroep De Linde Jeugd",),
    ),
    CareForm("Dagbehandeling", 10, 80, (10_000, 30_000), ("Dagbehandeling De Bongerd",)),
    CareForm("Pleegzorg", 5, 60, (8_000, 20_000), ("Pleegzorg Rivierland",)),
    CareForm(
        "Jeugdhulp met verblijf", 8, 95, (40_000, 120_000), ("Stichting Jeugdzorg Rivierland",)
    ),
)

REFERRERS = (
    ("Huisarts", 40),
    ("Gemeentelijk jeugdteam", 35),
    ("Medisch specialist", 10),
    ("Jeugdarts", 8),
    ("Gecertificeerde instelling", 7),
)

REMARKS = (
    "Wachtlijstbemiddeling gestart",
    "Overbruggingshulp via jeugdteam",
    "School is betrokken",
    "Ouders gescheiden, beide ouders informeren",
    "Second opinion aangevraagd",
    "Intake gepland",
)
CONTACT_PHONE = ("Moeder bereikbaar op {v}", "Vader: {v}", "Terugbellen ouder op {v}")
CONTACT_MAIL = ("Ouders willen contact via {v}", "Verslag sturen naar {v}")


@dataclass(frozen=True)
class Child:
    person: Person
    bsn: str
    postcode: str


def make_table(rng: random.Random, fake: Faker, rows: int, reference: date) -> Table:
    unique = rows
    children = [_child(rng, fake, reference) for _ in range(max(1, unique * 9 // 10))]
    referrals = []
    for _ in range(unique):
        form = rng.choices(CARE_FORMS, weights=[f.weight for f in CARE_FORMS])[0]
        timeline = make_timeline(rng, reference, decision_days=(7, 56), mean_wait=form.mean_wait)
        referrals.append((timeline, form, rng.choice(children)))
    referrals.sort(key=lambda referral: referral[0].requested)

    timelines = [timeline for timeline, _, _ in referrals]
    add_date_errors(rng, timelines)
    table_rows = [
        _row(rng, index + 1, timelines[index], form, child, reference)
        for index, (_, form, child) in enumerate(referrals)
    ]
    _add_cell_flaws(rng, fake, table_rows, children)
    return Table(COLUMNS, table_rows)


def _child(rng: random.Random, fake: Faker, reference: date) -> Child:
    # Youth care runs to 18; a few young adults stay in care up to 23 (verlengde jeugdhulp).
    youngest, oldest = (18, 22) if rng.random() < 0.04 else (0, 17)
    born_from, born_to = birth_window(reference, youngest, oldest)
    return Child(
        person=make_person(fake, rng, born_from=born_from, born_to=born_to),
        bsn=make_bsn(rng, leading_zero=rng.random() < 0.1),
        postcode=postcode(rng, "Rivierstad"),
    )


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _row(
    rng: random.Random,
    number: int,
    timeline: Timeline,
    form: CareForm,
    child: Child,
    reference: date,
) -> Row:
    allocated = timeline.decided is not None
    budget = Decimal(rng.randrange(*form.budget, 50)).quantize(Decimal("0.01"))
    referrer = rng.choices([r for r, _ in REFERRERS], weights=[w for _, w in REFERRERS])[0]
    return {
        "Dossiernummer": f"JGD-{timeline.requested.year}-{number:05d}",
        "BSN_jeugdige": messy.bsn_as_exported(child.bsn),
        "Naam_jeugdige": child.person.full_name,
        "Geboortedatum": child.person.birth_date,
        "Leeftijd": _age(child.person.birth_date, reference),
        "Postcode": child.postcode,
        "Jeugdteam": f"Jeugdteam {RIVIERSTAD_DISTRICTS[child.postcode[:4]]}",
        "Verwijzer": referrer,
        "Zorgvorm": form.name,
        "Aanbieder": rng.choice(form.providers) if allocated else None,
        "Aanmelddatum": timeline.requested,
        "Toewijzingsdatum": timeline.decided,
        "Startdatum_hulp": timeline.started,
        "Wachtdagen": timeline.waiting_days,
        "Status": timeline.status,
        "Spoed": rng.random() < 0.07,
        "Budget_toegekend": budget if allocated else None,
        "Opmerking": rng.choice(REMARKS) if rng.random() < 0.1 else "",
    }


def _add_cell_flaws(
    rng: random.Random, fake: Faker, rows: list[Row], children: list[Child]
) -> None:
    for index in pick(rng, len(rows), 0.02):
        bsn = rows[index]["BSN_jeugdige"].zfill(9)
        rows[index]["BSN_jeugdige"] = messy.bsn_as_exported(bsn, dotted=True)
    for index in pick(rng, len(rows), 0.08):
        rows[index]["Postcode"] = messy.postcode_variant(rng, rows[index]["Postcode"])
    for index in pick(rng, len(rows), 0.03):
        rows[index]["Naam_jeugdige"] = messy.padded(rng, rows[index]["Naam_jeugdige"])
    for index in pick(rng, messy.rows_with_gaps(rows, NULLABLE), 0.015):
        messy.spell_nulls(rows[index], NULLABLE)
    for index in pick(rng, len(rows), 0.02):
        parent_last = rng.choice(children).person.last_name
        rows[index]["Opmerking"] = messy.remark_with_contact(
            rng,
            fake.first_name(),
            parent_last,
            phone_remarks=CONTACT_PHONE,
            mail_remarks=CONTACT_MAIL,
        )
