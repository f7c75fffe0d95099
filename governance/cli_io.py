"""What every command module needs around its work: the store to work on (`--db`, else
`GOVERNANCE_DB`, acting as `GOVERNANCE_USER`) and a file to write the result to. Apart
from `cli` so the command modules share it without an import cycle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from governance.errors import BadInputError, ExitCode

if TYPE_CHECKING:
    from governance.services import Governance


def open_governance(arguments: argparse.Namespace) -> Governance:
    from governance.services import Governance

    return Governance.open(arguments.db)


def check_output(out: Path) -> None:
    """Refuse an --out that cannot be written before any work is done for it."""
    if not out.parent.is_dir() or out.is_dir():
        raise BadInputError(f"{out}: not a file in an existing folder; choose another --out")


def write_output(out: Path | None, content: bytes) -> None:
    """Write to `out`, or to standard output when there is none."""
    if out is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    check_output(out)
    try:
        out.write_bytes(content)
    except OSError as error:
        raise BadInputError(f"{out}: cannot write the export ({error.strerror})") from None
    print(f"wrote {out} ({len(content):,} bytes)", file=sys.stderr)


def print_result(arguments: argparse.Namespace, data: dict[str, Any], text: str) -> int:
    """`data` as JSON with `--format json`, else `text`."""
    from governance.cli_format import to_json

    print(to_json(data) if getattr(arguments, "format", "table") == "json" else text)
    return ExitCode.OK
