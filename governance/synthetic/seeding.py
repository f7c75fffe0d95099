"""Seeded randomness: one independent stream per dataset, and seeded choice of defect rows.

Each dataset draws from its own generators, derived from the seed and the dataset id with
a stable hash (not Python's `hash`, which changes per process). So the same seed gives the
same bytes on every run, and adding a column to one dataset leaves the others unchanged.
The demo's fixed reference date stands in for "today" for the same reason.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from datetime import date

from faker import Faker

REFERENCE_DATE = date(2026, 11, 1)
"""The 'peildatum' of every export: waiting times and statuses are computed as of this day."""


def derived_seed(seed: int, dataset_id: str) -> int:
    """A 64-bit seed for one dataset, stable across processes, platforms and versions."""
    digest = hashlib.sha256(f"{seed}:{dataset_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def dataset_random(seed: int, dataset_id: str) -> random.Random:
    return random.Random(derived_seed(seed, dataset_id))


def dataset_faker(seed: int, dataset_id: str) -> Faker:
    """A Dutch Faker whose draws depend only on the seed and the dataset id."""
    fake = Faker("nl_NL")
    fake.seed_instance(derived_seed(seed, dataset_id))
    return fake


def pick(
    rng: random.Random, population: int | Sequence[int], share: float, minimum: int = 1
) -> set[int]:
    """Indices of `share` of the rows (at least `minimum`) that get a deliberate defect.

    `population` is a row count or the indices of the rows that can carry the defect (a
    negative waiting time needs a row with a start date). A fixed count, not a coin per
    row: a small test file still holds every kind of defect, a large one the stated share.
    """
    candidates = range(population) if isinstance(population, int) else list(population)
    if not candidates:
        return set()
    count = min(len(candidates), max(minimum, round(len(candidates) * share)))
    return set(rng.sample(candidates, count))
