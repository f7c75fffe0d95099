"""Pilot 3: public-space reports (meldingen openbare ruimte) of Gemeente Dijkhoven, from Fixi.

One row per report: what, where, when it was handled, and who reported it. The reporter
may stay anonymous; a named reporter leaves an e-mail address or phone number for the
feedback, and some type one into the description as well.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from faker import Faker

from governance.domain.vocabulary import ColumnType as T
from governance.synthetic import messy
from governance.synthetic.people import email_address, phone_number, postcode, street_address
from governance.synthetic.seeding import pick
from governance.synthetic.table import Row, Table

DATASET_ID = "fixi-meldingen"

COLUMNS = (
    ("melding_id", T.INTEGER),
    ("aangemaakt_op", T.DATETIME),
    ("afgehandeld_op", T.DATETIME),
    ("kanaal", T.STRING),
    ("categorie", T.STRING),
    ("subcategorie", T.STRING),
    ("omschrijving", T.STRING),
    ("adres", T.STRING),
    ("postcode", T.STRING),
    ("wijk", T.STRING),
    ("latitude", T.DECIMAL),
    ("longitude", T.DECIMAL),
    ("status", T.STRING),
    ("melder_naam", T.STRING),
    ("melder_email", T.STRING),
    ("melder_telefoon", T.STRING),
    ("terugmelding_gewenst", T.BOOLEAN),
)

NULLABLE = ("afgehandeld_op", "melder_naam", "melder_email", "melder_telefoon")

CATEGORIES = {
    "Afval": ("Zwerfafval", "Volle container", "Illegale dumping", "Kapotte container"),
    "Openbare verlichting": ("Lamp defect", "Lantaarnpaal beschadigd"),
    "Wegen, straten en pleinen": ("Losliggende tegel", "Gat in de weg", "Verzakking"),
    "Groen": ("Overhangend groen", "Onkruid", "Boom beschadigd", "Gras maaien"),
    "Riolering": ("Verstopte put", "Wateroverlast"),
    "Verkeer": ("Verkeersbord beschadigd", "Fietswrak"),
    "Overlast": ("Hondenpoep", "Graffiti"),
}
CATEGORY_WEIGHTS = (28, 14, 20, 16, 8, 8, 6)

CHANNELS = (("App", 45), ("Website", 35), ("Telefoon", 15), ("Balie", 5))

# District of Dijkhoven by postcode, with the centre of the district (latitude, longitude).
DISTRICTS = {
    "6661": ("Dijkhoven-Centrum", 51.9012, 5.6234),
    "6662": ("De Waarden", 51.9105, 5.6051),
    "6663": ("Oeverwijk", 51.8921, 5.6420),
}

DESCRIPTIONS = (
    "{sub} ter hoogte van {address}",
    "{sub}. Graag snel oplossen.",
    "Al weken {lower} bij {address}",
    "{sub}, gevaarlijk voor fietsers",
    "{sub} naast de speeltuin",
    "{sub}",
    "Opnieuw gemeld: {lower}",
)

OPEN_STATUSES = (("In behandeling", 70), ("Doorgezet naar aannemer", 30))


def make_table(rng: random.Random, fake: Faker, rows: int, reference: date) -> Table:
    created = sorted(_created_at(rng, reference) for _ in range(rows))
    table_rows = [_row(rng, fake, 2_400_001 + i, at, reference) for i, at in enumerate(created)]
    _add_flaws(rng, fake, table_rows)
    return Table(COLUMNS, table_rows)


def _created_at(rng: random.Random, reference: date) -> datetime:
    day = reference - timedelta(days=rng.randint(1, 540))
    hour = rng.choices(range(6, 24), weights=(1, 3, 6, 8, 8, 7, 7, 8, 8, 7, 6, 5, 5, 6, 6, 4, 3, 2))
    return datetime.combine(day, time(hour[0], rng.randint(0, 59), rng.randint(0, 59)))


def _row(rng: random.Random, fake: Faker, number: int, created: datetime, reference: date) -> Row:
    category = rng.choices(list(CATEGORIES), weights=CATEGORY_WEIGHTS)[0]
    subcategory = rng.choice(CATEGORIES[category])
    channel = rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]
    code = postcode(rng, "Dijkhoven")
    district, latitude, longitude = DISTRICTS[code[:4]]
    address = street_address(fake, rng)
    handled = created + timedelta(hours=rng.expovariate(1 / 120))
    handled_at = handled.replace(microsecond=0) if handled.date() < reference else None
    row: Row = {
        "melding_id": number,
        "aangemaakt_op": created,
        "afgehandeld_op": handled_at,
        "kanaal": channel,
        "categorie": category,
        "subcategorie": subcategory,
        "omschrijving": rng.choice(DESCRIPTIONS).format(
            sub=subcategory, lower=subcategory.lower(), address=address
        ),
        "adres": address,
        "postcode": code,
        "wijk": district,
        "latitude": _coordinate(rng, latitude),
        "longitude": _coordinate(rng, longitude),
        "status": _status(rng, created, handled_at, reference),
    }
    row.update(_reporter(rng, fake, channel))
    return row


def _coordinate(rng: random.Random, centre: float) -> Decimal:
    return Decimal(f"{centre + rng.uniform(-0.012, 0.012):.6f}")


def _status(
    rng: random.Random, created: datetime, handled: datetime | None, reference: date
) -> str:
    if handled is not None:
        return "Afgehandeld"
    if (reference - created.date()).days <= 2:
        return "Nieuw"
    return rng.choices([s for s, _ in OPEN_STATUSES], weights=[w for _, w in OPEN_STATUSES])[0]


def _reporter(rng: random.Random, fake: Faker, channel: str) -> Row:
    """Name and contact of the reporter; a fifth of the reports is anonymous."""
    if rng.random() < 0.2:
        return {
            "melder_naam": None,
            "melder_email": None,
            "melder_telefoon": None,
            "terugmelding_gewenst": False,
        }
    first, last = fake.first_name(), fake.last_name()
    online = channel in ("App", "Website")
    wants_mail = rng.random() < (0.95 if online else 0.4)
    wants_phone = channel == "Telefoon" or rng.random() < 0.45
    return {
        "melder_naam": f"{first} {last}",
        "melder_email": email_address(rng, first, last) if wants_mail else None,
        "melder_telefoon": phone_number(rng) if wants_phone else None,
        "terugmelding_gewenst": rng.random() < 0.7,
    }


def _add_flaws(rng: random.Random, fake: Faker, rows: list[Row]) -> None:
    handled = [i for i, row in enumerate(rows) if row["afgehandeld_op"] is not None]
    for index in pick(rng, handled, 0.003):
        row = rows[index]
        row["afgehandeld_op"] = row["aangemaakt_op"] - timedelta(hours=rng.randint(2, 96))
    for index in pick(rng, len(rows), 0.1):
        rows[index]["postcode"] = messy.postcode_variant(rng, rows[index]["postcode"])
    named = [i for i, row in enumerate(rows) if row["melder_naam"]]
    for index in pick(rng, named, 0.03):
        rows[index]["melder_naam"] = messy.padded(rng, rows[index]["melder_naam"])
    for index in pick(rng, messy.rows_with_gaps(rows, NULLABLE), 0.01):
        messy.spell_nulls(rows[index], NULLABLE)
    for index in pick(rng, len(rows), 0.03):
        remark = messy.remark_with_contact(rng, fake.first_name(), fake.last_name())
        rows[index]["omschrijving"] = f"{rows[index]['omschrijving']}. {remark}"
