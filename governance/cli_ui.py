"""`governance ui`: start the Streamlit front end on this machine (127.0.0.1 by default),
on the store of `--db` / `GOVERNANCE_DB`."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from governance import config
from governance.errors import BadInputError, ExitCode

DEFAULT_PORT = 8501


def add_ui_command(commands: Any, command: Any) -> None:
    ui = command(commands, "ui", "start the web front end (Streamlit) on the store", _ui)
    ui.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; put a TLS proxy "
        "with the municipality's sign-in in front before opening it further)",
    )
    ui.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")


def _ui(arguments: argparse.Namespace) -> int:
    app = config.project_path("ui") / "app.py"
    if not app.is_file():
        raise BadInputError(f"{app}: the front end is missing; reinstall governance")
    if not 0 < arguments.port < 65536:
        raise BadInputError(f"--port {arguments.port}: choose a port from 1 to 65535")
    if arguments.db:
        os.environ["GOVERNANCE_DB"] = arguments.db
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    print(f"governance UI on http://{arguments.host}:{arguments.port} (Ctrl+C stops it)")
    sys.stdout.flush()
    command = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", arguments.host,
        "--server.port", str(arguments.port),
        "--server.headless", "true",
        "--server.maxUploadSize", str(config.max_upload_mb()),
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal",
        "--global.developmentMode", "false",
    ]  # fmt: skip
    os.execv(sys.executable, command)
    return ExitCode.OK  # not reached: the server replaces this process
