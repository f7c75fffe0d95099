"""Valid Dutch identifiers for synthetic data: BSN (11-check) and IBAN (ISO 7064 mod-97).

The demo data must hold numbers that *pass* the checks a PII scanner applies, or the scan
would have nothing real to find; and client numbers that look alike must *fail* them, so
the scanner can be shown to tell the two apart. The checks themselves are the PII
recognizers' own (one definition of what is valid, not a third-party validator the tests
also use), so what the generator makes is exactly what the scanner accepts.
"""

from __future__ import annotations

import random

from governance.pii.recognizers.bsn import bsn_checksum, is_valid_bsn
from governance.pii.recognizers.iban import iban_remainder, is_valid_iban

__all__ = [
    "DUTCH_BANK_CODES",
    "bsn_checksum",
    "dotted_bsn",
    "is_valid_bsn",
    "is_valid_iban",
    "make_bsn",
    "make_iban",
    "make_non_bsn",
    "spaced_iban",
]

# Four-letter bank codes as they appear in Dutch IBANs (the codes are public and generic).
DUTCH_BANK_CODES = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")


def make_bsn(rng: random.Random, *, leading_zero: bool = False) -> str:
    """A random 9-digit string that passes the 11-check; first digit 0 when asked.

    The first eight digits are drawn, the ninth is the one digit that closes the check;
    when that would have to be 10, the draw is repeated (about 1 in 11 draws). A leading
    zero is followed by a non-zero digit, so a numeric export keeps 8 digits, the form
    real files show (FRAMEWORK.md), not 7.
    """
    while True:
        lead = "0" + str(rng.randint(1, 9)) if leading_zero else str(rng.randint(10, 99))
        head = lead + "".join(str(rng.randint(0, 9)) for _ in range(6))
        partial = bsn_checksum(head + "0")
        last = partial % 11
        if last < 10 and partial != last:  # a check sum of 0 is not a valid BSN
            return head + str(last)


def make_non_bsn(rng: random.Random, length: int = 9) -> str:
    """A number of the same shape as a BSN that fails the 11-check (a client number)."""
    while True:
        candidate = str(rng.randint(1, 9)) + "".join(
            str(rng.randint(0, 9)) for _ in range(length - 1)
        )
        if not is_valid_bsn(candidate):
            return candidate


def dotted_bsn(bsn: str) -> str:
    """The BSN written with dots, as on letters and forms: '1234.56.782'."""
    return f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}"


def make_iban(rng: random.Random, bank: str | None = None) -> str:
    """A Dutch IBAN (NL, 2 check digits, bank code, 10 digits), compact and upper case."""
    bank_code = bank or rng.choice(DUTCH_BANK_CODES)
    account = "".join(str(rng.randint(0, 9)) for _ in range(10))
    bban = bank_code + account
    check = 98 - iban_remainder(f"NL00{bban}")
    return f"NL{check:02d}{bban}"


def spaced_iban(iban: str) -> str:
    """The IBAN in groups of four, as printed on invoices: 'NL91 ABNA 0417 1643 00'."""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
