"""Calling the CLI: report parsing, failures, and the scan's own peak memory, on a fake CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.pii.scan import run_scan

FAKE = """
import json, sys
_, command, path, *rest = sys.argv
mode = open(path).read().strip()
if mode == "crash":
    print("boom with a value 123456782", file=sys.stderr)
    sys.exit(3)
if mode == "text":
    print("not json")
    sys.exit(0)
ballast = bytearray(80 * 1024 * 1024)  # touch 80 MB so the peak shows it
for i in range(0, len(ballast), 4096):
    ballast[i] = 1
print(json.dumps({"source": path, "rows": 1, "rows_scanned": 1, "columns": [
    {"name": "a", "entities": ["BSN"], "findings": []}]}))
sys.exit(1 if mode == "policy" else 0)
"""


def fake_cli(tmp_path: Path) -> list[str]:
    script = tmp_path / "fake_governance.py"
    script.write_text(FAKE, "utf-8")
    return [sys.executable, str(script)]


def data(tmp_path: Path, mode: str) -> Path:
    path = tmp_path / f"{mode}.csv"
    path.write_text(mode, "utf-8")
    return path


def test_a_report_is_parsed_with_time_and_peak_memory(tmp_path: Path) -> None:
    run = run_scan(data(tmp_path, "ok"), command=fake_cli(tmp_path))
    assert run.error is None and run.returncode == 0
    assert run.report is not None and run.report["columns"][0]["entities"] == ["BSN"]
    assert run.seconds > 0
    assert run.peak_rss_bytes is not None and 80 * 1024**2 < run.peak_rss_bytes < 400 * 1024**2


def test_exit_one_still_carries_a_report(tmp_path: Path) -> None:
    run = run_scan(data(tmp_path, "policy"), command=fake_cli(tmp_path))
    assert run.error is None and run.returncode == 1 and run.report is not None


def test_failures_say_how_to_reproduce_without_repeating_output(tmp_path: Path) -> None:
    crash = run_scan(data(tmp_path, "crash"), command=fake_cli(tmp_path))
    assert crash.report is None and crash.returncode == 3
    assert crash.error is not None and crash.error.startswith("exit code 3; rerun `")
    assert "123456782" not in crash.error
    text = run_scan(data(tmp_path, "text"), command=fake_cli(tmp_path))
    assert text.error is not None and text.error.startswith("stdout is not JSON")


def test_a_missing_cli_is_reported(tmp_path: Path) -> None:
    run = run_scan(data(tmp_path, "ok"), command=[str(tmp_path / "no-such-governance")])
    assert run.report is None and run.error is not None and "cannot find" in run.error


def test_reports_round_trip_as_json(tmp_path: Path) -> None:
    run = run_scan(data(tmp_path, "ok"), command=fake_cli(tmp_path))
    assert json.loads(json.dumps(run.report)) == run.report
