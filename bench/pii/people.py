"""People, places and organisations: Faker `nl_NL` pools plus the written forms exports use.

Faker supplies realistic Dutch given names, surnames (with tussenvoegsels) and place
names; the forms a municipal export writes them in ("de Vries, J.", "Kerkstraat 12a,
1234 AB Rivierstad", initials, e-mail local parts) are built here, because those forms are
what a scanner must recognise.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from faker import Faker

from bench.pii import identifiers

# Common Dutch street names; Faker's nl_NL streets are built from given names and read
# oddly, so both are mixed. None contain a digit (street names alone are hard negatives).
STREETS = (
    "Kerkstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Molenweg",
    "Stationsweg",
    "Nieuwstraat",
    "Julianastraat",
    "Beatrixstraat",
    "Wilhelminastraat",
    "Eikenlaan",
    "Beukenlaan",
    "Lindelaan",
    "Prins Bernhardlaan",
    "Burgemeester van Ostadestraat",
    "Van der Helststraat",
    "Marktplein",
    "Havenkade",
    "Oude Gracht",
    "Rijksstraatweg",
    "Sportlaan",
    "Industrieweg",
    "Tulpstraat",
    "Rozenstraat",
    "De Ruyterstraat",
    "Noordsingel",
    "Zuiderhof",
    "Vondellaan",
    "Parallelweg",
    "Hoofdstraat",
    "Achterom",
)
STREET_SUFFIXES = ("", "", "", "", "a", "b", "A", " B", "-1", "-2", " bis", "-II", "c")
LEGAL_FORMS = ("B.V.", "BV", "V.O.F.", "N.V.", "Holding B.V.", "Groep B.V.", "C.V.")
SECTORS = (
    "Installatietechniek",
    "Bouw",
    "Advies",
    "Detachering",
    "Zorg",
    "Thuiszorg",
    "Schoonmaakdiensten",
    "Groenvoorziening",
    "ICT Services",
    "Interim Management",
    "Accountants",
    "Transport",
    "Welzijn",
    "Facilitair",
)
ORG_WORDS = ("De Linde", "Het Anker", "De Brug", "Noorderlicht", "Rivierland", "De Horizon")
FOUNDATION_KINDS = ("Stichting", "Vereniging", "Coöperatie", "Stichting Welzijn")
EMAIL_DOMAINS = (
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "ziggo.nl",
    "kpnmail.nl",
    "live.nl",
    "planet.nl",
    "xs4all.nl",
    "home.nl",
    "icloud.com",
)


def ascii_fold(text: str) -> str:
    """Drop diacritics (Chloë -> Chloe) the way e-mail local parts are usually written."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class Pools:
    """Value pools drawn once from Faker, so generation afterwards is cheap and seeded."""

    first_names: tuple[str, ...]
    surnames: tuple[str, ...]
    cities: tuple[str, ...]
    streets: tuple[str, ...]

    @classmethod
    def build(cls, seed: int, size: int = 1500) -> Pools:
        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        firsts = sorted({fake.first_name() for _ in range(size)})
        lasts = sorted({fake.last_name() for _ in range(size * 2)})
        cities = sorted({fake.city() for _ in range(size // 3)})
        faker_streets = sorted({fake.street_name() for _ in range(size // 3)})
        streets = [s for s in (*STREETS, *faker_streets) if not any(c.isdigit() for c in s)]
        return cls(tuple(firsts), tuple(lasts), tuple(cities), tuple(streets))


def split_surname(surname: str) -> tuple[str, str]:
    """'van der Ploeg' -> ('van der', 'Ploeg'): tussenvoegsel and the capitalised rest."""
    words = surname.split(" ")
    index = 0
    while index < len(words) - 1 and words[index][:1].islower():
        index += 1
    return " ".join(words[:index]), " ".join(words[index:])


def initials(rng: random.Random, first: str) -> str:
    """'J.' or 'J.P.' style initials starting with the given name's letter."""
    extra = "".join(f"{rng.choice('ABCDEFGHJKLMNPRSTW')}." for _ in range(rng.choice((0, 0, 1, 2))))
    return f"{first[0]}.{extra}"


class People:
    """Written forms of names, addresses and e-mail addresses from the pools."""

    def __init__(self, pools: Pools, rng: random.Random) -> None:
        self.pools = pools
        self.rng = rng

    def first(self) -> str:
        return self.rng.choice(self.pools.first_names)

    def surname(self) -> str:
        return self.rng.choice(self.pools.surnames)

    def city(self) -> str:
        return self.rng.choice(self.pools.cities)

    def street(self) -> str:
        return self.rng.choice(self.pools.streets)

    def full_name(self) -> str:
        """'Jan de Vries'."""
        return f"{self.first()} {self.surname()}"

    def initials_name(self) -> str:
        """'J.P. de Vries': how letters and contact lists write a person."""
        return f"{initials(self.rng, self.first())} {self.surname()}"

    def sortable_name(self) -> str:
        """'de Vries, J.' mostly, sometimes the telephone-book form 'Vries, J. de'."""
        surname = self.surname()
        letters = initials(self.rng, self.first())
        prefix, core = split_surname(surname)
        if prefix and self.rng.random() < 0.3:
            return f"{core}, {letters} {prefix}"
        return f"{surname}, {letters}"

    def email(self) -> str:
        """A private e-mail address derived from a name, in common local-part styles."""
        first = ascii_fold(self.first()).lower().replace(" ", "")
        prefix, core = split_surname(ascii_fold(self.surname()).lower())
        last = (prefix + core).replace(" ", "").replace("'", "")
        style = self.rng.randrange(5)
        if style == 0:
            local = f"{first}.{last}"
        elif style == 1:
            local = f"{first[0]}.{last}"
        elif style == 2:
            local = f"{first}{last}{self.rng.randrange(1, 99)}"
        elif style == 3:
            local = f"{last}.{first}"
        else:
            local = f"{first}_{self.rng.randrange(1960, 2010)}"
        return f"{local}@{self.rng.choice(EMAIL_DOMAINS)}"

    def work_email(self, domain: str) -> str:
        first = ascii_fold(self.first()).lower().replace(" ", "")
        last = ascii_fold(self.surname()).lower().replace(" ", "")
        return f"{first[0]}.{last}@{domain}"

    def house_number(self) -> str:
        return f"{self.rng.randrange(1, 250)}{self.rng.choice(STREET_SUFFIXES)}"

    def street_address(self) -> str:
        """'Kerkstraat 12a'."""
        return f"{self.street()} {self.house_number()}"

    def full_address(self) -> str:
        """'Kerkstraat 12a, 1234 AB Rivierstad' (postcode spaced or not, city any case)."""
        code = identifiers.postcode_form(
            identifiers.postcode(self.rng), self.rng.choice(("space", "space", "compact"))
        )
        city = self.city()
        if self.rng.random() < 0.2:
            city = city.upper()
        return f"{self.street_address()}, {code} {city}"

    def organisation(self) -> str:
        """An organisation name with a legal form or a sector word, as suppliers appear."""
        style = self.rng.randrange(4)
        if style == 0:
            _, core = split_surname(self.surname())
            return f"{core} {self.rng.choice(SECTORS)} {self.rng.choice(LEGAL_FORMS)}"
        if style == 1:
            return f"{self.rng.choice(FOUNDATION_KINDS)} {self.rng.choice(ORG_WORDS)}"
        if style == 2:
            return f"{self.rng.choice(SECTORS)} {self.city()} {self.rng.choice(LEGAL_FORMS)}"
        return f"{self.rng.choice(ORG_WORDS)} {self.rng.choice(SECTORS)}"
