"""Helpers for the sources tests: small files written by hand, and the pilot data once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from governance.synthetic import GeneratedFile, generate_pilot_data

PILOT_ROWS = 120
PILOT_SEED = 2026

Rows = Sequence[Sequence[str | None]]


@pytest.fixture(scope="session")
def pilot_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedFile]:
    out_dir = tmp_path_factory.mktemp("pilots")
    generated = generate_pilot_data(out_dir, seed=PILOT_SEED, rows=PILOT_ROWS)
    return {f.dataset_id: f for f in generated}


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write bytes (or UTF-8 text) to a file of that name in tmp_path."""

    def write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """A workbook with these sheets (rows of Python values), in openpyxl's normal mode."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(list(row))
    workbook.save(path)
    return path
