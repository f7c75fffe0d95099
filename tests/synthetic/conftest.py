"""A small, seeded generation shared by the synthetic-data tests (one run per session)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from governance.synthetic import GeneratedFile, generate_pilot_data

SMALL_ROWS = 300
SEED = 2026


@pytest.fixture(scope="session")
def small_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedFile]:
    out_dir = tmp_path_factory.mktemp("pilots")
    return {f.dataset_id: f for f in generate_pilot_data(out_dir, seed=SEED, rows=SMALL_ROWS)}


def read_csv(generated: GeneratedFile) -> list[dict[str, str]]:
    """The rows of a generated CSV, read with the encoding and delimiter it reports."""
    assert generated.encoding is not None and generated.delimiter is not None
    with Path(generated.path).open(encoding=generated.encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=generated.delimiter))
