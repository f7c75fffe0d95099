"""Exit codes and errors, split by who must fix them.

`ExitCode` is the contract with scripts and pipelines (DESIGN.md); every error class names
the code it ends the CLI with, so a command never chooses one by hand.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of every `governance` command."""

    OK = 0
    CHECKS_FAILED = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.OK: "ok",
    ExitCode.CHECKS_FAILED: "checks failed (gate blocked, expectations failed, PII policy, "
    "audit chain broken)",
    ExitCode.BAD_INPUT: "bad input (unknown dataset, invalid YAML with file:line, unreadable "
    "data file, bad arguments, stale version)",
    ExitCode.INTERNAL_ERROR: "internal error",
}


class GovernanceError(Exception):
    """Base of the errors a user can act on; `exit_code` tells the CLI how to end."""

    exit_code = ExitCode.INTERNAL_ERROR


class BadInputError(GovernanceError):
    """The input is wrong: the user fixes the file, the argument or the registration."""

    exit_code = ExitCode.BAD_INPUT


class UnknownDatasetError(BadInputError):
    pass


class ConflictError(BadInputError):
    """An update was based on a version that is no longer current: someone saved first."""
