"""The daily service review's figures: how well the shop served over some days.

Everything is counted, never ranked: per person the review shows counts and rates
(sales served, share of known customers, ratings, complaints, promises, follow-ups),
in name order, and no spend. The figures of the shop are the sum of everyone's
(follow-ups without an owner count for the shop only).

What counts in a period (its days are the shop's local days):
- sales, known customers and ratings: sales completed in it, at the register asked for
  (ratings count on the day of the sale they rate, whenever they were given);
- complaints, promises and follow-ups belong to the shop, not to a register: each event
  counts in the period it happened (logged, apologised, first answered, resolved; promises
  due and marked kept or broken; follow-ups done), and the "at close" figures are what was
  still outstanding at the end of the period's last day.
"""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from pos.domain.basis_points import BP_WHOLE, share_half_up
from pos.domain.complaints import Category
from pos.domain.ratings import MAX_STARS, MIN_STARS

NO_STARS: tuple[int, ...] = (0,) * (MAX_STARS - MIN_STARS + 1)


@dataclass(frozen=True, slots=True)
class Timing:
    """How long `count` things took, in all (and each, when read one by one)."""

    count: int = 0
    total_seconds: float = 0.0
    each_seconds: tuple[float, ...] = ()
    """Each thing's time, in no particular order: what the median is taken of. Empty
    when only the total was read."""

    @staticmethod
    def of(seconds: Iterable[float]) -> "Timing":
        """The timing of things that took these many seconds each."""
        each = tuple(seconds)
        return Timing(len(each), float(sum(each)), each)

    @property
    def average(self) -> timedelta | None:
        if not self.count:
            return None
        return timedelta(seconds=round(self.total_seconds / self.count))

    @property
    def median(self) -> timedelta | None:
        """The middle time (half took longer, half less); None when not read one by one."""
        if not self.count or len(self.each_seconds) != self.count:
            return None
        return timedelta(seconds=round(statistics.median(self.each_seconds)))

    def __add__(self, other: "Timing") -> "Timing":
        return Timing(self.count + other.count, self.total_seconds + other.total_seconds,
                      self.each_seconds + other.each_seconds)


@dataclass(frozen=True, slots=True)
class ServiceFigures:
    """The countable figures of a period, for the shop or for one person."""

    sales: int = 0
    known_customer_sales: int = 0
    """Sales with a customer attached."""
    stars: tuple[int, ...] = NO_STARS
    """How many ratings gave 1, 2, 3, 4 and 5 stars."""
    complaints_opened: int = 0
    complaints_open_at_close: int = 0
    """Complaints logged by the end of the last day and not resolved by then."""
    time_to_apology: Timing = field(default_factory=Timing)
    """From logging to apology, of the complaints apologised for in the period."""
    time_to_first_response: Timing = field(default_factory=Timing)
    """From logging to the first answer, of the complaints first answered in the period."""
    time_to_resolution: Timing = field(default_factory=Timing)
    """From logging to resolution, of the complaints resolved in the period."""
    promises_due: int = 0
    promises_kept: int = 0
    promises_broken: int = 0
    promises_overdue_at_close: int = 0
    """Open promises due on or before the last day, not kept or broken by its end."""
    follow_ups_done: int = 0
    follow_ups_overdue_at_close: int = 0
    """Follow-ups due on or before the last day and not done by its end."""

    @property
    def known_customer_share_bp(self) -> int | None:
        """Share of sales with a known customer, in basis points (None without sales)."""
        if not self.sales:
            return None
        return share_half_up(BP_WHOLE, self.known_customer_sales, self.sales)

    @property
    def complaints_apologised(self) -> int:
        return self.time_to_apology.count

    @property
    def complaints_resolved(self) -> int:
        return self.time_to_resolution.count

    @property
    def ratings(self) -> int:
        return sum(self.stars)

    @property
    def average_stars(self) -> float | None:
        if not self.ratings:
            return None
        total = sum(count * stars for stars, count in enumerate(self.stars, MIN_STARS))
        return total / self.ratings

    def __add__(self, other: "ServiceFigures") -> "ServiceFigures":
        return ServiceFigures(**{
            spec.name: _added(getattr(self, spec.name), getattr(other, spec.name))
            for spec in fields(self)
        })

    @staticmethod
    def total(parts: Iterable["ServiceFigures"]) -> "ServiceFigures":
        return sum(parts, ServiceFigures())


def _added(mine: Any, theirs: Any) -> Any:
    if isinstance(mine, tuple):
        return tuple(a + b for a, b in zip(mine, theirs, strict=True))
    return mine + theirs


ByPerson = dict[int | None, ServiceFigures]
"""Figures per member of staff (None: no one, e.g. a follow-up without an owner)."""


def merged(*parts: ByPerson) -> ByPerson:
    """The figures of each person added up across `parts`."""
    result: ByPerson = {}
    for part in parts:
        for person, figures in part.items():
            result[person] = result.get(person, ServiceFigures()) + figures
    return result


@dataclass(frozen=True, slots=True)
class PersonFigures:
    user_id: int
    name: str
    figures: ServiceFigures


@dataclass(frozen=True, slots=True)
class RatingComment:
    stars: int
    word: str


@dataclass(frozen=True, slots=True)
class ServiceReview:
    """The review of the days `first_day` to `last_day` (the same day for a daily one)."""

    first_day: date
    last_day: date
    register_code: str | None
    """The register whose sales and ratings count; None for the whole shop."""
    shop: ServiceFigures
    people: tuple[PersonFigures, ...]
    """Everyone with something to show, in name order (never ranked)."""
    customers: int
    """Known customers who came (each counted once)."""
    won_back: int
    """Of those, customers back after far longer than their usual gap between visits."""
    comments: tuple[RatingComment, ...]
    """The words given with ratings, in the order of the sales."""
    complaint_categories: tuple[tuple[Category, int], ...]
    """Complaints opened per category, most frequent first."""
