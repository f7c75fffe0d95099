"""Pilot 5: the project portfolio of Gemeente Polderwaard, exported to Parquet for reporting.

One row per project: planning, phase, traffic-light status and money. The only personal
data is the project leader's name, which is also what the pilot needs to ask whom to
call; a share of the projects has no leader assigned yet.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from faker import Faker

from governance.domain.vocabulary import ColumnType as T
from governance.synthetic import messy
from governance.synthetic.seeding import pick
from governance.synthetic.table import Row, Table

DATASET_ID = "project-planning"

COLUMNS = (
    ("project_id", T.STRING),
    ("projectnaam", T.STRING),
    ("programma", T.STRING),
    ("projectleider", T.STRING),
    ("afdeling", T.STRING),
    ("fase", T.STRING),
    ("status", T.STRING),
    ("startdatum", T.DATE),
    ("geplande_einddatum", T.DATE),
    ("werkelijke_einddatum", T.DATE),
    ("begroting", T.DECIMAL),
    ("uitgaven", T.DECIMAL),
    ("percentage_gereed", T.INTEGER),
    ("raadsbesluit_nodig", T.BOOLEAN),
    ("laatst_bijgewerkt", T.DATETIME),
)

# Programme, the department that runs it, and project-name templates ({place} is filled in).
PROGRAMMES = (
    (
        "Openbare Ruimte",
        "Ruimte",
        ("Herinrichting {place}", "Vervanging riolering {place}", "Groot onderhoud {place}"),
    ),
    ("Wonen", "Ruimte", ("Woningbouwlocatie {place}", "Transformatie kantoorpand {place}")),
    (
        "Duurzaamheid",
        "Ruimte",
        ("Klimaatadaptatie {place}", "Verduurzaming sporthal {place}", "Laadpalen {place}"),
    ),
    (
        "Sociaal Domein",
        "Maatschappelijke Ontwikkeling",
        ("Brede school {place}", "Ontmoetingscentrum {place}"),
    ),
    (
        "Dienstverlening",
        "Publiekszaken",
        ("Digitale balie {place}", "Vernieuwing website", "Zaakgericht werken fase {n}"),
    ),
    (
        "Bedrijfsvoering",
        "Bedrijfsvoering",
        ("Aanbesteding {place}", "Migratie {system}", "Implementatie {system}"),
    ),
)
SYSTEMS = ("zaaksysteem", "financieel systeem", "HR-systeem", "datawarehouse", "e-mailplatform")
PLACES = ("Dorpsstraat", "Polderweg", "Kerkplein", "Molenwijk", "De Kreek", "Havenkade", "Oost")
PHASES = ("Initiatief", "Definitie", "Ontwerp", "Realisatie", "Nazorg", "Afgerond")


def make_table(rng: random.Random, fake: Faker, rows: int, reference: date) -> Table:
    leaders = [f"{fake.first_name()} {fake.last_name()}" for _ in range(40)]
    table_rows = [_row(rng, number, leaders, reference) for number in range(1, rows + 1)]
    _add_flaws(rng, table_rows)
    return Table(COLUMNS, table_rows)


def _row(rng: random.Random, number: int, leaders: list[str], reference: date) -> Row:
    programme, department, templates = rng.choice(PROGRAMMES)
    name = rng.choice(templates).format(
        place=rng.choice(PLACES), system=rng.choice(SYSTEMS), n=rng.randint(2, 4)
    )
    start = reference - timedelta(days=rng.randint(0, 6 * 365))
    planned_end = start + timedelta(days=rng.randint(90, 3 * 365))
    budget = Decimal(rng.randrange(25_000, 4_000_000, 5_000))
    progress = min(100, max(0, int((reference - start).days / (planned_end - start).days * 100)))
    progress = max(0, min(100, progress + rng.randint(-25, 10)))
    finished = progress >= 100 or (planned_end < reference and rng.random() < 0.8)
    phase = "Afgerond" if finished else PHASES[min(4, progress // 22)]
    actual_end = planned_end + timedelta(days=rng.randint(-30, 240)) if finished else None
    if actual_end is not None and actual_end > reference:
        actual_end = reference - timedelta(days=rng.randint(0, 30))
    spent = (budget * Decimal(progress) / 100 * Decimal(rng.uniform(0.8, 1.3))).quantize(
        Decimal("0.01")
    )
    updated_day = reference - timedelta(days=rng.randint(0, 120))
    return {
        "project_id": f"PRJ-{start.year}-{number:04d}",
        "projectnaam": name,
        "programma": programme,
        "projectleider": rng.choice(leaders) if rng.random() > 0.04 else None,
        "afdeling": department,
        "fase": phase,
        "status": rng.choices(("Groen", "Oranje", "Rood"), weights=(60, 28, 12))[0],
        "startdatum": start,
        "geplande_einddatum": planned_end,
        "werkelijke_einddatum": actual_end,
        "begroting": budget,
        "uitgaven": spent,
        "percentage_gereed": 100 if finished else progress,
        "raadsbesluit_nodig": budget >= 1_000_000 or rng.random() < 0.1,
        "laatst_bijgewerkt": datetime.combine(
            updated_day, time(rng.randint(8, 18), rng.randint(0, 59))
        ),
    }


def _add_flaws(rng: random.Random, rows: list[Row]) -> None:
    ended = [i for i, row in enumerate(rows) if row["werkelijke_einddatum"] is not None]
    for index in pick(rng, ended, 0.005):
        rows[index]["werkelijke_einddatum"] = rows[index]["startdatum"] - timedelta(
            days=rng.randint(1, 90)
        )
    led = [i for i, row in enumerate(rows) if row["projectleider"]]
    for index in pick(rng, led, 0.03):
        rows[index]["projectleider"] = messy.padded(rng, rows[index]["projectleider"])
