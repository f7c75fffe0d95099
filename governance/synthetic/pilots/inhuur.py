"""Pilot 4: hired staff (inhuur) of Gemeente Rivierstad, an Excel list kept by Inkoop.

One row per hiring assignment: who was hired through which supplier, for which team,
for how long and at what rate. A self-employed worker (zzp) is his own supplier, so the
supplier name and bank account then identify a person: that is why the IBAN is PII here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker

from governance.domain.vocabulary import ColumnType as T
from governance.synthetic import messy
from governance.synthetic.identifiers import make_iban, spaced_iban
from governance.synthetic.seeding import pick
from governance.synthetic.table import Row, Table

DATASET_ID = "inhuur-personeel"

COLUMNS = (
    ("Inhuurnummer", T.STRING),
    ("Naam_ingehuurde", T.STRING),
    ("Leverancier", T.STRING),
    ("KvK_nummer", T.STRING),
    ("Contractvorm", T.STRING),
    ("Functie", T.STRING),
    ("Afdeling", T.STRING),
    ("Kostenplaats", T.STRING),
    ("Reden_inhuur", T.STRING),
    ("Startdatum", T.DATE),
    ("Einddatum", T.DATE),
    ("Uurtarief", T.DECIMAL),
    ("Uren_per_week", T.DECIMAL),
    ("Gefactureerde_uren", T.DECIMAL),
    ("Totale_kosten", T.DECIMAL),
    ("IBAN_leverancier", T.STRING),
    ("Inkoopordernummer", T.STRING),
    ("Akkoord_budgethouder", T.BOOLEAN),
    ("Opmerking", T.STRING),
)

# Function and its usual hourly rate range in euros (synthetic, not market figures).
FUNCTIONS = (
    ("Beleidsmedewerker Sociaal Domein", 75, 105),
    ("Casemanager Wmo", 65, 90),
    ("Consulent Jeugd", 65, 90),
    ("Projectleider", 95, 135),
    ("Interim-manager", 120, 165),
    ("Informatieanalist", 85, 120),
    ("Data-engineer", 90, 130),
    ("Vergunningverlener", 70, 95),
    ("Toezichthouder", 65, 90),
    ("Jurist", 85, 120),
    ("Medewerker Burgerzaken", 45, 65),
    ("Financieel adviseur", 80, 115),
    ("Adviseur Inkoop", 80, 115),
    ("Communicatieadviseur", 75, 105),
)

DEPARTMENTS = (
    ("Sociaal Domein", "6100"),
    ("Ruimte", "6200"),
    ("Burgerzaken", "6300"),
    ("Bedrijfsvoering", "6400"),
    ("Informatievoorziening", "6500"),
    ("Vergunningen, Toezicht en Handhaving", "6600"),
)

FORMS = (("Detachering", 45), ("Zzp", 30), ("Uitzendkracht", 15), ("Payroll", 10))
REASONS = ("Vacature", "Ziektevervanging", "Piekbelasting", "Specialistische kennis", "Project")
AGENCY_KINDS = ("Interim", "Detachering", "Consultancy", "Publieke Professionals", "Flex")
REMARKS = ("Verlenging aangevraagd", "Tarief geïndexeerd", "Overgang naar vast dienstverband")


@dataclass(frozen=True)
class Supplier:
    name: str
    chamber_number: str
    iban: str


def make_table(rng: random.Random, fake: Faker, rows: int, reference: date) -> Table:
    agencies = [_agency(rng, fake) for _ in range(18)]
    starts = sorted(
        date(2022, 1, 3) + timedelta(days=rng.randint(0, (reference - date(2022, 1, 3)).days))
        for _ in range(rows)
    )
    table_rows = [
        _row(rng, fake, number, start, agencies, reference)
        for number, start in enumerate(starts, start=1)
    ]
    _add_flaws(rng, fake, table_rows)
    return Table(COLUMNS, table_rows)


def _agency(rng: random.Random, fake: Faker) -> Supplier:
    name = f"{fake.last_name().split()[-1]} {rng.choice(AGENCY_KINDS)} B.V."
    return Supplier(name, _chamber_number(rng), make_iban(rng))


def _chamber_number(rng: random.Random) -> str:
    """A KvK number: eight digits, no check digit (an organisation's, not a person's)."""
    return str(rng.randint(10_000_000, 99_999_999))


def _row(
    rng: random.Random,
    fake: Faker,
    number: int,
    start: date,
    agencies: list[Supplier],
    reference: date,
) -> Row:
    first, last = fake.first_name(), fake.last_name()
    form = rng.choices([f for f, _ in FORMS], weights=[w for _, w in FORMS])[0]
    if form == "Zzp":
        supplier = Supplier(
            f"{last.split()[-1]} Advies ({first[0]}. {last})", _chamber_number(rng), make_iban(rng)
        )
    else:
        supplier = rng.choice(agencies)
    function, low, high = rng.choice(FUNCTIONS)
    department, cost_centre = rng.choice(DEPARTMENTS)
    end = start + timedelta(weeks=rng.choice((8, 13, 13, 26, 26, 39, 52)))
    rate = Decimal(rng.randint(low * 4, high * 4)) / 4
    hours = Decimal(rng.choice((16, 24, 28, 32, 32, 36, 36, 36, 40)))
    weeks_worked = max(0, (min(end, reference) - start).days) / 7
    billed = (hours * Decimal(weeks_worked * rng.uniform(0.85, 1.0))).quantize(Decimal("0.25"))
    return {
        "Inhuurnummer": f"INH-{start.year}-{number:04d}",
        "Naam_ingehuurde": f"{first} {last}",
        "Leverancier": supplier.name,
        "KvK_nummer": supplier.chamber_number,
        "Contractvorm": form,
        "Functie": function,
        "Afdeling": department,
        "Kostenplaats": f"{cost_centre}-{department}",
        "Reden_inhuur": rng.choice(REASONS),
        "Startdatum": start,
        "Einddatum": end,
        "Uurtarief": rate.quantize(Decimal("0.01")),
        "Uren_per_week": hours,
        "Gefactureerde_uren": billed,
        "Totale_kosten": (billed * rate).quantize(Decimal("0.01")),
        "IBAN_leverancier": spaced_iban(supplier.iban) if rng.random() < 0.4 else supplier.iban,
        "Inkoopordernummer": f"4500{rng.randint(100_000, 999_999)}",
        "Akkoord_budgethouder": rng.random() < 0.96,
        "Opmerking": rng.choice(REMARKS) if rng.random() < 0.08 else None,
    }


def _add_flaws(rng: random.Random, fake: Faker, rows: list[Row]) -> None:
    for index in pick(rng, len(rows), 0.005):
        rows[index]["Einddatum"] = rows[index]["Startdatum"] - timedelta(days=rng.randint(1, 60))
    for index in pick(rng, len(rows), 0.01):
        rows[index]["Gefactureerde_uren"] = messy.NULL
        rows[index]["Totale_kosten"] = None
    for index in pick(rng, len(rows), 0.03):
        rows[index]["Naam_ingehuurde"] = messy.padded(rng, rows[index]["Naam_ingehuurde"])
    for index in pick(rng, len(rows), 0.02):
        rows[index]["IBAN_leverancier"] = rows[index]["IBAN_leverancier"].lower()
    for index in pick(rng, len(rows), 0.02):
        rows[index]["Opmerking"] = messy.remark_with_contact(
            rng, fake.first_name(), fake.last_name()
        )
