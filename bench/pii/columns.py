"""Column makers: each returns a function that fills one column of `n` cells.

Tables (tables.py) are declared as lists of these makers with their labels, so the place
where a column's values are made and the place where its truth is stated sit side by
side. Makers for personal data vary the written form; makers for hard negatives produce
the look-alikes a scanner must leave alone (client numbers, hashes, PC4, masked cards...).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from bench.pii import identifiers
from bench.pii.freetext import FreeText, free_text
from bench.pii.people import People


@dataclass(frozen=True)
class Ctx:
    """What every maker draws from: the table's seeded random source and name pools."""

    rng: random.Random
    people: People


Maker = Callable[[Ctx, int], "list[Any] | FreeText"]


def _each(function: Callable[[Ctx], Any]) -> Maker:
    return lambda ctx, n: [function(ctx) for _ in range(n)]


# --- dates -----------------------------------------------------------------------------


def format_date(day: dt.date, style: str | None) -> str | dt.date:
    """'dmy' 05-03-1961, 'iso' 1961-03-05, 'dmy_short' 5-3-1961, 'slash' 05/03/1961.

    None keeps the date object (XLSX and Parquet store real dates).
    """
    if style is None:
        return day
    if style == "dmy":
        return day.strftime("%d-%m-%Y")
    if style == "iso":
        return day.isoformat()
    if style == "dmy_short":
        return f"{day.day}-{day.month}-{day.year}"
    if style == "slash":
        return day.strftime("%d/%m/%Y")
    raise ValueError(f"unknown date style {style!r}")


def _random_day(rng: random.Random, first_year: int, last_year: int) -> dt.date:
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def dates(first_year: int, last_year: int, style: str | None) -> Maker:
    """Dates in a year range: births when the range is a lifetime, events when recent."""
    return _each(lambda c: format_date(_random_day(c.rng, first_year, last_year), style))


def mixed_dates(first_year: int, last_year: int, styles: Sequence[str]) -> Maker:
    """Dates of one meaning written in several styles within one column."""
    return _each(
        lambda c: format_date(_random_day(c.rng, first_year, last_year), c.rng.choice(styles))
    )


def timestamps(year: int) -> Maker:
    """ISO timestamps of events in one year (log lines, sessions)."""

    def one(ctx: Ctx) -> str:
        day = _random_day(ctx.rng, year, year)
        moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(
            seconds=ctx.rng.randrange(86400)
        )
        return moment.isoformat()

    return _each(one)


def card_expiries() -> Maker:
    """MM/YY expiry dates of payment cards."""
    return _each(lambda c: f"{c.rng.randrange(1, 13):02d}/{c.rng.randrange(25, 32)}")


def times() -> Maker:
    return _each(lambda c: f"{c.rng.randrange(7, 23):02d}:{c.rng.randrange(60):02d}")


# --- identifiers -----------------------------------------------------------------------


def bsns(form: str = "plain", zero_share: float = 0.1) -> Maker:
    """BSNs: 'plain' 9 digits, 'lost_zero' 8 digits when the first was 0 (string),
    'int' integers (leading zero lost in storage), 'dotted' 1234.56.782."""

    def one(ctx: Ctx) -> str | int:
        number = identifiers.bsn(ctx.rng, leading_zero=ctx.rng.random() < zero_share)
        if form == "plain":
            return number
        if form == "lost_zero":
            return number.lstrip("0")
        if form == "int":
            return int(number)
        if form == "dotted":
            return identifiers.dotted_bsn(number)
        raise ValueError(form)

    return _each(one)


def client_numbers(sequential: bool = False) -> Maker:
    """9-digit client numbers: random ones all fail the 11-check; sequential ones (as a
    system hands them out) pass it by chance about one time in eleven."""

    def make(ctx: Ctx, n: int) -> list[Any]:
        if sequential:
            start = ctx.rng.randrange(100_000_000, 800_000_000)
            return [str(start + index * ctx.rng.choice((1, 1, 2, 3))) for index in range(n)]
        return [identifiers.failing_nine_digits(ctx.rng) for _ in range(n)]

    return make


def hashed_bsns() -> Maker:
    """SHA-256 hex of a salted BSN: a pseudonym, not a BSN."""
    return _each(lambda c: hashlib.sha256(f"salt:{identifiers.bsn(c.rng)}".encode()).hexdigest())


def rsins() -> Maker:
    """Organisation numbers (RSIN): 9 digits that pass the same 11-check as a BSN."""
    return _each(lambda c: identifiers.bsn(c.rng, leading_zero=c.rng.random() < 0.5))


def kvk_numbers() -> Maker:
    """Chamber of Commerce numbers: 8 digits, not personal data by themselves."""
    return _each(lambda c: f"{c.rng.randrange(1, 10)}{c.rng.randrange(10**7):07d}")


def ibans(form: str = "spaced", foreign_share: float = 0.0) -> Maker:
    """IBANs: form 'spaced', 'compact', 'lower' or 'mixed'; some BE/DE when asked."""

    def one(ctx: Ctx) -> str:
        rng = ctx.rng
        if rng.random() < foreign_share:
            number = rng.choice((identifiers.iban_be, identifiers.iban_de))(rng)
        else:
            number = identifiers.iban_nl(rng)
        style = rng.choice(("spaced", "compact", "lower")) if form == "mixed" else form
        if style == "spaced":
            return identifiers.spaced(number)
        if style == "lower":
            return number.lower()
        return number

    return _each(one)


def phones(styles: Sequence[str] = identifiers.PHONE_STYLES) -> Maker:
    return _each(lambda c: identifiers.phone_number(c.rng, c.rng.choice(styles)))


