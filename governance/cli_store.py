"""The one way every command opens the store: `--db`, else `GOVERNANCE_DB`, acting as
`GOVERNANCE_USER`. Apart from `cli` so the command modules share it without a cycle."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from governance.services import Governance


def open_governance(arguments: argparse.Namespace) -> Governance:
    from governance.services import Governance

    return Governance.open(arguments.db)
