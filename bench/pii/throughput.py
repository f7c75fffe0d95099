"""Throughput of `governance scan` against Arrow loading and per-cell Presidio, in one run.

Usage: .venv/bin/python bench/pii/throughput.py --rows 200000 [--columns 10]
       .venv/bin/python bench/pii/throughput.py --rows 1000000 --columns 10   (memory mode)

On one generated CSV (bulk.py) it measures:
  a. Arrow load: pyarrow.csv.read_csv with every column as string (median of 3, warm cache);
  b. the scan: `governance scan PATH --format json` as a subprocess, wall time and the
     child's peak RSS (os.wait4), plus the same command on a 10-row file (start-up cost);
  c. per-cell Presidio: the project's analyzer (blank Dutch spaCy, pattern recognizers)
     on a random sample of cells, one `analyze` call per non-empty cell.
Targets (issue 3): scan cells/s >= 100x Presidio cells/s; scan time <= 5x Arrow load
time; peak memory < 2 GB (judged from 1,000,000 rows up). Exit 1 when one is missed or
the scan fails. Numbers only: no value from the table is printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as a script: make `bench.pii` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pyarrow as pa
import pyarrow.csv as pacsv

from bench.pii.bulk import write_bulk_csv
from bench.pii.scan import ScanRun, run_scan

DEFAULT_OUT = Path("/tmp/pii-bench-throughput")
SPEEDUP_TARGET = 100.0
LOAD_RATIO_TARGET = 5.0
MEMORY_TARGET_BYTES = 2 * 1024**3
MEMORY_TARGET_FROM_ROWS = 1_000_000


def arrow_load_seconds(path: Path, headers: Sequence[str], repeats: int = 3) -> list[float]:
    """Time reading the whole file into Arrow, all columns as strings (after one warm-up)."""
    options = pacsv.ConvertOptions(column_types={header: pa.string() for header in headers})
    pacsv.read_csv(path, convert_options=options)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        pacsv.read_csv(path, convert_options=options)
        timings.append(time.perf_counter() - start)
    return timings


def sample_cells(path: Path, headers: Sequence[str], count: int, seed: int) -> list[str | None]:
    """`count` cells drawn uniformly from the whole table (empty ones included, as None)."""
    options = pacsv.ConvertOptions(column_types={header: pa.string() for header in headers})
    table = pacsv.read_csv(path, convert_options=options)
    rng = random.Random(seed)
    picks = [
        (rng.randrange(table.num_rows), rng.randrange(table.num_columns)) for _ in range(count)
    ]
    columns = [table.column(i) for i in range(table.num_columns)]
    return [columns[col][row].as_py() for row, col in picks]


@dataclass(frozen=True)
class PresidioRun:
    cells: int
    analyzed: int
    seconds: float
    build_seconds: float
    recognizers: int
    note: str

    @property
    def cells_per_second(self) -> float:
        return self.cells / self.seconds if self.seconds else float("inf")


def presidio_per_cell(cells: Sequence[str | None]) -> PresidioRun:
    """One analyze() per non-empty cell, the way a per-cell scanner would run Presidio.

    Empty cells are counted as processed but not analysed (any scanner skips them), so
    cells/s is comparable with the column scan's rows x columns / wall time.
    """
    from governance.pii.presidio_engine import build_analyzer

    note = ""
    try:
        from governance.pii.recognizers import RECOGNIZERS
    except ImportError:
        RECOGNIZERS = ()  # the package is still being written
        note = "governance.pii.recognizers has no RECOGNIZERS yet: Presidio ran without them"
    start = time.perf_counter()
    analyzer = build_analyzer(RECOGNIZERS)
    build_seconds = time.perf_counter() - start
    recognizers = len(analyzer.registry.recognizers)
    texts = [cell for cell in cells if cell]
    for text in texts[:50]:  # warm-up: first calls pay for lazy initialisation
        analyzer.analyze(text=text, language="nl")
    start = time.perf_counter()
    for text in texts:
        analyzer.analyze(text=text, language="nl")
    seconds = time.perf_counter() - start
    return PresidioRun(len(cells), len(texts), seconds, build_seconds, recognizers, note)


def _mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 1024**2:,.0f} MB"


def startup_run(folder: Path) -> ScanRun:
    """The scan of a 10-row file: what the CLI costs before the data does."""
    tiny = folder / "startup_10_rows.csv"
    write_bulk_csv(tiny, rows=10, columns=3)
    return run_scan(tiny)


def _presidio_lines(presidio: PresidioRun) -> list[str]:
    lines = [
        f"(c) per-cell Presidio: {presidio.cells:,} sampled cells "
        f"({presidio.analyzed:,} non-empty) in {presidio.seconds:.2f} s = "
        f"{presidio.cells_per_second:,.0f} cells/s; {presidio.recognizers} recognizers, "
        f"analyzer built in {presidio.build_seconds:.2f} s"
    ]
    if presidio.note:
        lines.append(f"    note: {presidio.note}")
    return lines


def evaluate(
    rows: int,
    columns: int,
    load: float,
    scan: ScanRun,
    startup: ScanRun | None,
    presidio: PresidioRun | None,
) -> tuple[list[str], list[str]]:
    """The report lines and the list of missed targets."""
    cells = rows * columns
    lines = [
        f"table: {rows:,} rows x {columns} columns = {cells:,} cells",
        f"(a) Arrow load (read_csv, all string): {load:.3f} s",
    ]
    failures: list[str] = []
    presidio_lines = _presidio_lines(presidio) if presidio is not None else []
    if scan.error or scan.report is None:
        failures.append(f"scan failed: {scan.error}")
        lines.append(f"(b) governance scan: FAILED ({scan.error})")
        return lines + presidio_lines, failures
    scanned = scan.report.get("rows_scanned")
    scan_rate = cells / scan.seconds
    lines.append(
        f"(b) governance scan: {scan.seconds:.2f} s wall, {scan_rate:,.0f} cells/s, "
        f"peak RSS {_mb(scan.peak_rss_bytes)}, rows_scanned {scanned}"
    )
    if scanned != rows:
        failures.append(f"not a full scan: rows_scanned {scanned} of {rows}")
    if startup is not None and startup.report is not None:
        net = max(scan.seconds - startup.seconds, 1e-9)
        lines.append(
            f"    start-up (10-row file): {startup.seconds:.2f} s, "
            f"peak RSS {_mb(startup.peak_rss_bytes)}; scan net of start-up {net:.2f} s"
        )
        lines.append(f"    net of start-up: scan / Arrow load = {net / load:.1f}x (diagnostic)")
    lines += presidio_lines
    ratio = scan.seconds / load
    lines.append(f"scan / Arrow load = {ratio:.1f}x (target <= {LOAD_RATIO_TARGET:.0f}x)")
    if ratio > LOAD_RATIO_TARGET:
        failures.append(f"scan takes {ratio:.1f}x the Arrow load time (target <= 5x)")
    if presidio is not None:
        speedup = scan_rate / presidio.cells_per_second
        lines.append(f"scan cells/s / Presidio cells/s = {speedup:,.0f}x (target >= 100x)")
        if speedup < SPEEDUP_TARGET:
            failures.append(f"scan is {speedup:.0f}x per-cell Presidio (target >= 100x)")
    peak = scan.peak_rss_bytes
    judged = rows >= MEMORY_TARGET_FROM_ROWS
    lines.append(
        f"peak memory of the scan: {_mb(peak)} (target < 2 GB"
        + (")" if judged else f", judged from {MEMORY_TARGET_FROM_ROWS:,} rows)")
    )
    if judged and peak is not None and peak >= MEMORY_TARGET_BYTES:
        failures.append(f"peak memory {_mb(peak)} >= 2 GB")
    return lines, failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--columns", type=int, default=10)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the CSV")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--presidio-cells", type=int, default=20_000)
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep an existing CSV")
    args = parser.parse_args(argv)

    path = args.out / f"throughput_{args.rows}x{args.columns}.csv"
    start = time.perf_counter()
    if args.reuse and path.exists():
        headers = path.open(encoding="utf-8").readline().rstrip("\r\n").split(",")
        print(f"reusing {path}")
    else:
        headers = write_bulk_csv(path, args.rows, args.columns, args.seed)
        seconds = time.perf_counter() - start
        print(f"wrote {path} ({path.stat().st_size / 1024**2:,.0f} MB) in {seconds:.1f} s")

    loads = arrow_load_seconds(path, headers)
    load = statistics.median(loads)
    startup = startup_run(args.out)
    scan = run_scan(path)
    presidio = None
    if not args.skip_presidio:
        cells = sample_cells(path, headers, args.presidio_cells, args.seed)
        presidio = presidio_per_cell(cells)

    lines, failures = evaluate(args.rows, args.columns, load, scan, startup, presidio)
    print("\n".join(lines))
    print("targets: " + ("met" if not failures else "MISSED"))
    for failure in failures:
        print(f"  - {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
