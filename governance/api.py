"""`gate`, `check` and `share` for data engineers' pipelines: one call each, no CLI.

    from governance import gate, share
    decision = gate("wmo-wachtlijst", recipient="sdr-dataplatform", purpose="beleidsanalyse")
    if decision.outcome.allows_sharing:
        run = share("wmo-wachtlijst", recipient="sdr-dataplatform", purpose="beleidsanalyse",
                    out=Path("wmo.parquet"))

Each opens the configured store (`db=`, else `GOVERNANCE_DB`) as `actor=` (else
`GOVERNANCE_USER`); errors are `governance.errors` exceptions, as in the CLI.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from governance.domain.gate import Decision
    from governance.services import Governance
    from governance.share_service import CheckAnswer, ShareRun


def _open(db: str | None, actor: str | None) -> Governance:
    from governance.services import Governance

    return Governance.open(db, actor)


def gate(
    dataset_id: str,
    recipient: str,
    purpose: str,
    data: Path | None = None,
    *,
    sheet: str | None = None,
    db: str | None = None,
    actor: str | None = None,
) -> Decision:
    """The stored gate decision for this share (see `governance gate`)."""
    return _open(db, actor).gate(dataset_id, recipient, purpose, data, sheet).decision


def check(
    dataset_id: str,
    purpose: str,
    recipient: str | None = None,
    *,
    db: str | None = None,
    actor: str | None = None,
) -> CheckAnswer:
    """Is the dataset approved for this purpose (and recipient)? From stored decisions."""
    return _open(db, actor).check(dataset_id, purpose, recipient)


def share(
    dataset_id: str,
    recipient: str,
    purpose: str,
    out: Path,
    data: Path | None = None,
    *,
    sheet: str | None = None,
    db: str | None = None,
    actor: str | None = None,
) -> ShareRun:
    """Write the minimised extract: `.decision` says why, `.extract` is None (and nothing
    is written) when the gate blocks."""
    return _open(db, actor).share(dataset_id, recipient, purpose, Path(out), data, sheet)
