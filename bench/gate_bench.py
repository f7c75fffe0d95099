"""How long does the pre-share gate take on a large file, against the time to read it?

On the Wmo waiting list pilot (`wmo-wachtlijst`, a ';'-separated cp1252 CSV) generated
with --rows rows (default 1,000,000), with the example catalogue in a fresh SQLite store:

  a. read: `governance.sources.read_table(path)`, all rows (best and median of --repeat,
     after one untimed read: the page cache is warm, as it is for the gate);
  b. cold gate: `Governance.gate(...)` on a store with no scan or quality run of this data,
     so it reads, scans, validates and decides (one run per fresh store, --repeat stores);
  c. warm gate: the same call again on the last store: the scan and the quality run are
     found by the data's fingerprint, so only hashing the file and the rules remain;
  d. share: `Governance.share(...)` to a Parquet extract, reusing the stored decision
     (reads the file and writes the extract), and once on a fresh store (gate + extract,
     the file read once);
  e. breakdown on one loaded table: fingerprint (SHA-256 of the bytes), PII scan, quality
     run, and the typing step inside the quality run.

One-time costs (imports, Great Expectations' context, the Presidio analyzer) are paid by
a warm-up gate on a 1,000-row file first and printed apart. Peak memory is the process's
RSS high-water mark (`ru_maxrss`) after each step, so a step's own peak shows where the
column rises. The data is generated in a child process, so its memory is not counted.

Run: .venv/bin/python bench/gate_bench.py [--rows N] [--repeat N] [--skip-share]
Everything is written under a temporary folder. No value from the data is printed.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATASET = "wmo-wachtlijst"
RECIPIENT = "beleid-sociaal-domein"
PURPOSE = "beleidsanalyse"
WARM_UP_ROWS = 1_000


def generate(folder: str, rows: int, seed: int) -> int:
    """Write only the Wmo pilot into `folder` (as `wmo-wachtlijst.csv`)."""
    from governance.synthetic import generate_pilot

    return generate_pilot(DATASET, Path(folder), seed=seed, rows=rows).rows


def peak_mb() -> float:
    """This process's peak RSS so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class Step:
    name: str
    seconds: float
    peak: float
    note: str = ""