def extensions() -> Maker:
    """Internal telephone extensions (4 or 5 digits): not a phone number of a person."""
    return _each(
        lambda c: str(c.rng.choice((c.rng.randrange(2000, 9999), 10000 + c.rng.randrange(90000))))
    )


def postcodes(styles: Sequence[str] = ("space",)) -> Maker:
    return _each(
        lambda c: identifiers.postcode_form(identifiers.postcode(c.rng), c.rng.choice(styles))
    )


def pc4() -> Maker:
    """Four-digit postcode areas: statistics, not a postcode of an address."""
    return _each(lambda c: str(c.rng.randrange(1000, 9999)))


def plates(dashes: bool = True) -> Maker:
    def one(ctx: Ctx) -> str:
        value = identifiers.plate(ctx.rng)
        return value if dashes else value.replace("-", "")

    return _each(one)


def cards(spaced_share: float = 0.8) -> Maker:
    def one(ctx: Ctx) -> str:
        number = identifiers.card_number(ctx.rng)
        return identifiers.card_print(number) if ctx.rng.random() < spaced_share else number

    return _each(one)


def masked_ibans() -> Maker:
    """IBANs with the account digits masked, as payment reports show them."""

    def one(ctx: Ctx) -> str:
        number = identifiers.iban_nl(ctx.rng)
        return f"{number[:8]}******{number[-4:]}"

    return _each(one)


def masked_cards() -> Maker:
    return _each(lambda c: identifiers.masked_card(c.rng))


def ip_addresses(v6_share: float = 0.0) -> Maker:
    return _each(
        lambda c: identifiers.ipv6(c.rng) if c.rng.random() < v6_share else identifiers.ipv4(c.rng)
    )


# --- people and places -----------------------------------------------------------------


def full_names() -> Maker:
    return _each(lambda c: c.people.full_name())


def sortable_names() -> Maker:
    return _each(lambda c: c.people.sortable_name())


def initials_names() -> Maker:
    return _each(lambda c: c.people.initials_name())


def first_names() -> Maker:
    return _each(lambda c: c.people.first())


def surnames() -> Maker:
    return _each(lambda c: c.people.surname())


def emails() -> Maker:
    return _each(lambda c: c.people.email())


def work_emails(domain: str) -> Maker:
    return _each(lambda c: c.people.work_email(domain))


def email_urls() -> Maker:
    """Links with a percent-encoded e-mail address in the query string."""

    def one(ctx: Ctx) -> str:
        address = quote(ctx.people.email(), safe="")
        ref = ctx.rng.randrange(10**5, 10**6)
        if ctx.rng.random() < 0.5:
            return f"https://mijn.rivierstad.nl/terugkoppeling?email={address}&ref={ref}"
        return f"https://formulieren.rivierstad.nl/bevestig/{ref}?to={address}&lang=nl"

    return _each(one)


def contact_mix(phone_share: float = 0.6) -> Maker:
    """A 'contact' column holding a phone number or an e-mail address per row."""
    return _each(
        lambda c: (
            identifiers.phone_number(c.rng, c.rng.choice(identifiers.PHONE_STYLES))
            if c.rng.random() < phone_share
            else c.people.email()
        )
    )


def street_addresses() -> Maker:
    return _each(lambda c: c.people.street_address())


def full_addresses() -> Maker:
    return _each(lambda c: c.people.full_address())


def street_names() -> Maker:
    return _each(lambda c: c.people.street())


def house_numbers() -> Maker:
    return _each(lambda c: c.rng.randrange(1, 300))


def cities() -> Maker:
    return _each(lambda c: c.people.city())


def organisations() -> Maker:
    return _each(lambda c: c.people.organisation())


# --- numbers, codes and categories -------------------------------------------------------


def choice(options: Sequence[Any]) -> Maker:
    return _each(lambda c: c.rng.choice(options))


def integers(low: int, high: int) -> Maker:
    return _each(lambda c: c.rng.randint(low, high))


def amounts(low: float, high: float) -> Maker:
    """Money as floats; the writer prints a decimal comma where the file uses one."""
    return _each(lambda c: round(c.rng.uniform(low, high), 2))


def coordinates(low: float, high: float) -> Maker:
    """Latitude or longitude in degrees (WGS84), six decimals."""
    return _each(lambda c: round(c.rng.uniform(low, high), 6))


def codes(pattern: str) -> Maker:
    """Codes from a pattern: '9' a digit, 'A' an upper-case letter, anything else literal."""

    def one(ctx: Ctx) -> str:
        out = []
        for char in pattern:
            if char == "9":
                out.append(str(ctx.rng.randrange(10)))
            elif char == "A":
                out.append(ctx.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
            else:
                out.append(char)
        return "".join(out)

    return _each(one)


def sequence(prefix: str, start: int, width: int) -> Maker:
    """Row identifiers as systems number them: prefix + zero-padded counter."""
    return lambda ctx, n: [f"{prefix}{start + i:0{width}d}" for i in range(n)]


def hex_ids(length: int = 32) -> Maker:
    return _each(lambda c: f"{c.rng.getrandbits(length * 4):0{length}x}")


def remarks(topic: str, embed: Sequence[str], rate: float, empty: float = 0.3) -> Maker:
    """A free-text column; its label is the set of entities embedded (see freetext.py)."""
    return lambda ctx, n: free_text(ctx.rng, ctx.people, n, topic, tuple(embed), rate, empty)


def empty() -> Maker:
    """A column nobody fills (fax numbers in 2025): no values, no entities."""
    return lambda ctx, n: [None] * n
