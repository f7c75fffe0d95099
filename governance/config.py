"""Settings read from the environment, with their defaults, in one place."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING

from governance.errors import BadInputError

if TYPE_CHECKING:
    from governance.domain.durations import RetentionPeriod

DEFAULT_DB_URL = "sqlite:///governance.db"
DEFAULT_DECISION_VALIDITY = "P90D"
DEFAULT_LARGE_SCALE_ROWS = 10_000


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


def decision_validity() -> RetentionPeriod:
    """`GOVERNANCE_DECISION_VALIDITY`: how long a gate decision holds at most (ISO 8601
    period, default P90D); a change of the registration, the data or the DPIA ends it
    sooner."""
    from governance.domain.durations import parse_retention_period

    text = os.environ.get("GOVERNANCE_DECISION_VALIDITY") or DEFAULT_DECISION_VALIDITY
    try:
        return parse_retention_period(text)
    except ValueError as error:
        raise BadInputError(f"GOVERNANCE_DECISION_VALIDITY: {error}") from None


def large_scale_rows() -> int:
    """`GOVERNANCE_LARGE_SCALE_ROWS`: from how many rows (data subjects, roughly) the
    pre-scan suggests the EDPB criterion "large scale" (default 10,000)."""
    text = os.environ.get("GOVERNANCE_LARGE_SCALE_ROWS") or str(DEFAULT_LARGE_SCALE_ROWS)
    if not text.isdigit() or int(text) < 1:
        raise BadInputError(
            f"GOVERNANCE_LARGE_SCALE_ROWS: {text!r} is not a whole number of 1 or more"
        )
    return int(text)


def max_upload_mb() -> int:
    """`GOVERNANCE_MAX_UPLOAD_MB`: the largest data file the UI accepts for a scan
    (default 50 MB; bigger files go through `governance scan`)."""
    text = os.environ.get("GOVERNANCE_MAX_UPLOAD_MB") or "50"
    if not text.isdigit() or int(text) < 1:
        raise BadInputError(
            f"GOVERNANCE_MAX_UPLOAD_MB: {text!r} is not a whole number of 1 or more"
        )
    return int(text)


def oidc_claim() -> str:
    """`GOVERNANCE_OIDC_CLAIM`: which claim of the identity provider's token names the
    account in the store (default `email`)."""
    return os.environ.get("GOVERNANCE_OIDC_CLAIM") or "email"


def project_path(name: str) -> Path:
    """`name` (catalog/, expectations/, dpia/, organisations.yaml) in the working
    directory, else the project's own."""
    here = Path(name)
    return here if here.exists() else Path(__file__).resolve().parent.parent / name
