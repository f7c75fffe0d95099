"""One quality run: the schema contract first, then the expectation suite.

The contract is the registration's own promise (columns, types, nulls, uniqueness). When
it breaks, the suite is not run: its expectations assume the declared shape, and a
steward should fix the shape first. Files are typed in pandas and validated there; SQL
tables are validated in the database, never pulled whole.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from governance.domain.quality import ContractProblem, ExpectationOutcome, ValidationResult
from governance.errors import BadInputError

if TYPE_CHECKING:
    from governance.domain.registration import Registration
    from governance.quality.parse_options import ParseOptions
    from governance.quality.suites import Suite
    from governance.sources import LoadedTable


@dataclass(frozen=True)
class QualityInput:
    """What a run needs besides the data: the registration, its suite file, and which
    columns hold personal data (declared or found by a scan) so that no value of theirs is
    kept. The suite is loaded late: checking its arguments imports Great Expectations,
    which by then has been warming up in the background while the data was read."""

    registration: Registration
    suite_file: Path | None
    personal_columns: frozenset[str]
    today: date


def warm_up() -> threading.Thread:
    """Start building Great Expectations' context in the background: its three seconds of
    imports overlap with reading and typing the data instead of following them."""
    from governance.quality import _gx

    thread = threading.Thread(target=_gx.context, name="gx-warm-up", daemon=True)
    thread.start()
    return thread


def validate_file(run: QualityInput, loaded: LoadedTable) -> ValidationResult:
    from governance.quality.contract import check_contract
    from governance.quality.typed import to_frame

    typed = to_frame(loaded, run.registration, options=parse_options(run.registration))
    contract = check_contract(loaded, typed, run.registration)
    outcomes: list[ExpectationOutcome] = []
    suite = _load(run.suite_file)
    if suite is not None:
        _refuse_unknown_columns(suite, loaded.table.column_names, contract)
        if not contract:
            from governance.quality.runner import run_on_frame

            outcomes = run_on_frame(suite, typed.frame, set(run.personal_columns), run.today)
    return _result(run, loaded.path, loaded.fingerprint, loaded.rows, contract, outcomes)


def validate_sql(run: QualityInput, url: str, table: str) -> ValidationResult:
    import sqlalchemy as sa

    from governance.quality.sql_contract import check_sql_contract

    suite = _load(run.suite_file)
    contract = check_sql_contract(
        url, table, run.registration, options=parse_options(run.registration)
    )
    schema, _, name = table.rpartition(".")
    engine = sa.create_engine(url, hide_parameters=True)
    try:
        with engine.connect() as connection:
            inspector = sa.inspect(connection)
            columns = [c["name"] for c in inspector.get_columns(name, schema=schema or None)]
            rows = connection.execute(
                sa.select(sa.func.count()).select_from(sa.table(name, schema=schema or None))
            ).scalar_one()
    finally:
        engine.dispose()
    outcomes: list[ExpectationOutcome] = []
    if suite is not None:
        _refuse_unknown_columns(suite, columns, contract)
        if not contract:
            from governance.quality.runner import run_on_sql

            outcomes = run_on_sql(suite, url, table, set(run.personal_columns), run.today)
    fingerprint = _sql_fingerprint(url, table, rows)
    return _result(run, f"{table} ({url.split('@')[-1]})", fingerprint, rows, contract, outcomes)


def _sql_fingerprint(url: str, table: str, rows: int) -> str:
    """A table in use changes all the time; its identity here is the table and row count
    (weaker than a file's SHA-256 — documented in the README)."""
    import hashlib

    return hashlib.sha256(f"{url.split('@')[-1]}|{table}|{rows}".encode()).hexdigest()


def _refuse_unknown_columns(
    suite: Suite, columns: list[str], contract: list[ContractProblem]
) -> None:
    """A suite naming a column that neither the data nor the contract's missing columns
    know is a mistake in the suite: bad input (file:line, the closest name), nothing stored."""
    from governance.quality.suites import column_problems

    reported = {p.column for p in contract if p.check == "column_missing"}
    problems = column_problems(suite, [*columns, *reported])
    if problems:
        raise BadInputError("\n".join(problems))


def _result(
    run: QualityInput,
    source: str,
    fingerprint: str,
    rows: int,
    contract: list[ContractProblem],
    outcomes: list[ExpectationOutcome],
) -> ValidationResult:
    return ValidationResult(
        run.registration.id,
        run.registration.version,
        source,
        fingerprint,
        rows,
        tuple(contract),
        tuple(outcomes),
    )


def parse_options(registration: Registration) -> ParseOptions | None:
    """The registration's `source.parsing` as the typing step's options (None: detect)."""
    from governance.quality.parse_options import ParseOptions

    parsing = registration.source.parsing
    if parsing is None:
        return None
    chosen = parsing.model_dump(exclude={"encoding", "delimiter"})
    return ParseOptions(**{k: tuple(v) if isinstance(v, list) else v for k, v in chosen.items()})


def suite_file(dataset_id: str, folder: Path) -> Path | None:
    """The dataset's suite file, `folder/<id>.yaml`, or None when it has none."""
    from governance.quality.suites import suite_path

    path = suite_path(dataset_id, folder)
    return path if path.exists() else None


def _load(path: Path | None) -> Suite | None:
    from governance.quality.suites import load_suite

    return load_suite(path) if path is not None else None


def suite_digest(path: Path | None) -> str | None:
    """SHA-256 of the suite file (None without one): a quality run, and a gate decision
    that relies on it, hold only for the suite they ran."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else None
