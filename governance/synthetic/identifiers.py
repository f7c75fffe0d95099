"""Valid Dutch identifiers for synthetic data: BSN (11-check) and IBAN (ISO 7064 mod-97).

The demo data must hold numbers that *pass* the checks a PII scanner applies, or the scan
would have nothing real to find; and client numbers that look alike must *fail* them, so
the scanner can be shown to tell the two apart. These helpers are written here, small and
dependency-free, so the generator does not rely on a third-party validator it also tests.
"""

from __future__ import annotations

import random

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)

# Four-letter bank codes as they appear in Dutch IBANs (the codes are public and generic).
DUTCH_BANK_CODES = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")


def bsn_checksum(digits: str) -> int:
    """The weighted sum of the 11-check: 9·d1 + 8·d2 + … + 2·d8 − 1·d9."""
    return sum(weight * int(digit) for weight, digit in zip(_BSN_WEIGHTS, digits, strict=True))


def is_valid_bsn(value: str) -> bool:
    """True for a 9-digit number (or 8 digits, left-padded with 0) that passes the 11-check.

    Dots and spaces are ignored, as in '1234.56.782'; the sum must be divisible by 11 and
    not 0 (which rules out '000000000').
    """
    digits = value.replace(".", "").replace(" ", "")
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    total = bsn_checksum(digits)
    return total != 0 and total % 11 == 0


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
        if last < 10 and partial != 0:
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


def _iban_remainder(country: str, check: str, bban: str) -> int:
    rearranged = bban + country + check
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    return int(numeric) % 97


def is_valid_iban(value: str) -> bool:
    """True when the ISO 7064 mod-97 check gives 1 (spaces and case are ignored)."""
    compact = value.replace(" ", "").upper()
    if len(compact) < 15 or not compact.isascii() or not compact.isalnum():
        return False
    country, check, bban = compact[:2], compact[2:4], compact[4:]
    if not (country.isalpha() and check.isdigit()):
        return False
    return _iban_remainder(country, check, bban) == 1


def make_iban(rng: random.Random, bank: str | None = None) -> str:
    """A Dutch IBAN (NL, 2 check digits, bank code, 10 digits), compact and upper case."""
    bank_code = bank or rng.choice(DUTCH_BANK_CODES)
    account = "".join(str(rng.randint(0, 9)) for _ in range(10))
    bban = bank_code + account
    check = 98 - _iban_remainder("NL", "00", bban)
    return f"NL{check:02d}{bban}"


def spaced_iban(iban: str) -> str:
    """The IBAN in groups of four, as printed on invoices: 'NL91 ABNA 0417 1643 00'."""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
