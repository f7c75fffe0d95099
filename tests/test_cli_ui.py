"""`governance ui` through the entry point (the server itself: tests/e2e)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import Cli


@pytest.mark.parametrize(
    ("port", "message"), [("0", "choose a port from 1 to 65535"), ("70000", "choose a port")]
)
def test_governance_ui_refuses_a_port_it_cannot_listen_on(
    sqlite_url: str, tmp_path: Path, port: str, message: str
) -> None:
    run = Cli(sqlite_url, tmp_path)("ui", "--port", port)
    assert run.returncode == 2 and message in run.stderr
