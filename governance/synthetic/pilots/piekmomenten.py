"""Pilot 7: when passports and ID cards expire, per month and service point — open data.

The aggregate that Burgerzaken Rivierstad publishes from its applications (pilot 6): one
row per month, location and document type with the number of documents that expire then,
so residents can see when the counters will be busy. It holds no personal data; counts
below 10 are shown as 10, so a small number cannot point at a few residents.

The grid starts at the reference month and runs forward: each month has one row per
location and document type. `rows` beyond the default continues into later months, so a
larger file never repeats a (month, location, type) key.
"""

from __future__ import annotations

import random
from datetime import date
from itertools import product

from faker import Faker

from governance.domain.vocabulary import ColumnType as T
from governance.synthetic.table import Row, Table

DATASET_ID = "reisdocumenten-piekmomenten"

COLUMNS = (
    ("maand", T.STRING),
    ("locatie", T.STRING),
    ("documentsoort", T.STRING),
    ("aantal_verlopend", T.INTEGER),
)

LOCATIONS = (("Stadhuis", 0.70), ("Servicepunt Noord", 0.20), ("Servicepunt Oost", 0.10))
DOCUMENTS = (("Paspoort", 0.45), ("Identiteitskaart", 0.55))
MONTHS = 24
DEFAULT_ROWS = MONTHS * len(LOCATIONS) * len(DOCUMENTS)
EXPIRING_PER_MONTH = 240  # the whole municipality, before season and noise: synthetic
SMALLEST_SHOWN = 10  # counts from 1 to 9 are published as 10 (statistical disclosure control)


def make_table(rng: random.Random, fake: Faker, rows: int, reference: date) -> Table:
    cells = list(product(LOCATIONS, DOCUMENTS))
    table_rows = [
        _row(rng, _month(reference, index // len(cells)), *cells[index % len(cells)])
        for index in range(rows)
    ]
    return Table(COLUMNS, table_rows)


def _month(reference: date, offset: int) -> date:
    months = reference.month - 1 + offset
    return date(reference.year + months // 12, months % 12 + 1, 1)


def _row(
    rng: random.Random, month: date, location: tuple[str, float], document: tuple[str, float]
) -> Row:
    expected = EXPIRING_PER_MONTH * _season(month) * location[1] * document[1]
    count = max(0, round(expected * rng.gauss(1.0, 0.15)))
    return {
        "maand": month.strftime("%Y-%m"),
        "locatie": location[0],
        "documentsoort": document[0],
        "aantal_verlopend": _shown(count),
    }


def _season(month: date) -> float:
    """Documents expire when they were issued ten years before: most in the spring rush
    before the summer holidays, fewest around the December holidays."""
    if month.month in (4, 5, 6):
        return 1.3
    return 0.7 if month.month in (12, 1) else 1.0


def _shown(count: int) -> int:
    return SMALLEST_SHOWN if 0 < count < SMALLEST_SHOWN else count
