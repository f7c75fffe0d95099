"""Run `governance scan PATH --format json` as a user would, and measure it.

The benchmark judges the scanner only through its CLI contract (DESIGN.md, "Scan JSON"),
never by importing it: the same way the independent held-out benchmark will. Wall time
and the scan process's own peak RSS come with every run, so the throughput script and
the scorer share one way of calling it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# 0 ok; 1 "checks failed" (a policy verdict) still comes with a full report on stdout.
REPORT_EXIT_CODES = (0, 1)


def governance_command() -> list[str]:
    """The CLI next to this interpreter (the project's .venv), else the one on PATH."""
    override = os.environ.get("GOVERNANCE_CMD")
    if override:
        return override.split()
    beside = Path(sys.executable).parent / "governance"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("governance")
    return [found] if found else [str(beside)]


@dataclass(frozen=True)
class ScanRun:
    """One scan: the parsed report (None on failure), why it failed, and what it cost."""

    path: Path
    report: dict[str, Any] | None
    error: str | None
    seconds: float
    peak_rss_bytes: int | None
    returncode: int | None


# Peak RSS must be the scan's own. A child forked from this (possibly large) process
# inherits its RSS high-water mark, which Linux carries into ru_maxrss across exec. So a
# small launcher process forks the scan instead, and reports the grandchild's wall time
# and ru_maxrss (os.wait4) through a file.
LAUNCHER = """
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(report, "w") as handle:
    handle.write(f"{usage.ru_maxrss} {seconds}")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run_scan(
    path: Path, command: Sequence[str] | None = None, extra: Sequence[str] = ()
) -> ScanRun:
    """Scan one file; the error message never repeats the scanner's output (it might hold
    a value from the data), only the exit code and how to reproduce by hand."""
    argv = [*(command or governance_command()), "scan", str(path), "--format", "json", *extra]
    if not (shutil.which(argv[0]) or Path(argv[0]).exists()):
        return ScanRun(path, None, f"cannot find {argv[0]}", 0.0, None, None)
    with tempfile.TemporaryDirectory() as folder:
        measured = Path(folder) / "usage"
        out_path = Path(folder) / "stdout"
        with out_path.open("wb") as out:
            completed = subprocess.run(
                [sys.executable, "-c", LAUNCHER, str(measured), *argv],
                stdout=out,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        stdout = out_path.read_bytes()
        maxrss_kb, seconds = measured.read_text().split() if measured.exists() else ("0", "0")
    returncode = completed.returncode
    peak = int(maxrss_kb) * 1024  # ru_maxrss is in kilobytes on Linux
    elapsed = float(seconds)
    hint = f"rerun `{' '.join(argv)}` to see why"
    if returncode not in REPORT_EXIT_CODES:
        return ScanRun(path, None, f"exit code {returncode}; {hint}", elapsed, peak, returncode)
    try:
        report = json.loads(stdout)
    except ValueError:
        return ScanRun(path, None, f"stdout is not JSON; {hint}", elapsed, peak, returncode)
    if not isinstance(report, dict) or not isinstance(report.get("columns"), list):
        error_text = f"JSON has no 'columns' list; {hint}"
        return ScanRun(path, None, error_text, elapsed, peak, returncode)
    return ScanRun(path, report, None, elapsed, peak, returncode)
