"""Synthetic people and their contact details, in the shapes Dutch municipal systems use.

Faker's `nl_NL` names carry the realism; the shapes (``'Jansen, J.P.'``, ``'06-12345678'``,
``'6651 AB'``) are made here so that every variant a PII scanner must recognise appears.
E-mail addresses use the reserved ``.example`` domain so no real mailbox is ever named.
"""

from __future__ import annotations

import random
import string
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

EMAIL_DOMAINS = ("mail.example", "post.example", "inbox.example", "provider.example")

# Letter pairs that are never issued in Dutch postcodes.
_NEVER_ISSUED = frozenset({"SA", "SD", "SS"})

# The four-digit part of the postcodes of the (fictitious) region, per municipality.
REGION_POSTCODES = {
    "Rivierstad": (6651, 6652, 6653, 6654, 6655, 6656),
    "Dijkhoven": (6661, 6662, 6663),
    "Polderwaard": (6671, 6672, 6673, 6674),
}

# Districts of Rivierstad by the four digits of the postcode (neighbourhood teams follow them).
RIVIERSTAD_DISTRICTS = {
    "6651": "Centrum",
    "6652": "Centrum",
    "6653": "Noord",
    "6654": "Noord",
    "6655": "Oost",
    "6656": "Zuid",
}

_AREA_CODES = ("0488", "0344", "024", "026", "0345", "0418")


@dataclass(frozen=True)
class Person:
    """One synthetic resident; only the fields the pilots need."""

    first_name: str
    last_name: str
    birth_date: date

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def initials(self) -> str:
        return "".join(f"{part[0]}." for part in self.first_name.split() if part)

    @property
    def formal_name(self) -> str:
        """'Achternaam, V.' as case-management systems list their clients."""
        return f"{self.last_name}, {self.initials}"


def make_person(fake: Faker, rng: random.Random, *, born_from: date, born_to: date) -> Person:
    span = (born_to - born_from).days
    born = born_from + timedelta(days=rng.randint(0, max(span, 0)))
    return Person(fake.first_name(), fake.last_name(), born)


def birth_window(reference: date, min_age: int, max_age: int) -> tuple[date, date]:
    """The range of birth dates for people aged `min_age` to `max_age` on `reference`."""
    earliest = _years_before(reference, max_age + 1) + timedelta(days=1)
    return earliest, _years_before(reference, min_age)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def postcode(rng: random.Random, municipality: str = "Rivierstad") -> str:
    """A postcode of the municipality in canonical form, '6651 AB'."""
    digits = rng.choice(REGION_POSTCODES[municipality])
    while True:
        letters = rng.choice(string.ascii_uppercase) + rng.choice(string.ascii_uppercase)
        if letters not in _NEVER_ISSUED:
            return f"{digits} {letters}"


def street_address(fake: Faker, rng: random.Random) -> str:
    number = rng.randint(1, 180)
    suffix = rng.choice(("", "", "", "", "a", "b", "-2"))
    return f"{fake.street_name()} {number}{suffix}"


def phone_number(rng: random.Random) -> str:
    """A Dutch phone number in one of the written forms people use."""
    if rng.random() < 0.65:
        subscriber = f"{rng.randint(10_000_000, 99_999_999)}"
        form = rng.choice(("06-{s}", "06 {s}", "06{s}", "+31 6 {s}", "+316{s}", "0031 6 {s}"))
        return form.format(s=subscriber)
    area = rng.choice(_AREA_CODES)
    width = 10 - len(area)
    subscriber = str(rng.randint(10 ** (width - 1) * 2, 10**width - 1))
    form = rng.choice(("{a}-{s}", "({a}) {s}", "{a} {s}", "+31 {b} {s}"))
    return form.format(a=area, b=area[1:], s=subscriber)


def email_address(rng: random.Random, person_first: str, person_last: str) -> str:
    """'voornaam.achternaam@mail.example', ASCII, in one of the usual local-part shapes."""
    first = _ascii_slug(person_first)
    last = _ascii_slug(person_last)
    local = rng.choice(
        (f"{first}.{last}", f"{first[0]}.{last}", f"{first}{last}", f"{first}{rng.randint(1, 99)}")
    )
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(char for char in folded.lower() if char.isalnum()) or "x"
