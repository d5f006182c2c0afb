"""Lapsed customers won back: a visit after far longer away than their own rhythm.

The rule is the greeting's (`pos.domain.occasions.is_away_long`), applied to the days a
customer came: several sales on one day are one visit, and their usual gap is the
median of the gaps between their earlier visits.
"""

from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from statistics import median

from pos.domain.occasions import VisitFacts, is_away_long


def facts_of_visit(earlier_days: list[date], day: date) -> VisitFacts:
    """What the greeting rule knows of a visit on `day` after visits on `earlier_days`
    (distinct, in order)."""
    gaps = [(later - sooner).days for sooner, later in pairwise(earlier_days)]
    return VisitFacts(
        visit_number=len(earlier_days) + 1,
        days_since_last_visit=(day - earlier_days[-1]).days if earlier_days else None,
        usual_gap_days=float(median(gaps)) if gaps else None,
        past_visits=len(earlier_days),
        days_to_birthday=None,
    )


def won_back(visit_days: Iterable[date], first: date, last: date) -> bool:
    """Whether any visit from `first` to `last` ended a long absence."""
    days = sorted(set(visit_days))
    return any(
        first <= day <= last and is_away_long(facts_of_visit(days[:number], day))
        for number, day in enumerate(days)
    )
