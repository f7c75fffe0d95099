"""The throughput script's judgement and its big-table generator, without running a scan."""

from __future__ import annotations

import csv
from pathlib import Path

from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from bench.pii import bulk
from bench.pii.scan import ScanRun
from bench.pii.throughput import PresidioRun, evaluate

ROWS = 200_000


def scan(seconds: float, peak_mb: int = 500, rows: int = ROWS) -> ScanRun:
    report = {"source": "t.csv", "rows": rows, "rows_scanned": rows, "columns": []}
    return ScanRun(Path("t.csv"), report, None, seconds, peak_mb * 1024**2, 0)


PRESIDIO = PresidioRun(
    cells=20_000, analyzed=18_000, seconds=4.0, build_seconds=1.0, recognizers=9, note=""
)  # 5,000 cells/s


def test_targets_met() -> None:
    # 2,000,000 cells in 2 s = 1,000,000 cells/s = 200x Presidio; 2 s / 0.5 s = 4x load
    lines, failures = evaluate(ROWS, 10, 0.5, scan(2.0), None, PRESIDIO)
    assert failures == []
    assert "scan cells/s / Presidio cells/s = 200x (target >= 100x)" in lines


def test_too_slow_against_presidio_and_arrow() -> None:
    _, failures = evaluate(ROWS, 10, 0.1, scan(8.0), None, PRESIDIO)
    assert failures == [
        "scan takes 80.0x the Arrow load time (target <= 5x)",
        "scan is 50x per-cell Presidio (target >= 100x)",
    ]


def test_memory_is_judged_from_a_million_rows() -> None:
    _, failures = evaluate(ROWS, 10, 1.0, scan(1.0, peak_mb=3000), None, None)
    assert failures == []
    _, failures = evaluate(1_000_000, 10, 1.0, scan(1.0, 3000, 1_000_000), None, None)
    assert failures == ["peak memory 3,000 MB >= 2 GB"]


def test_a_sampled_scan_is_not_a_full_scan() -> None:
    sampled = scan(1.0)
    assert sampled.report is not None
    sampled.report["rows_scanned"] = 1000
    _, failures = evaluate(ROWS, 10, 1.0, sampled, None, None)
    assert failures == [f"not a full scan: rows_scanned 1000 of {ROWS}"]


def test_a_failed_scan_still_reports_presidio() -> None:
    failed = ScanRun(Path("t.csv"), None, "exit code 3", 0.5, None, 3)
    lines, failures = evaluate(ROWS, 10, 1.0, failed, None, PRESIDIO)
    assert failures == ["scan failed: exit code 3"]
    assert any(line.startswith("(c) per-cell Presidio") for line in lines)


def test_bulk_table_holds_valid_and_unique_identifiers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    headers = bulk.write_bulk_csv(path, rows=2000, columns=12, seed=1)
    assert headers[:3] == ["bsn", "naam", "email"] and len(headers) == 12
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2000
    bsns = [row["bsn"] for row in rows]
    assert all(std_bsn.is_valid(number) and len(number) == 9 for number in bsns)
    assert len(set(bsns)) > 1990
    assert any(number.startswith("0") for number in bsns)
    assert all(std_iban.is_valid(row["iban"]) for row in rows)
    remarks = [row["opmerking"] for row in rows]
    assert 0.2 < sum(1 for text in remarks if text) / len(rows) < 0.6


def test_more_columns_than_defined_repeat_with_a_suffix(tmp_path: Path) -> None:
    headers = bulk.write_bulk_csv(tmp_path / "t.csv", rows=20, columns=len(bulk.COLUMNS) + 2)
    assert headers[-2:] == ["bsn_2", "naam_2"]
