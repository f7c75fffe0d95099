"""End-to-end: the real front end (`governance ui`, a Streamlit server in its own process)
on a demo store, driven by Debian's chromium through Playwright.

Chromium comes from the distribution (`apt-get install chromium`; `.ci/run` does it);
never `playwright install`, which downloads. Without chromium these tests skip on a
developer's machine and fail under CI=true, like the PostgreSQL tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from governance.services import DEMO_PASSWORD

CHROMIUM = Path(os.environ.get("GOVERNANCE_TEST_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
GOVERNANCE = [sys.executable, "-m", "governance"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_healthy(url: str, server: subprocess.Popen[str], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"governance ui exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"governance ui did not answer on {url} within {seconds} s")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a demo store (accounts with DEMO_PASSWORD) and its data."""
    folder = tmp_path_factory.mktemp("e2e")
    demo = subprocess.run(
        [*GOVERNANCE, "demo", "--rows", "300"],
        cwd=folder, env=env(folder), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    return folder


def env(folder: Path) -> dict[str, str]:
    """The environment of every governance process of these tests: this folder's store
    and key, acting as the demo's admin."""
    return {
        **os.environ,
        "GOVERNANCE_DB": f"sqlite:///{folder / 'governance.db'}",
        "GOVERNANCE_USER": "beheer",
        "GOVERNANCE_KEY_FILE": str(folder / "pseudonymisation.key"),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }


@pytest.fixture(scope="module")
def ui_url(workdir: Path) -> Iterator[str]:
    """`governance ui` on a free port, started the way a user starts it."""
    port = _free_port()
    log = (workdir / "ui.log").open("w")
    server = subprocess.Popen(
        [*GOVERNANCE, "ui", "--port", str(port)],
        cwd=workdir, env=env(workdir), stdout=log, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server, 60)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


OPEN_SESSIONS: list[Session] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """When a browser test fails, a screenshot of every tab still open shows where."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call" and report.failed:
        for session in OPEN_SESSIONS:
            session.screenshot(f"failed-{item.name}-{session.name}")


class Session:
    """One person's browser tab on the front end."""

    def __init__(self, browser: Any, url: str, name: str) -> None:
        OPEN_SESSIONS.append(self)
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.context.set_default_timeout(60_000)  # a shared CI machine runs other tests too
        self.page = self.context.new_page()
        # Nothing of the front end may reach outside this machine (fonts, icons, telemetry).
        self.outside: list[str] = []
        self.context.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((url, "data:", "blob:"))
                else self.outside.append(request.url)
            ),
        )
        self.url = url
        self.name = name
        self.page.goto(url)
        self.page.get_by_label("Gebruikersnaam").fill(name)
        self.page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Aanmelden").click()
        self.page.get_by_text(f"Aangemeld als {name}").wait_for()
        self.settle()

    def open(self, title: str) -> None:
        """Go to the page with this navigation title and wait for it to settle."""
        self.page.get_by_role("link", name=title).first.click()
        self.settle()

    def settle(self) -> None:
        """Wait until Streamlit has finished running the script (the app root says so in
        an attribute); the short pause lets a rerun that a click asked for begin."""
        self.page.wait_for_timeout(400)
        self.page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        OPEN_SESSIONS.remove(self)
        self.context.close()
        assert not self.outside, f"the front end reached outside: {self.outside}"
