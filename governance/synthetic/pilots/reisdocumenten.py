"""Pilot 6: ID-card and passport applications at Burgerzaken Rivierstad, from iBurgerzaken.

One row per application. Since March 2014 documents for adults are valid for ten years
instead of five, so from 2024 the renewals come in a wave; the pilot wants to predict it
from the expiry date of the previous document, which is what the columns carry.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker

from governance.domain.vocabulary import ColumnType as T
from governance.synthetic import messy
from governance.synthetic.identifiers import make_bsn
from governance.synthetic.people import birth_window, make_person, postcode
from governance.synthetic.seeding import pick
from governance.synthetic.table import Row, Table

DATASET_ID = "reisdocumenten-aanvragen"

COLUMNS = (
    ("aanvraagnummer", T.STRING),
    ("bsn", T.STRING),
    ("geboortedatum", T.DATE),
    ("postcode", T.STRING),
    ("documentsoort", T.STRING),
    ("aanvraagdatum", T.DATE),
    ("uitreikdatum", T.DATE),
    ("vervaldatum_vorig_document", T.DATE),
    ("geldigheid_jaren", T.INTEGER),
    ("spoed", T.BOOLEAN),
    ("locatie", T.STRING),
    ("leges", T.DECIMAL),
)

NULLABLE = ("uitreikdatum", "vervaldatum_vorig_document")

# Fee per (document, adult) in euros: synthetic figures, not the legal tariffs.
FEES = {
    ("Identiteitskaart", True): Decimal("77.20"),
    ("Identiteitskaart", False): Decimal("43.30"),
    ("Paspoort", True): Decimal("84.70"),
    ("Paspoort", False): Decimal("64.30"),
}
URGENT_FEE = Decimal("57.10")
LOCATIONS = (("Stadhuis", 70), ("Servicepunt Noord", 20), ("Servicepunt Oost", 10))
HISTORY_DAYS = 3 * 365


def make_table(rng: random.Random, fake: Faker, rows: int, reference: date) -> Table:
    days = [reference - timedelta(days=offset) for offset in range(1, HISTORY_DAYS + 1)]
    weights = [_demand(day) for day in days]
    applied = sorted(rng.choices(days, weights=weights, k=rows))
    table_rows = [
        _row(rng, fake, number, day, reference) for number, day in enumerate(applied, start=1)
    ]
    _add_flaws(rng, table_rows)
    return Table(COLUMNS, table_rows)


def _demand(day: date) -> float:
    """Relative number of applications on a day.

    The 2024 wave, the rush before the summer holidays, and none at weekends.
    """
    if day.weekday() >= 5:
        return 0.0
    wave = 2.4 if day >= date(2024, 3, 9) else 1.0
    summer = 1.3 if day.month in (4, 5, 6) else 1.0
    return wave * summer


def _row(rng: random.Random, fake: Faker, number: int, applied: date, reference: date) -> Row:
    adult = rng.random() < 0.8
    born_from, born_to = birth_window(applied, 18, 90) if adult else birth_window(applied, 0, 17)
    person = make_person(fake, rng, born_from=born_from, born_to=born_to)
    kind = "Paspoort" if rng.random() < 0.45 else "Identiteitskaart"
    urgent = rng.random() < 0.04
    issued = applied + timedelta(days=rng.randint(1, 2) if urgent else rng.randint(5, 10))
    first_document = rng.random() < 0.12
    previous_expiry = None if first_document else applied + timedelta(days=rng.randint(-60, 120))
    fee = FEES[(kind, adult)] + (URGENT_FEE if urgent else Decimal("0"))
    return {
        "aanvraagnummer": f"RD-{applied.year}-{number:06d}",
        "bsn": messy.bsn_as_exported(make_bsn(rng, leading_zero=rng.random() < 0.1)),
        "geboortedatum": person.birth_date,
        "postcode": postcode(rng, "Rivierstad"),
        "documentsoort": kind,
        "aanvraagdatum": applied,
        "uitreikdatum": issued if issued <= reference else None,
        "vervaldatum_vorig_document": previous_expiry,
        "geldigheid_jaren": 10 if adult else 5,
        "spoed": urgent,
        "locatie": rng.choices([p for p, _ in LOCATIONS], weights=[w for _, w in LOCATIONS])[0],
        "leges": fee,
    }


def _add_flaws(rng: random.Random, rows: list[Row]) -> None:
    issued = [i for i, row in enumerate(rows) if row["uitreikdatum"] is not None]
    for index in pick(rng, issued, 0.003):
        rows[index]["uitreikdatum"] = rows[index]["aanvraagdatum"] - timedelta(
            days=rng.randint(1, 20)
        )
    for index in pick(rng, len(rows), 0.01):
        rows[index]["bsn"] = messy.bsn_as_exported(rows[index]["bsn"].zfill(9), dotted=True)
    for index in pick(rng, len(rows), 0.05):
        rows[index]["postcode"] = messy.postcode_variant(rng, rows[index]["postcode"])
    for index in pick(rng, messy.rows_with_gaps(rows, NULLABLE), 0.01):
        messy.spell_nulls(rows[index], NULLABLE)