def timed(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    result = call(*args, **kwargs)
    return time.perf_counter() - began, result


def open_store(folder: Path, name: str) -> Any:
    from governance.services import Governance

    governance = Governance.open(f"sqlite:///{folder / name}", actor="bench")
    governance.import_catalog([REPO / "catalog"])
    return governance


def table_lines(steps: list[Step], rows: int, read: float) -> list[str]:
    header = f"{'step':<46} {'seconds':>9} {'rows/s':>12} {'x read':>7} {'peak RSS':>9}"
    lines = [header, "-" * len(header)]
    for step in steps:
        rate = f"{rows / step.seconds:,.0f}" if step.seconds else "-"
        lines.append(
            f"{step.name:<46} {step.seconds:>9.3f} {rate:>12} {step.seconds / read:>7.2f} "
            f"{step.peak:>6,.0f} MB" + (f"  {step.note}" if step.note else "")
        )
    return lines


def decision_lines(decision: Any) -> list[str]:
    from governance.domain.gate import Verdict

    lines = [f"decision: {decision.outcome.value} (decision {decision.id})"]
    blocked = decision.with_verdict(Verdict.BLOCK)
    lines.append("  blocked by: " + (", ".join(r.rule for r in blocked) if blocked else "no rule"))
    lines += [f"    {r.rule}: {r.reason}" for r in blocked]
    for condition in decision.conditions:
        lines.append(f"  condition: {condition.describe()}")
    for result in decision.with_verdict(Verdict.WARN):
        lines.append(f"  warning ({result.rule}): {result.reason}")
    verdicts: dict[str, int] = {}
    for result in decision.results:
        verdicts[result.verdict.value] = verdicts.get(result.verdict.value, 0) + 1
    lines.append(
        f"  {len(decision.results)} rules: "
        + ", ".join(f"{count} {verdict}" for verdict, count in verdicts.items())
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="reads, cold and warm gates")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-share", action="store_true")
    options = parser.parse_args()
    if options.repeat < 1:
        parser.error("--repeat must be 1 or more")
    os.chdir(REPO)  # the gate finds expectations/ in the working directory

    with tempfile.TemporaryDirectory(prefix="gate-bench-") as name:
        folder = Path(name)
        run(folder, options)


def run(folder: Path, options: argparse.Namespace) -> None:
    data = folder / "full" / "wmo-wachtlijst.csv"
    small = folder / "warm-up" / "wmo-wachtlijst.csv"
    began = time.perf_counter()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        written = pool.submit(generate, str(data.parent), options.rows, options.seed).result()
        pool.submit(generate, str(small.parent), WARM_UP_ROWS, options.seed).result()
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"generated {DATASET}: {written:,} rows x 17 columns, {data.stat().st_size / 1e6:,.0f} MB "
        f"in {time.perf_counter() - began:.1f} s (child process, peak RSS {child_peak:,.0f} MB)"
    )

    from governance.domain.scan import compare
    from governance.pii.scan import scan_table
    from governance.quality.run import QualityInput, parse_options, suite_file, validate_file
    from governance.quality.typed import to_frame
    from governance.sharing import ensure_key
    from governance.sources import fingerprint_file, read_table
    from governance.synthetic.seeding import REFERENCE_DATE

    today: date = REFERENCE_DATE  # the export's peildatum: same answer on every day
    gate_args = (DATASET, RECIPIENT, PURPOSE)

    # Warm-up: one-time imports and lazy set-up, on a small file in a throw-away store.
    governance = open_store(folder, "warm-up.db")
    warm_up, _ = timed(governance.gate, *gate_args, data=small, today=today)
    registration = governance.show(DATASET).registration
    baseline = peak_mb()
    print(
        f"warm-up gate on {WARM_UP_ROWS:,} rows (imports, Great Expectations context, "
        f"Presidio analyzer): {warm_up:.2f} s; peak RSS after it {baseline:,.0f} MB"
    )
    del governance
    steps: list[Step] = []

    # (a) Reading the file.
    reads = []
    loaded = read_table(data)  # one untimed read first: a warm page cache, as the gate gets
    for _ in range(options.repeat):
        loaded = None
        gc.collect()
        seconds, loaded = timed(read_table, data)
        reads.append(seconds)
    assert loaded is not None
    rows = loaded.rows
    assert rows == options.rows, f"read {rows} rows, wrote {options.rows}"
    loaded = None
    gc.collect()
    read = min(reads)
    steps.append(Step("(a) read_table, best", read, peak_mb(), f"of {len(reads)}"))
    steps.append(Step("    read_table, median", statistics.median(reads), peak_mb()))

    # (b) Cold gates: a fresh store each time.
    colds = []
    gate_run = None
    for index in range(options.repeat):
        governance = open_store(folder, f"g{index}.db")
        gc.collect()
        seconds, gate_run = timed(governance.gate, *gate_args, data=data, today=today)
        assert gate_run.scanned and gate_run.validated, "a cold gate must scan and validate"
        colds.append(seconds)
    assert gate_run is not None
    cold_peak = peak_mb()
    steps.append(Step("(b) cold gate (read+scan+validate+rules), best", min(colds), cold_peak))
    steps.append(Step("    cold gate, median", statistics.median(colds), cold_peak))

    # (c) Warm gates on the last store.
    warms = []
    for _ in range(options.repeat):
        seconds, warm_run = timed(governance.gate, *gate_args, data=data, today=today)
        assert not (warm_run.scanned or warm_run.validated), "a warm gate must reuse both"
        warms.append(seconds)
    steps.append(Step("(c) warm gate (hash+rules), best", min(warms), peak_mb()))
    steps.append(Step("    warm gate, median", statistics.median(warms), peak_mb()))

    # (d) Share: a Parquet extract.
    extract = None
    if not options.skip_share:
        os.environ["GOVERNANCE_KEY_FILE"] = str(folder / "keys" / "pseudonymisation.key")
        ensure_key()
        shares = []
        for index in range(options.repeat):
            out = folder / f"extract-{index}.parquet"
            seconds, shared = timed(governance.share, *gate_args, out=out, data=data, today=today)
            assert shared.reused, "the share should reuse the stored decision"
            shares.append(seconds)
            extract = shared.extract
        note = "no extract: blocked" if extract is None else ""
        steps.append(Step("(d) share, decision reused (read+write), best", min(shares), peak_mb()))
        median = statistics.median(shares)
        steps.append(Step("    share, decision reused, median", median, peak_mb()))
        fresh = open_store(folder, "share-fresh.db")
        gc.collect()
        out = folder / "extract-fresh.parquet"
        seconds, shared = timed(fresh.share, *gate_args, out=out, data=data, today=today)
        assert not shared.reused and shared.gate.scanned
        steps.append(Step("    share on a fresh store (gate+extract)", seconds, peak_mb(), note))
        del fresh

    # (e) Breakdown on one loaded table.
    gc.collect()
    seconds, _ = timed(fingerprint_file, data)
    steps.append(Step("(e) fingerprint_file (SHA-256 of the bytes)", seconds, peak_mb()))
    seconds, loaded = timed(read_table, data)
    steps.append(Step("    read_table (for the breakdown)", seconds, peak_mb()))
    seconds, report = timed(scan_table, loaded, today)
    steps.append(Step("    scan_table", seconds, peak_mb()))
    undeclared = {d.column for d in compare(registration, report).undeclared}
    declared = {c.name for c in registration.declared_pii_columns}
    quality = QualityInput(
        registration,
        suite_file(DATASET, REPO / "expectations"),
        frozenset(declared | undeclared),
        today,
    )
    seconds, result = timed(validate_file, quality, loaded)
    steps.append(Step("    validate_file (contract + suite)", seconds, peak_mb()))
    seconds, _ = timed(to_frame, loaded, registration, options=parse_options(registration))
    steps.append(Step("    of which to_frame (typing)", seconds, peak_mb()))

    print()
    print(
        f"{DATASET}: {rows:,} rows x {loaded.table.num_columns} columns, "
        f"{data.stat().st_size / 1e6:,.0f} MB; repeat {options.repeat}; "
        f"{os.cpu_count()} CPUs; peak RSS before the steps {baseline:,.0f} MB"
    )
    print("\n".join(table_lines(steps, rows, read)))
    print("(peak RSS: the process's high-water mark after the step, ru_maxrss)")
    print()
    print(
        f"cold gate / read: {min(colds) / read:.1f}x (best), "
        f"{statistics.median(colds) / read:.1f}x (median); "
        f"warm gate / read: {min(warms) / read:.2f}x"
    )
    try:
        import pyarrow as pa

        print(f"Arrow memory pool peak: {pa.default_memory_pool().max_memory() / 1e6:,.0f} MB")
    except Exception:  # not every pool reports a peak
        pass
    found = sum(1 for column in report.columns if column.entities)
    failed = sum(1 for e in result.expectations if not e.success)
    print(
        f"scan: personal data in {found} of {len(report.columns)} columns "
        f"({len(undeclared)} undeclared); quality: {result.outcome.value}, "
        f"{len(result.contract)} contract problems, {failed} of {len(result.expectations)} "
        "expectations failed"
    )
    print("\n".join(decision_lines(gate_run.decision)))
    if extract is not None:
        print(
            f"extract: {extract.rows:,} rows, {len(extract.columns)} columns kept, "
            f"{len(extract.dropped)} dropped, {extract.path.stat().st_size / 1e6:,.0f} MB"
        )


if __name__ == "__main__":
    sys.exit(main())
