"""Seeded synthetic data for the pilots of the example catalogue (`catalog/*.yaml`).

`generate_pilot_data(out_dir)` writes one file per pilot dataset in the format a
municipal export has (cp1252 CSV with ';', UTF-8 CSV with BOM, XLSX, Parquet), with the
flaws of real exports in small seeded shares, so the PII scan and the quality checks
have something true to find. No real person is in it: names come from Faker `nl_NL`,
BSNs and IBANs are random numbers that pass their checks, e-mail domains are `.example`.

Determinism: the same seed (and the same `rows`) gives byte-identical files on every run
and machine with the same versions of Python, Faker, openpyxl and pyarrow. Each dataset draws
from its own stream derived from the seed and its id; "today" is the fixed reference
date `REFERENCE_DATE`; XLSX metadata times are pinned. An upgrade of Faker may change
the names drawn, so tests assert properties of the data, not particular values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from governance.domain.vocabulary import SourceFormat
from governance.synthetic.pilots import PILOTS, Pilot, pilot
from governance.synthetic.seeding import REFERENCE_DATE, dataset_faker, dataset_random
from governance.synthetic.table import Table
from governance.synthetic.writers import write_csv, write_parquet, write_xlsx

DEFAULT_SEED = 2026

__all__ = [
    "DEFAULT_SEED",
    "PILOTS",
    "REFERENCE_DATE",
    "GeneratedFile",
    "Pilot",
    "generate_pilot",
    "generate_pilot_data",
    "generate_table",
    "pilot",
]


@dataclass(frozen=True)
class GeneratedFile:
    """What was written: enough for a reader to open the file without sniffing."""

    dataset_id: str
    path: Path
    format: SourceFormat
    rows: int
    encoding: str | None = None
    delimiter: str | None = None


def generate_table(spec: Pilot, seed: int = DEFAULT_SEED, rows: int | None = None) -> Table:
    """The rows of one pilot dataset, before writing (for tests and in-memory use)."""
    count = spec.default_rows if rows is None else rows
    if count < 0:
        raise ValueError(f"rows must be 0 or more, not {count}")
    rng = dataset_random(seed, spec.dataset_id)
    fake = dataset_faker(seed, spec.dataset_id)
    return spec.make_table(rng, fake, count, REFERENCE_DATE)


def generate_pilot_data(
    out_dir: Path, seed: int = DEFAULT_SEED, rows: int | None = None
) -> list[GeneratedFile]:
    """Write every pilot dataset into `out_dir` (created if missing); return what was written.

    `rows=None` gives each dataset its realistic default size (a few thousand rows);
    an int gives every dataset that many rows (small values keep tests fast).
    """
    return [generate_pilot(spec.dataset_id, out_dir, seed, rows) for spec in PILOTS]


def generate_pilot(
    dataset_id: str, out_dir: Path, seed: int = DEFAULT_SEED, rows: int | None = None
) -> GeneratedFile:
    """Write one pilot dataset, exactly as `generate_pilot_data` writes it (benchmarks ask
    for one large file, not all of them)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec = pilot(dataset_id)
    return _write(spec, out_dir, generate_table(spec, seed, rows))


def _write(spec: Pilot, out_dir: Path, table: Table) -> GeneratedFile:
    path = out_dir / spec.file_name
    if spec.format is SourceFormat.CSV:
        assert spec.dialect is not None, f"{spec.dataset_id}: a CSV pilot needs a dialect"
        write_csv(path, table, spec.dialect)
        return GeneratedFile(
            spec.dataset_id,
            path,
            spec.format,
            len(table.rows),
            spec.dialect.encoding,
            spec.dialect.delimiter,
        )
    if spec.format is SourceFormat.XLSX:
        write_xlsx(path, table, spec.sheet or spec.dataset_id)
    elif spec.format is SourceFormat.PARQUET:
        write_parquet(path, table)
    else:
        raise ValueError(f"{spec.dataset_id}: cannot write format '{spec.format.value}'")
    return GeneratedFile(spec.dataset_id, path, spec.format, len(table.rows))
