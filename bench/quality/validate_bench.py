"""How long does `governance validate` take on a large file and on a large PostgreSQL table?

1. A 1,000,000-row, 10-column CSV with a suite of ten expectations: the validation's wall
   time against the time to just read the file (pyarrow, all text). Target: within 3x.
2. The same suite on a 1,000,000-row PostgreSQL table: the expectations run as SQL in the
   database; the peak memory of the command shows the table was not pulled into pandas.

Run: .venv/bin/python bench/quality/validate_bench.py [--rows N] [--skip-postgres]
Everything is generated under a temporary folder and in a throw-away PostgreSQL schema.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import yaml

GOVERNANCE = [sys.executable, "-m", "governance"]
POSTGRES = os.environ.get("GOVERNANCE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STATUSES = ["Aangemeld", "In onderzoek", "Wacht op start", "In zorg", "Ingetrokken"]

COLUMNS = [
    {"name": "aanvraag_id", "type": "integer", "nullable": False, "unique": True},
    {"name": "wijk", "type": "string", "nullable": False},
    {"name": "status", "type": "string", "nullable": False},
    {"name": "datum_aanvraag", "type": "date", "nullable": False},
    {"name": "datum_besluit", "type": "date"},
    {"name": "wachtdagen", "type": "integer"},
    {"name": "uren_per_week", "type": "decimal"},
    {"name": "urgent", "type": "boolean", "nullable": False},
    {"name": "leeftijd", "type": "integer"},
    {"name": "kosten", "type": "decimal"},
]

SUITE = [
    {"type": "expect_column_values_to_not_be_null", "column": "datum_aanvraag"},
    {"type": "expect_column_values_to_be_unique", "column": "aanvraag_id"},
    {"type": "expect_column_values_to_be_between", "column": "wachtdagen", "min_value": 0},
    {"type": "expect_column_values_to_be_in_set", "column": "status", "value_set": STATUSES},
    {
        "type": "expect_column_values_to_be_between",
        "column": "leeftijd",
        "min_value": 0,
        "max_value": 120,
    },
    {
        "type": "expect_column_values_to_be_between",
        "column": "uren_per_week",
        "min_value": 0,
        "max_value": 40,
    },
    {
        "type": "expect_column_pair_values_a_to_be_greater_than_b",
        "column_A": "datum_besluit",
        "column_B": "datum_aanvraag",
        "or_equal": True,
        "ignore_row_if": "either_value_is_missing",
    },
    {"type": "expect_table_row_count_to_be_between", "min_value": 1},
    {"type": "expect_column_values_to_match_regex", "column": "wijk", "regex": "^[A-Z]"},
    {"type": "expect_column_mean_to_be_between", "column": "kosten", "min_value": 0},
]


def rows(count: int, seed: int = 7):
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    for number in range(1, count + 1):
        requested = start + timedelta(days=rng.randint(0, 900))
        decided = requested + timedelta(days=rng.randint(0, 60)) if rng.random() < 0.8 else None
        yield (
            number,
            rng.choice(["Noord", "Oost", "Zuid", "West", "Centrum"]),
            rng.choice(STATUSES),
            requested,
            decided,
            rng.randint(0, 120),
            round(rng.uniform(0, 30), 1),
            rng.random() < 0.1,
            rng.randint(18, 99),
            round(rng.uniform(10, 5000), 2),
        )


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([c["name"] for c in COLUMNS])
        for row in rows(count):
            writer.writerow(
                [
                    v.strftime("%d-%m-%Y")
                    if isinstance(v, date)
                    else ("ja" if v else "nee")
                    if isinstance(v, bool)
                    else str(v).replace(".", ",")
                    if isinstance(v, float)
                    else ""
                    if v is None
                    else v
                    for v in row
                ]
            )


def registration(dataset_id: str, source: dict[str, str]) -> dict[str, object]:
    return {
        "id": dataset_id,
        "title": "Benchmark wachtlijst",
        "description": "Gegenereerde benchmarkdata.",
        "organisation": "Gemeente Rivierstad",
        "owner": {"name": "Bench", "department": "Bench", "contact": "bench@example.org"},
        "steward": {"name": "Bench"},
        "source": source,
        "purposes": [
            {
                "id": "bench",
                "description": "Meten",
                "legal_basis": {"ground": "public_task", "provision": "Wmo 2015, art. 2.3.2"},
            }
        ],
        "columns": COLUMNS,
        "status": "active",
    }


def run(
    arguments: list[str], env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[str]]:
    before = time.perf_counter()
    done = subprocess.run([*GOVERNANCE, *arguments], env=env, capture_output=True, text=True)
    return time.perf_counter() - before, done


def peak_mb(arguments: list[str], env: dict[str, str]) -> float:
    """Peak memory of one command, measured in a fresh launcher process (a child's
    RUSAGE_CHILDREN also carries the high-water mark of its earlier siblings)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *GOVERNANCE, *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    options = parser.parse_args()
    import pyarrow.csv as pcsv

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "GOVERNANCE_DB": f"sqlite:///{work}/bench.db"}
        (work / "expectations").mkdir()
        data = work / "bench.csv"
        began = time.perf_counter()
        write_csv(data, options.rows)
        print(
            f"wrote {data.name}: {options.rows:,} rows x {len(COLUMNS)} columns "
            f"({data.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - began:.1f} s"
        )
        began = time.perf_counter()
        pcsv.read_csv(
            data,
            parse_options=pcsv.ParseOptions(delimiter=";"),
            convert_options=pcsv.ConvertOptions(
                column_types={c["name"]: "string" for c in COLUMNS}
            ),
        )
        read_seconds = time.perf_counter() - began
        print(f"(a) read into Arrow: {read_seconds:.2f} s")
        catalog = work / "catalog"
        catalog.mkdir()
        for dataset_id, source in (
            ("bench-file", {"system": "bench", "format": "csv", "location": str(data)}),
        ):
            (catalog / f"{dataset_id}.yaml").write_text(
                yaml.safe_dump(registration(dataset_id, source), sort_keys=False), "utf-8"
            )
            (work / "expectations" / f"{dataset_id}.yaml").write_text(
                yaml.safe_dump({"dataset": dataset_id, "expectations": SUITE}, sort_keys=False),
                "utf-8",
            )
        run(["catalog", "import", str(catalog)], env)
        run(["validate", "bench-file", "--suites", str(work / "expectations")], env)  # warm
        seconds, done = run(
            ["validate", "bench-file", "--suites", str(work / "expectations"), "--format", "json"],
            env,
        )
        print(
            f"(b) governance validate (file): {seconds:.2f} s, exit {done.returncode}, "
            f"{seconds / read_seconds:.1f}x the Arrow read (target <= 3x)"
        )
        if done.returncode not in (0, 1):
            print(done.stderr[-2000:])
        if not options.skip_postgres:
            file_command = ["validate", "bench-file", "--suites", str(work / "expectations")]
            postgres_run(work, env, options.rows, file_command)


