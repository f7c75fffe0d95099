"""Settings read from the environment, with their defaults, in one place."""

from __future__ import annotations

import getpass
import os

DEFAULT_DB_URL = "sqlite:///governance.db"


def database_url() -> str:
    """`GOVERNANCE_DB`: an SQLAlchemy URL; SQLite in the working directory by default."""
    return os.environ.get("GOVERNANCE_DB") or DEFAULT_DB_URL


def actor() -> str:
    """Who is acting, for the audit log: `GOVERNANCE_USER`, else the login name."""
    configured = os.environ.get("GOVERNANCE_USER")
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
