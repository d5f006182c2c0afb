"""Customers who stopped coming: gone much longer than their own rhythm.

A customer with at least `min_visits` visits (days they bought something) is lapsed
when the days since their last visit exceed `factor` times the median gap between
their visits: a weekly regular after three weeks, a twice-a-year customer only after
a year and a half. The same rule greets a returning customer (`occasions.is_away_long`).
"""

from dataclasses import dataclass
from datetime import date

from pos.domain.errors import UserError
from pos.domain.occasions import LAPSE_FACTOR, MIN_VISITS_FOR_USUAL_GAP, exceeds_usual_gap

REASON_MAX_LENGTH = 500


@dataclass(frozen=True, slots=True)
class LapseThresholds:
    """How much longer than usual counts as gone, and how many visits make a rhythm."""

    factor: float = LAPSE_FACTOR
    min_visits: int = MIN_VISITS_FOR_USUAL_GAP

    def __post_init__(self) -> None:
        if self.factor <= 1:
            raise UserError("the lapse factor must be more than 1 (3 = three times the usual gap)")
        if self.min_visits < 3:
            raise UserError("a usual gap needs at least 3 visits (2 gaps)")


def is_lapsed(
    visits: int, usual_gap_days: float, days_away: int, thresholds: LapseThresholds
) -> bool:
    """Whether a customer with `visits` visits, a median gap of `usual_gap_days` and
    `days_away` days since the last visit has lapsed."""
    return visits >= thresholds.min_visits and exceeds_usual_gap(
        days_away, usual_gap_days, thresholds.factor
    )



@dataclass(frozen=True, slots=True)
class LapsedCustomer:
    """A customer on the win-back list, with what the person calling them needs."""

    customer_id: int
    name: str
    phone: str
    email: str
    visits: int
    """Days they bought something."""
    usual_gap_days: float
    """The median days between their visits."""
    last_visit_on: date
    days_away: int
    lifetime_value_minor: int
    """What they spent in all (returns taken off)."""
    last_products: tuple[str, ...] = ()
    """What they bought last, newest first (up to five)."""
    last_reason: str = ""
    """The reason they gave when last asked ("" if never)."""

    def is_lapsed(self, thresholds: LapseThresholds) -> bool:
        return is_lapsed(self.visits, self.usual_gap_days, self.days_away, thresholds)