def postgres_run(work: Path, env: dict[str, str], count: int, file_command: list[str]) -> None:
    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        connection.exec_driver_sql(
            f"CREATE TABLE {schema}.wachtlijst (aanvraag_id integer primary key, wijk text "
            "not null, status text not null, datum_aanvraag date not null, datum_besluit date, "
            "wachtdagen integer, uren_per_week numeric, urgent boolean not null, leeftijd "
            "integer, kosten numeric)"
        )
        began = time.perf_counter()
        connection.exec_driver_sql(
            f"INSERT INTO {schema}.wachtlijst SELECT g, "
            "(ARRAY['Noord','Oost','Zuid','West'])[1 + mod(g, 4)], "
            "(ARRAY['Aangemeld','In onderzoek','Wacht op start','In zorg'])[1 + mod(g, 4)], "
            "date '2023-01-01' + mod(g, 900), date '2023-01-01' + mod(g, 900) + mod(g, 60), "
            "mod(g, 120), mod(g, 300) / 10.0, mod(g, 10) = 0, 18 + mod(g, 80), "
            f"mod(g, 5000) + 0.5 FROM generate_series(1, {count}) AS g"
        )
        print(
            f"(c) PostgreSQL table {schema}.wachtlijst: {count:,} rows in "
            f"{time.perf_counter() - began:.1f} s"
        )
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    try:
        source = {"system": "bench", "format": "sql", "url": url, "table": "wachtlijst"}
        catalog = work / "catalog-sql"
        catalog.mkdir()
        (catalog / "bench-sql.yaml").write_text(
            yaml.safe_dump(registration("bench-sql", source), sort_keys=False), "utf-8"
        )
        (work / "expectations" / "bench-sql.yaml").write_text(
            yaml.safe_dump({"dataset": "bench-sql", "expectations": SUITE}, sort_keys=False),
            "utf-8",
        )
        run(["catalog", "import", str(catalog)], env)
        command = ["validate", "bench-sql", "--suites", str(work / "expectations")]
        seconds, done = run([*command, "--format", "json"], env)
        print(
            f"(d) governance validate (PostgreSQL, in the database): {seconds:.2f} s, exit "
            f"{done.returncode}, peak memory {peak_mb(command, env):.0f} MB"
        )
        print(
            f"    the same rows as a file: peak memory {peak_mb(file_command, env):.0f} MB "
            "(the difference is the data the database kept to itself)"
        )
        if done.returncode not in (0, 1):
            print(done.stderr[-2000:])
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        engine.dispose()


if __name__ == "__main__":
    main()
