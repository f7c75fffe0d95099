"""Synthetic identifiers for the sharing tests: made up by their checks, never real."""

from __future__ import annotations

from governance.pii.recognizers.bsn import bsn_checksum


def synthetic_bsn(head: str) -> str | None:
    """The 9-digit number starting with these 8 digits that passes the 11-check, or None
    when no last digit closes it (the check needs 10, or the sum would be 0)."""
    partial = bsn_checksum(head + "0")
    last = partial % 11
    return head + str(last) if last < 10 and partial != last else None


def bsn(head: str) -> str:
    """`synthetic_bsn` for a head the test knows to work."""
    number = synthetic_bsn(head)
    assert number is not None, f"no BSN starts with {head}"
    return number
