"""A large CSV for the throughput run: 200,000 to 1,000,000+ rows in seconds.

The labelled tables are small and varied; throughput needs one big, realistic table.
Row-by-row Python would take minutes at a million rows, so identifiers are drawn with
numpy (BSNs with a vectorised 11-check, random digit blocks) and text from pools indexed
by numpy. Identifier columns stay (nearly) unique per row, so a scanner cannot look fast
by caching repeated values more than real data would let it.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.pii import identifiers
from bench.pii.freetext import CLEAN, EMBED, fill_template
from bench.pii.people import EMAIL_DOMAINS, People, Pools, ascii_fold

Column = Callable[[np.random.Generator, "BulkContext", int], list[str | None]]


class BulkContext:
    """Pools shared by the column builders (names, streets, cities, a seeded Random)."""

    def __init__(self, seed: int) -> None:
        self.pools = Pools.build(seed)
        self.rng = random.Random(seed)
        self.people = People(self.pools, self.rng)
        self.firsts = np.array(self.pools.first_names, dtype=object)
        self.lasts = np.array(self.pools.surnames, dtype=object)
        self.streets = np.array(self.pools.streets, dtype=object)


def _blank(values: list[str], share: float, gen: np.random.Generator) -> list[str | None]:
    mask = gen.random(len(values)) < share
    return [None if empty else value for value, empty in zip(values, mask.tolist(), strict=True)]


def bsn_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    """Valid BSNs, 10% starting with 0, vectorised: draw 8 digits, derive the ninth."""
    weights = np.array(identifiers.BSN_WEIGHTS[:8])
    digits = gen.integers(0, 10, size=(n, 8))
    digits[:, 0] = np.where(gen.random(n) < 0.1, 0, gen.integers(1, 10, n))
    digits[:, 1] = np.where(digits[:, 0] == 0, gen.integers(1, 10, n), digits[:, 1])
    check = (digits @ weights) % 11
    while (bad := check == 10).any():  # no digit fits: redraw the last free digit
        digits[bad, 7] = gen.integers(0, 10, int(bad.sum()))
        check = (digits @ weights) % 11
    numbers = (digits @ (10 ** np.arange(8, 0, -1))) + check
    return [f"{number:09d}" for number in numbers.tolist()]


def name_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    firsts = ctx.firsts[gen.integers(0, len(ctx.firsts), n)]
    lasts = ctx.lasts[gen.integers(0, len(ctx.lasts), n)]
    return [f"{first} {last}" for first, last in zip(firsts, lasts, strict=True)]


def email_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    firsts = [ascii_fold(f).lower().replace(" ", "") for f in ctx.pools.first_names]
    lasts = [ascii_fold(s).lower().replace(" ", "") for s in ctx.pools.surnames]
    fi = gen.integers(0, len(firsts), n).tolist()
    la = gen.integers(0, len(lasts), n).tolist()
    num = gen.integers(1, 100, n).tolist()
    dom = gen.integers(0, len(EMAIL_DOMAINS), n).tolist()
    values = [
        f"{firsts[a]}.{lasts[b]}{c}@{EMAIL_DOMAINS[d]}"
        for a, b, c, d in zip(fi, la, num, dom, strict=True)
    ]
    return _blank(values, 0.2, gen)


def phone_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    subscriber = gen.integers(10_000_000, 100_000_000, n).tolist()
    style = gen.integers(0, 4, n).tolist()
    forms = ("06-{}", "06 {}", "+316{}", "0031 6 {}")
    return _blank([forms[s].format(x) for s, x in zip(style, subscriber, strict=True)], 0.3, gen)


def postcode_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    letters = [
        a + b
        for a in identifiers.POSTCODE_LETTERS
        for b in identifiers.POSTCODE_LETTERS
        if a + b not in identifiers.POSTCODE_FORBIDDEN
    ]
    numbers = gen.integers(1000, 10000, n).tolist()
    pick = gen.integers(0, len(letters), n).tolist()
    return [f"{x} {letters[p]}" for x, p in zip(numbers, pick, strict=True)]


def iban_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    banks = gen.integers(0, len(identifiers.NL_BANKS), n).tolist()
    accounts = gen.integers(0, 10**10, n).tolist()
    values = [
        identifiers.iban_from_bban("NL", f"{identifiers.NL_BANKS[b]}{a:010d}")
        for b, a in zip(banks, accounts, strict=True)
    ]
    return values


def _date_strings(first_year: int, last_year: int) -> list[str]:
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    return [dt.date.fromordinal(day).strftime("%d-%m-%Y") for day in range(start, end + 1)]


def birth_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    days = _date_strings(1930, 2010)
    return [days[i] for i in gen.integers(0, len(days), n).tolist()]


def request_date_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    days = _date_strings(2023, 2025)
    return [days[i] for i in gen.integers(0, len(days), n).tolist()]


def amount_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    cents = gen.integers(0, 500_000, n).tolist()
    return [f"{c // 100}.{c % 100:02d}" for c in cents]


def status_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    options = ("Nieuw", "In behandeling", "Afgehandeld", "Doorgezet", "Vervallen")
    return [options[i] for i in gen.integers(0, len(options), n).tolist()]


def client_number_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    start = int(gen.integers(100_000_000, 800_000_000))
    return [str(start + i) for i in range(n)]


def plate_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    pool = [identifiers.plate(ctx.rng) for _ in range(min(n, 200_000))]
    return [pool[i] for i in gen.integers(0, len(pool), n).tolist()]


def remark_column(gen: np.random.Generator, ctx: BulkContext, n: int) -> list[str | None]:
    """Remarks: 60% empty, the rest clean text, 3% of rows with a phone, e-mail or name."""
    templates = CLEAN["fixi"] + CLEAN["klantcontact"]
    clean = [fill_template(ctx.rng.choice(templates), ctx.rng, ctx.people) for _ in range(5000)]
    values: list[str | None] = [clean[i] for i in gen.integers(0, len(clean), n).tolist()]
    values = _blank(values, 0.6, gen)  # type: ignore[arg-type]
    entities = ("PHONE_NUMBER", "EMAIL_ADDRESS", "PERSON")
    for position in gen.choice(n, size=max(1, n * 3 // 100), replace=False).tolist():
        template = ctx.rng.choice(EMBED[entities[position % 3]])
        values[position] = fill_template(template, ctx.rng, ctx.people)
    return values


# The column order for --columns N: the first ten are the standard table.
COLUMNS: tuple[tuple[str, Column], ...] = (
    ("bsn", bsn_column),
    ("naam", name_column),
    ("email", email_column),
    ("telefoon", phone_column),
    ("postcode", postcode_column),
    ("iban", iban_column),
    ("geboortedatum", birth_column),
    ("bedrag", amount_column),
    ("status", status_column),
    ("opmerking", remark_column),
    ("clientnummer", client_number_column),
    ("kenteken", plate_column),
    ("aanvraagdatum", request_date_column),
)


def write_bulk_csv(path: Path, rows: int, columns: int = 10, seed: int = 2026) -> list[str]:
    """Write `rows` x `columns` as plain UTF-8 CSV (',' separated); returns the headers.

    More columns than defined repeat the list with a numeric suffix (bsn_2, naam_2...).
    """
    gen = np.random.default_rng(seed)
    ctx = BulkContext(seed)
    headers: list[str] = []
    data: list[list[str | None]] = []
    for index in range(columns):
        name, build = COLUMNS[index % len(COLUMNS)]
        headers.append(name if index < len(COLUMNS) else f"{name}_{index // len(COLUMNS) + 1}")
        data.append(build(gen, ctx, rows))
    path.parent.mkdir(parents=True, exist_ok=True)
    # The csv module quotes only where needed, as exports do (Arrow's writer quotes every
    # string); empty cells stay empty.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(zip(*data, strict=True))
    return headers
