"""The life of a request on a care waiting list (Wmo, Jeugd): request, decision, start.

Both waiting-list pilots steer on the same quantity, the days between the decision and
the start of care, so the timeline and its two classic entry errors (a start before the
decision, a decision before the request) are made in one place.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from governance.synthetic.seeding import pick


@dataclass(frozen=True)
class Timeline:
    requested: date
    decided: date | None
    started: date | None
    status: str
    reference: date

    @property
    def waiting_days(self) -> int | None:
        """Days from decision to start of care, or to the reference date while waiting."""
        if self.decided is None:
            return None
        return ((self.started or self.reference) - self.decided).days


REGISTERED = "Aangemeld"
INVESTIGATING = "In onderzoek"
WAITING = "Wacht op start"
IN_CARE = "In zorg"
WITHDRAWN = "Ingetrokken"


def make_timeline(
    rng: random.Random,
    reference: date,
    *,
    decision_days: tuple[int, int],
    mean_wait: float,
    history_days: int = 730,
    withdrawn_share: float = 0.03,
) -> Timeline:
    """A plausible request: recent requests are more common than old ones still listed."""
    requested = reference - timedelta(days=int(rng.triangular(0, history_days, 30)))
    if rng.random() < withdrawn_share:
        return Timeline(requested, None, None, WITHDRAWN, reference)
    decided = requested + timedelta(days=rng.randint(*decision_days))
    if decided > reference:
        fresh = (reference - requested).days < 14
        return Timeline(requested, None, None, REGISTERED if fresh else INVESTIGATING, reference)
    started = decided + timedelta(days=min(400, int(rng.expovariate(1 / mean_wait))))
    if started > reference:
        return Timeline(requested, decided, None, WAITING, reference)
    return Timeline(requested, decided, started, IN_CARE, reference)


def start_before_decision(rng: random.Random, timeline: Timeline) -> Timeline:
    """Entry error: the start date typed before the decision (negative waiting days)."""
    assert timeline.decided is not None
    started = timeline.decided - timedelta(days=rng.randint(3, 40))
    return replace(timeline, started=started, status=IN_CARE)


def decision_before_request(rng: random.Random, timeline: Timeline) -> Timeline:
    """Entry error: the decision dated before the request it answers."""
    assert timeline.decided is not None
    return replace(timeline, decided=timeline.requested - timedelta(days=rng.randint(1, 30)))


def add_date_errors(rng: random.Random, timelines: list[Timeline]) -> None:
    """Plant the two date errors a waiting-list export really has: care started before
    the decision, and a decision dated before the request."""
    started = [i for i, t in enumerate(timelines) if t.started is not None]
    for index in pick(rng, started, 0.004):
        timelines[index] = start_before_decision(rng, timelines[index])
    decided = [i for i, t in enumerate(timelines) if t.decided is not None]
    for index in pick(rng, decided, 0.003):
        timelines[index] = decision_before_request(rng, timelines[index])
