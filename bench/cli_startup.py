"""How fast does `governance` start? Target: `governance --help` under 1 s.

Runs each command several times in fresh processes and prints the median wall time.
Run with `make bench`; not part of `make test` (timings depend on the machine).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 7
COMMANDS = (["--help"], ["catalog", "list", "--help"], ["catalog", "list"])


def median_seconds(arguments: list[str], database: str) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "governance", "--db", database, *arguments],
            check=True,
            capture_output=True,
        )
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/bench.db"
        subprocess.run(
            [sys.executable, "-m", "governance", "--db", database, "init"],
            check=True,
            capture_output=True,
        )
        for arguments in COMMANDS:
            seconds = median_seconds(arguments, database)
            print(
                f"governance {' '.join(arguments):<24} median {seconds * 1000:6.0f} ms "
                f"over {RUNS} runs"
            )


if __name__ == "__main__":
    main()
