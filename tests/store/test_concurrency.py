"""Two processes update the same registration at the same moment: exactly one wins."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from governance.domain.registration import Registration
from governance.errors import ConflictError
from governance.store import registrations
from governance.store.db import Store
from tests.builders import valid_document, with_change, write_yaml


def _race(
    url: str,
    title: str,
    barrier: multiprocessing.synchronize.Barrier,
    results: multiprocessing.Queue,
) -> None:  # type: ignore[type-arg]
    store = Store(url)
    edit = Registration.model_validate(with_change(valid_document(), "title", title))
    barrier.wait(timeout=60)
    try:
        with store.writing() as connection:
            outcome = registrations.save(connection, edit, title)
        results.put(("won", title, outcome.version))
    except ConflictError as error:
        results.put(("conflict", title, str(error)))
    finally:
        store.dispose()


def test_two_processes_one_wins(store_url: str) -> None:
    store = Store(store_url)
    store.migrate()
    with store.writing() as connection:
        registrations.save(connection, Registration.model_validate(valid_document()), "setup")
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    racers = [
        context.Process(target=_race, args=(store_url, title, barrier, results))
        for title in ("Wijziging A", "Wijziging B")
    ]
    for racer in racers:
        racer.start()
    outcomes = sorted(results.get(timeout=120) for _ in racers)
    for racer in racers:
        racer.join(timeout=60)
    assert [o[0] for o in outcomes] == ["conflict", "won"]
    winner = outcomes[1][1]
    assert "someone else saved first" in outcomes[0][2]
    with store.reading() as connection:
        assert registrations.get(connection, "wmo-test").title == winner
        assert [v.version for v in registrations.history(connection, "wmo-test")] == [1, 2]
    store.dispose()


def test_two_cli_imports_one_wins(store_url: str, tmp_path: Path) -> None:
    environment = {**os.environ, "GOVERNANCE_DB": store_url}
    command = [sys.executable, "-m", "governance", "catalog", "import"]
    first = write_yaml(valid_document(), tmp_path / "base" / "wmo-test.yaml")
    subprocess.run([*command, str(first)], env=environment, check=True, capture_output=True)
    edits = [
        write_yaml(
            with_change(valid_document(), "title", f"Wijziging {name}"),
            tmp_path / name / "wmo-test.yaml",
        )
        for name in ("a", "b")
    ]
    runs = [
        subprocess.Popen(
            [*command, str(p)],
            env=environment,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for p in edits
    ]
    finished = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    codes = sorted(code for code, _, _ in finished)
    assert codes == [0, 2], finished
    loser = next(err for code, _, err in finished if code == 2)
    assert "someone else saved first" in loser and "wmo-test.yaml" in loser
    winner = next(out for code, out, _ in finished if code == 0)
    assert "updated" in winner
