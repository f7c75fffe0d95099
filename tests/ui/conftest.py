"""The UI's test harness: a small demo store made once per test process and copied for
each test (a test may write to its copy), and the real app under Streamlit's AppTest,
signed in as one of the demo accounts.

Demo accounts (see `governance.services.DEMO_COLLEAGUES`): `beheer` (admin and steward,
the one who ran the demo), `steward`, `privacy-officer`, `fg` (DPO), `analist`; every one
with `DEMO_PASSWORD`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from governance.services import Governance

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
ADMIN = "beheer"  # the demo's own actor in these tests
DEMO_ROWS = 300


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store (registrations, synthetic data, scans, quality runs, accounts) on
    SQLite, made once per test process."""
    folder = tmp_path_factory.mktemp("ui-demo")
    governance = Governance.open(f"sqlite:///{folder / 'governance.db'}", ADMIN)
    before = Path.cwd()
    os.chdir(folder)  # the registrations name their data as demo-data/…, from here
    try:
        governance.run_demo(Path("demo-data"), None, seed=2026, rows=DEMO_ROWS)
    finally:
        os.chdir(before)
        governance.store.dispose()
    return folder


@pytest.fixture
def ui_store(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the demo store for this test, made the UI's store (GOVERNANCE_DB), in a
    working directory where the registrations find their data (demo-data/…)."""
    database = tmp_path / "governance.db"
    shutil.copy(demo_template / "governance.db", database)
    (tmp_path / "demo-data").symlink_to(demo_template / "demo-data")
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{database}"
    monkeypatch.setenv("GOVERNANCE_DB", url)
    return url


def governance_as(url: str, name: str) -> Governance:
    return Governance.open(url, name)


@pytest.fixture
def open_page(ui_store: str) -> Iterator[Callable[..., AppTest]]:
    """`open_page("catalogue", as_user="steward")`: the app, signed in, on that page, run."""
    from ui.components.session import SignedIn

    def open_(page: str | None, as_user: str | None, language: str = "nl") -> AppTest:
        app = AppTest.from_file(str(APP), default_timeout=60)
        app.session_state["language"] = language
        if as_user is not None:
            app.session_state["signed_in"] = SignedIn(as_user, "password")
        app.run()
        if page is not None:
            app.switch_page(f"pages/{page}.py")
            app.run()
        return app

    yield open_


@pytest.fixture
def run_page_alone(ui_store: str) -> Callable[..., AppTest]:
    """`run_page_alone("audit_log", as_user="analist")`: the page's own file run without
    the app's navigation, as a URL typed by hand would reach it; for permission cases."""
    from ui.components.session import SignedIn

    def run(page: str, as_user: str, language: str = "nl") -> AppTest:
        app = AppTest.from_file(str(APP.parent / "pages" / f"{page}.py"), default_timeout=60)
        app.session_state["language"] = language
        app.session_state["signed_in"] = SignedIn(as_user, "password")
        return app.run()

    return run
