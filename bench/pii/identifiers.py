"""Checked identifiers, written from their published rules (FRAMEWORK.md), not from Faker.

The benchmark's labels are only as good as its values: a "BSN" that fails the 11-check or
an "IBAN" with wrong check digits would punish a scanner for being right. Every generator
here builds the value from its rule, and `tests/bench` cross-checks them with python-stdnum.
"""

from __future__ import annotations

import ipaddress
import random
import string

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)

# Letters used on newer Dutch plates: no vowels, and no C, M, Q or W.
PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"
# A layout per sidecode: X a letter, 9 a digit, '-' kept as written.
SIDECODES = (
    "XX-99-99",
    "99-99-XX",
    "99-XX-99",
    "XX-99-XX",
    "XX-XX-99",
    "99-XX-XX",
    "99-XXX-9",
    "9-XXX-99",
    "XX-999-X",
    "X-999-XX",
    "XXX-99-X",
    "X-99-XXX",
    "9-XX-999",
    "999-XX-9",
)

# Belgian bank identifiers in use (first three BBAN digits): BNP Paribas Fortis, Belfius,
# ING, KBC, Argenta, Crelan...
BE_BANKS = ("001", "068", "096", "143", "310", "363", "735", "979", "103", "850")
NL_BANKS = ("ABNA", "RABO", "INGB", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB", "FVLB")
# Postcode letters: F, I, O, Q, U and Y are not issued; SA, SD and SS never.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
POSTCODE_FORBIDDEN = ("SA", "SD", "SS")

# Two-digit and three-digit area codes (without the trunk 0); the subscriber part makes the
# national significant number 9 digits long.
AREA_CODES = ("10", "20", "30", "40", "50", "70", "13", "15", "24", "26", "35", "38", "43")
AREA_CODES_LONG = ("314", "318", "341", "475", "511", "544", "172", "226", "412", "573")


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(count))


def eleven_check(number: str) -> bool:
    """The BSN/RSIN 11-check on a 9-digit string (8 digits are left-padded with 0)."""
    padded = number.zfill(9)
    if len(padded) != 9 or not padded.isdigit():
        return False
    total = sum(weight * int(digit) for weight, digit in zip(BSN_WEIGHTS, padded, strict=True))
    return total % 11 == 0 and total != 0


def bsn(rng: random.Random, *, leading_zero: bool = False) -> str:
    """A 9-digit number passing the 11-check; `leading_zero` gives one starting '0'."""
    while True:
        if leading_zero:
            head = "0" + rng.choice("123456789") + _digits(rng, 6)
        else:
            head = rng.choice("123456789") + _digits(rng, 7)
        total = sum(w * int(d) for w, d in zip(BSN_WEIGHTS[:8], head, strict=True))
        last = total % 11
        if last <= 9:
            return head + str(last)


def failing_nine_digits(rng: random.Random) -> str:
    """A 9-digit number (no leading 0) that fails the 11-check: a client number."""
    while True:
        number = rng.choice("123456789") + _digits(rng, 8)
        if not eleven_check(number):
            return number


def dotted_bsn(number: str) -> str:
    """1234.56.782: the way letters and forms often print a BSN."""
    return f"{number[:4]}.{number[4:6]}.{number[6:]}"


def _mod97(text: str) -> int:
    digits = "".join(str(int(char, 36)) for char in text)
    return int(digits) % 97


def iban_from_bban(country: str, bban: str) -> str:
    """Compact IBAN with ISO 7064 mod-97 check digits for a country code and BBAN."""
    check = 98 - _mod97(bban + country + "00")
    return f"{country}{check:02d}{bban}"


def iban_nl(rng: random.Random) -> str:
    return iban_from_bban("NL", rng.choice(NL_BANKS) + _digits(rng, 10))


def iban_be(rng: random.Random) -> str:
    """Belgian IBAN: the BBAN carries its own mod-97 check in its last two digits."""
    head = rng.choice(BE_BANKS) + _digits(rng, 7)
    check = int(head) % 97 or 97
    return iban_from_bban("BE", f"{head}{check:02d}")


def iban_de(rng: random.Random) -> str:
    return iban_from_bban("DE", _digits(rng, 18))


def spaced(compact: str, group: int = 4) -> str:
    """Print form: groups of four separated by spaces."""
    return " ".join(compact[i : i + group] for i in range(0, len(compact), group))


