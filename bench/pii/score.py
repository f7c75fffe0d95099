"""Score `governance scan` against the labelled benchmark, at column level.

Usage: .venv/bin/python bench/pii/score.py /tmp/pii-bench [--jobs 2] [--save DIR | --load DIR]

The unit is a (column, entity) pair: a column labelled {BSN} and reported as {BSN, PERSON}
is one true positive (BSN) and one false positive (PERSON). Column level is what a
privacy officer acts on, so it is what we count. Targets (issue 3): micro F1 >= 0.97,
every entity F1 >= 0.9, no finding at all on a hard-negative column. Exit 0 when met,
1 when missed (or a scan failed), 2 when the folder holds no labels.

Only table names, column headers and entity names are printed, never a value.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __name__ == "__main__" and not __package__:  # run as a script: make `bench.pii` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.pii.labels import TableLabels, read_folder
from bench.pii.scan import run_scan
from bench.pii.vocabulary import ENTITIES

MICRO_F1_TARGET = 0.97
ENTITY_F1_TARGET = 0.9


@dataclass(frozen=True)
class ColumnResult:
    """One column's truth next to the scanner's decision."""

    table: str
    column: str
    expected: frozenset[str]
    got: frozenset[str]
    hard_negative: bool = False
    about: str = ""
    note: str = ""  # "not in scan" / "not in labels"

    @property
    def missed(self) -> frozenset[str]:
        return self.expected - self.got

    @property
    def extra(self) -> frozenset[str]:
        return self.got - self.expected

    @property
    def judged_extra(self) -> frozenset[str]:
        """Extra entities from the benchmark vocabulary (others are not judged)."""
        return frozenset(e for e in self.extra if e in ENTITIES)


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """None when there is nothing to judge (no label, no prediction); 0 when one side
        is empty (only misses or only false alarms)."""
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def _entity_list(value: Any) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset(str(item) for item in value)


def compare(labels: TableLabels, report: Mapping[str, Any] | None) -> list[ColumnResult]:
    """Pair every labelled column with the scan's `entities` for the same exact header.

    A labelled column the scan does not name counts as reporting nothing (so a mangled
    header costs recall); a scanned column without a label is listed but not scored; an
    entity the labels mark optional for a column is dropped from what the scan reported.
    """
    scanned: dict[str, frozenset[str]] = {}
    for column in (report or {}).get("columns", []):
        if isinstance(column, Mapping) and "name" in column:
            scanned[str(column["name"])] = _entity_list(column.get("entities"))
    hard = set(labels.hard_negatives)
    results = []
    for header, entities in labels.columns.items():
        present = header in scanned
        either_way = frozenset(labels.optional.get(header, ()))  # counted neither way
        results.append(
            ColumnResult(
                table=labels.file,
                column=header,
                expected=frozenset(entities),
                got=scanned.get(header, frozenset()) - either_way,
                hard_negative=header in hard,
                about=labels.about.get(header, ""),
                note="" if present or report is None else "not in scan",
            )
        )
    for header, entities in scanned.items():
        if header not in labels.columns:
            results.append(
                ColumnResult(labels.file, header, frozenset(), entities, note="not in labels")
            )
    return results


def _scored(results: Iterable[ColumnResult]) -> Iterable[ColumnResult]:
    return (r for r in results if r.note != "not in labels")


def count(results: Iterable[ColumnResult]) -> dict[str, Counts]:
    """Per-entity counts over (column, entity) pairs, for every vocabulary entity."""
    totals = {entity: Counts() for entity in ENTITIES}
    for result in _scored(results):
        for entity in ENTITIES:
            expected, got = entity in result.expected, entity in result.got
            if expected or got:
                totals[entity] += Counts(
                    int(expected and got), int(got and not expected), int(expected and not got)
                )
    return totals


def micro(per_entity: Mapping[str, Counts]) -> Counts:
    total = Counts()
    for counts in per_entity.values():
        total += counts
    return total


def hard_negative_false_positives(results: Iterable[ColumnResult]) -> list[ColumnResult]:
    """Hard-negative columns where the scanner claimed any benchmark entity."""
    return [r for r in _scored(results) if r.hard_negative and r.judged_extra]


def mismatches(results: Iterable[ColumnResult]) -> list[ColumnResult]:
    return [r for r in _scored(results) if r.missed or r.judged_extra]


def unjudged(results: Iterable[ColumnResult]) -> list[ColumnResult]:
    """Columns the scan named but the labels do not, or entities outside the vocabulary."""
    return [r for r in results if r.note == "not in labels" or r.extra - r.judged_extra]


def target_failures(
    per_entity: Mapping[str, Counts],
    hard_fps: Sequence[ColumnResult],
    micro_target: float = MICRO_F1_TARGET,
    entity_target: float = ENTITY_F1_TARGET,
) -> list[str]:
    """Each missed target as one sentence; empty when all are met."""
    failures = []
    overall = micro(per_entity).f1
    if overall is None or overall < micro_target:
        shown = "n/a" if overall is None else f"{overall:.3f}"
        failures.append(f"micro F1 {shown} < {micro_target}")
    for entity, counts in per_entity.items():
        f1 = counts.f1
        if f1 is not None and f1 < entity_target:
            failures.append(f"{entity} F1 {f1:.3f} < {entity_target}")
    if hard_fps:
        failures.append(f"{len(hard_fps)} false positive(s) on hard-negative columns (target 0)")
    return failures


def all_failures(results: Sequence[ColumnResult], errors: Mapping[str, str]) -> list[str]:
    """Missed targets plus scan failures: what makes the script exit 1."""
    failures = target_failures(count(results), hard_negative_false_positives(results))
    if errors:
        failures.append(f"{len(errors)} table(s) could not be scanned")
    return failures


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def _names(entities: Iterable[str]) -> str:
    return "[" + ", ".join(sorted(entities)) + "]"


def format_report(results: Sequence[ColumnResult], errors: Mapping[str, str]) -> str:
    """The printed report: per-entity scores, micro average, hard-negative FPs, mismatches."""
    per_entity = count(results)
    lines = [
        f"{'entity':<15} {'support':>7} {'tp':>4} {'fp':>4} {'fn':>4}  {'P':>5} {'R':>5} {'F1':>5}"
    ]
    for entity, c in per_entity.items():
        lines.append(
            f"{entity:<15} {c.support:>7} {c.tp:>4} {c.fp:>4} {c.fn:>4}  "
            f"{_fmt(c.precision)} {_fmt(c.recall)} {_fmt(c.f1)}"
        )
    total = micro(per_entity)
    lines.append(
        f"{'micro':<15} {total.support:>7} {total.tp:>4} {total.fp:>4} {total.fn:>4}  "
        f"{_fmt(total.precision)} {_fmt(total.recall)} {_fmt(total.f1)}"
    )
    scored = list(_scored(results))
    hard = [r for r in scored if r.hard_negative]
    hard_fps = hard_negative_false_positives(results)
    lines += ["", f"hard-negative columns: {len(hard)}, with a false positive: {len(hard_fps)}"]
    lines += [
        f"  {r.table} :: {r.column} got {_names(r.judged_extra)}  ({r.about})" for r in hard_fps
    ]
    wrong = mismatches(results)
    lines += ["", f"mismatches: {len(wrong)} of {len(scored)} labelled columns"]
    for r in wrong:
        note = f" [{r.note}]" if r.note else ""
        lines.append(
            f"  {r.table} :: {r.column}: expected {_names(r.expected)} got {_names(r.got)}"
            f"{note}  ({r.about})"
        )
    extra = unjudged(results)
    if extra:
        lines += ["", "not judged (unlabelled column or entity outside the vocabulary):"]
        lines += [f"  {r.table} :: {r.column} got {_names(r.got)} {r.note}".rstrip() for r in extra]
    if errors:
        lines += ["", f"scan failures: {len(errors)}"]
        lines += [f"  {table}: {message}" for table, message in errors.items()]
    failures = all_failures(results, errors)
    lines += ["", "targets: " + ("met" if not failures else "MISSED")]
    lines += [f"  - {failure}" for failure in failures]
    return "\n".join(lines)


def _scan_all(
    folder: Path, tables: Sequence[TableLabels], jobs: int, load: Path | None, save: Path | None
) -> tuple[dict[str, dict[str, Any] | None], dict[str, str]]:
    reports: dict[str, dict[str, Any] | None] = {}
    errors: dict[str, str] = {}

    def one(labels: TableLabels) -> tuple[str, dict[str, Any] | None, str | None]:
        if load is not None:
            path = load / f"{labels.table}.scan.json"
            if not path.exists():
                return labels.file, None, f"no saved report {path.name}"
            return labels.file, json.loads(path.read_text("utf-8")), None
        run = run_scan(folder / labels.file)
        return labels.file, run.report, run.error

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for file, report, error in pool.map(one, tables):
            reports[file] = report
            if error:
                errors[file] = error
            elif save is not None and report is not None:
                save.mkdir(parents=True, exist_ok=True)
                target = save / f"{Path(file).stem}.scan.json"
                target.write_text(json.dumps(report, indent=1), "utf-8")
    return reports, errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder written by tables.py")
    parser.add_argument("--jobs", type=int, default=2, help="scans run in parallel")
    parser.add_argument("--save", type=Path, help="also write each scan's JSON here")
    parser.add_argument("--load", type=Path, help="score saved scan JSONs instead of scanning")
    args = parser.parse_args(argv)
    tables = read_folder(args.folder)
    if not tables:
        print(f"no *.labels.json in {args.folder}; run tables.py first", file=sys.stderr)
        return 2
    reports, errors = _scan_all(args.folder, tables, args.jobs, args.load, args.save)
    results = [r for labels in tables for r in compare(labels, reports.get(labels.file))]
    print(f"{len(tables)} tables, {sum(len(t.columns) for t in tables)} labelled columns\n")
    print(format_report(results, errors))
    return 1 if all_failures(results, errors) else 0


if __name__ == "__main__":
    raise SystemExit(main())
