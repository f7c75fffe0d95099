"""The seven pilot datasets: for each, its file, its format and dialect, and its row maker.

This is the generator's side of the example catalogue: `catalog/<id>.yaml` declares the
same columns, and a test holds the two together, so a column renamed in one place and
not the other fails the build instead of the demo.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from faker import Faker

from governance.domain.vocabulary import ColumnType, SourceFormat
from governance.synthetic.pilots import (
    fixi,
    inhuur,
    jeugd,
    piekmomenten,
    projects,
    reisdocumenten,
    wmo,
)
from governance.synthetic.table import Table
from governance.synthetic.writers import CsvDialect

RowMaker = Callable[[random.Random, Faker, int, date], Table]

SOCIAL_DOMAIN_EXPORT = CsvDialect(
    delimiter=";",
    encoding="cp1252",
    date_format="%d-%m-%Y",
    decimal_comma=True,
    true="Ja",
    false="Nee",
)
"""Suite4Sociaal Domein-style export: ';', Windows-1252, dd-mm-jjjj, decimal comma, Ja/Nee."""

FIXI_EXPORT = CsvDialect(delimiter=",", encoding="utf-8-sig")
"""Web-application export: ',', UTF-8 with BOM (so Excel opens it right), ISO datetimes."""

CIVIL_AFFAIRS_EXPORT = CsvDialect(delimiter=",", encoding="utf-8", true="J", false="N")
"""iBurgerzaken-style extract: ',', UTF-8 without BOM, ISO dates, J/N."""


@dataclass(frozen=True)
class Pilot:
    dataset_id: str
    file_name: str
    format: SourceFormat
    default_rows: int
    columns: tuple[tuple[str, ColumnType], ...]
    make_table: RowMaker
    dialect: CsvDialect | None = None
    sheet: str | None = None


PILOTS: tuple[Pilot, ...] = (
    Pilot(
        wmo.DATASET_ID,
        "wmo-wachtlijst.csv",
        SourceFormat.CSV,
        8000,
        wmo.COLUMNS,
        wmo.make_table,
        dialect=SOCIAL_DOMAIN_EXPORT,
    ),
    Pilot(
        jeugd.DATASET_ID,
        "jeugd-wachtlijst.csv",
        SourceFormat.CSV,
        4000,
        jeugd.COLUMNS,
        jeugd.make_table,
        dialect=SOCIAL_DOMAIN_EXPORT,
    ),
    Pilot(
        fixi.DATASET_ID,
        "fixi-meldingen.csv",
        SourceFormat.CSV,
        6000,
        fixi.COLUMNS,
        fixi.make_table,
        dialect=FIXI_EXPORT,
    ),
    Pilot(
        inhuur.DATASET_ID,
        "inhuur-personeel.xlsx",
        SourceFormat.XLSX,
        1500,
        inhuur.COLUMNS,
        inhuur.make_table,
        sheet="Inhuur",
    ),
    Pilot(
        projects.DATASET_ID,
        "project-planning.parquet",
        SourceFormat.PARQUET,
        1200,
        projects.COLUMNS,
        projects.make_table,
    ),
    Pilot(
        reisdocumenten.DATASET_ID,
        "reisdocumenten-aanvragen.csv",
        SourceFormat.CSV,
        7000,
        reisdocumenten.COLUMNS,
        reisdocumenten.make_table,
        dialect=CIVIL_AFFAIRS_EXPORT,
    ),
    Pilot(
        piekmomenten.DATASET_ID,
        "reisdocumenten-piekmomenten.csv",
        SourceFormat.CSV,
        piekmomenten.DEFAULT_ROWS,
        piekmomenten.COLUMNS,
        piekmomenten.make_table,
        dialect=CIVIL_AFFAIRS_EXPORT,
    ),
)


def pilot(dataset_id: str) -> Pilot:
    """The pilot with this dataset id; KeyError names the known ids."""
    for candidate in PILOTS:
        if candidate.dataset_id == dataset_id:
            return candidate
    known = ", ".join(p.dataset_id for p in PILOTS)
    raise KeyError(f"no pilot dataset '{dataset_id}'; known: {known}")