def luhn_complete(partial: str) -> str:
    """Append the Luhn check digit to a card number without it."""
    total = 0
    for position, char in enumerate(reversed(partial)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return partial + str((10 - total % 10) % 10)


def card_number(rng: random.Random) -> str:
    """A Luhn-valid Visa, Mastercard or Amex number (compact)."""
    kind = rng.random()
    if kind < 0.5:
        return luhn_complete("4" + _digits(rng, 14))
    if kind < 0.85:
        return luhn_complete(rng.choice(("51", "52", "53", "54", "55")) + _digits(rng, 13))
    return luhn_complete(rng.choice(("34", "37")) + _digits(rng, 12))


def card_print(number: str) -> str:
    """Spaced as on the card: 4-4-4-4, or 4-6-5 for Amex."""
    if len(number) == 15:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    return spaced(number)


def masked_card(rng: random.Random) -> str:
    """A masked card as payment providers export it: never the full number."""
    last = _digits(rng, 4)
    style = rng.randrange(4)
    if style == 0:
        return f"**** **** **** {last}"
    if style == 1:
        return f"XXXX-XXXX-XXXX-{last}"
    if style == 2:
        return f"{rng.choice('45')}{_digits(rng, 5)}******{last}"
    return f"************{last}"


def postcode(rng: random.Random) -> str:
    """Compact upper-case postcode: 4 digits (not starting 0) + 2 letters, never SA/SD/SS."""
    while True:
        letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
        if letters not in POSTCODE_FORBIDDEN:
            return rng.choice("123456789") + _digits(rng, 3) + letters


def postcode_form(code: str, style: str) -> str:
    """'space' 1234 AB, 'compact' 1234AB, 'lower' 1234 ab, 'lowercompact' 1234ab."""
    if style == "space":
        return f"{code[:4]} {code[4:]}"
    if style == "lower":
        return f"{code[:4]} {code[4:].lower()}"
    if style == "lowercompact":
        return code.lower()
    return code


def plate(rng: random.Random, sidecode: str | None = None) -> str:
    """A kenteken in the given sidecode layout (random sidecode if None)."""
    layout = sidecode or rng.choice(SIDECODES)
    out = []
    for char in layout:
        if char == "X":
            out.append(rng.choice(PLATE_LETTERS))
        elif char == "9":
            out.append(rng.choice(string.digits))
        else:
            out.append(char)
    return "".join(out)


def phone_number(rng: random.Random, style: str) -> str:
    """A Dutch phone number in one written style.

    Styles: mobile 06-12345678, mobile_space 06 1234 5678, mobile_compact 0612345678,
    intl +31 6 12345678, intl_compact +31612345678, intl_trunk +31 (0)6 12345678,
    intl_00 0031 6 12345678, area 020-1234567, area_space 020 123 4567,
    area_paren (020) 1234567, area_long 0314-123456, intl_area +31 (0)20 123 4567.
    """
    mobile = "6" + _digits(rng, 8)
    if style == "mobile":
        return f"0{mobile[:1]}-{mobile[1:]}"
    if style == "mobile_space":
        return f"0{mobile[:1]} {mobile[1:5]} {mobile[5:]}"
    if style == "mobile_compact":
        return "0" + mobile
    if style == "intl":
        return f"+31 {mobile[:1]} {mobile[1:]}"
    if style == "intl_compact":
        return "+31" + mobile
    if style == "intl_trunk":
        return f"+31 (0){mobile[:1]} {mobile[1:]}"
    if style == "intl_00":
        return f"0031 {mobile[:1]} {mobile[1:]}"
    area = rng.choice(AREA_CODES)
    subscriber = rng.choice("23456789") + _digits(rng, 6)
    if style == "area":
        return f"0{area}-{subscriber}"
    if style == "area_space":
        return f"0{area} {subscriber[:3]} {subscriber[3:]}"
    if style == "area_paren":
        return f"(0{area}) {subscriber}"
    if style == "intl_area":
        return f"+31 (0){area} {subscriber[:3]} {subscriber[3:]}"
    if style == "area_long":
        long_area = rng.choice(AREA_CODES_LONG)
        local = rng.choice("23456789") + _digits(rng, 5)
        return f"0{long_area}-{local}"
    raise ValueError(f"unknown phone style {style!r}")


PHONE_STYLES = (
    "mobile",
    "mobile_space",
    "mobile_compact",
    "intl",
    "intl_compact",
    "intl_trunk",
    "intl_00",
    "area",
    "area_space",
    "area_paren",
    "area_long",
    "intl_area",
)


def ipv4(rng: random.Random) -> str:
    """Mostly public-looking addresses, some from private ranges (both are personal data)."""
    if rng.random() < 0.2:
        return f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    first = rng.choice([n for n in range(11, 224) if n not in (127, 169, 172, 192)])
    return f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def ipv6(rng: random.Random) -> str:
    """Compressed IPv6 in a global prefix, some with zero runs (the '::' form)."""
    prefix = rng.choice(((0x2001, 0x1C00), (0x2A02, 0xA440), (0x2A01, 0x7C8), (0x2A10, 0x3781)))
    groups = [*prefix, *(rng.randrange(0x10000) for _ in range(6))]
    if rng.random() < 0.5:
        start = rng.randrange(2, 6)
        for index in range(start, start + 2):
            groups[index] = 0
    value = 0
    for group in groups:
        value = (value << 16) | group
    return str(ipaddress.IPv6Address(value))
