"""Why this visit is special: the facts about a customer that pick their greeting and
their thank-you, and the rules that pick them (pure; the services gather the facts)."""

from dataclasses import dataclass
from enum import StrEnum

MILESTONE_VISITS = frozenset({10, 25, 50, 100, 150, 200, 250, 500, 1000})
BIRTHDAY_WINDOW_DAYS = 7
LAPSE_FACTOR = 3
"""Away more than this many times their usual gap between visits: welcome them back."""
MIN_VISITS_FOR_USUAL_GAP = 3
LONG_ABSENCE_DAYS = 180
"""Without a usual gap to go by, this long away also counts as an absence."""


class Occasion(StrEnum):
    BIRTHDAY = "birthday"
    FIRST_VISIT = "first_visit"
    WELCOME_BACK = "welcome_back"
    MILESTONE = "milestone"
    GIFT = "gift"
    LARGE_PURCHASE = "large_purchase"
    PREFERENCES = "preferences"
    DEFAULT = "default"


DEFAULT_ORDER: tuple[Occasion, ...] = tuple(Occasion)
"""The owner can reorder these; DEFAULT always applies last."""


@dataclass(frozen=True, slots=True)
class VisitFacts:
    """What the till knows about this customer and this visit."""

    visit_number: int
    """This visit's number (1 for a first visit)."""
    days_since_last_visit: int | None
    usual_gap_days: float | None
    """Median days between their past visits, when they have enough of them."""
    past_visits: int
    days_to_birthday: int | None
    """0 on the birthday; None when no birthday is known."""
    is_gift: bool = False
    total_minor: int = 0
    large_purchase_minor: int = 0
    """A sale this big counts as large (0: never)."""
    has_preferences: bool = False


def is_away_long(facts: VisitFacts) -> bool:
    """Back after much longer than their own rhythm (or, with no rhythm yet, half a year)."""
    away = facts.days_since_last_visit
    if away is None:
        return False
    if facts.usual_gap_days is not None and facts.past_visits >= MIN_VISITS_FOR_USUAL_GAP:
        return exceeds_usual_gap(away, facts.usual_gap_days)
    return away > LONG_ABSENCE_DAYS


def exceeds_usual_gap(
    days_away: float, usual_gap_days: float, factor: float = LAPSE_FACTOR
) -> bool:
    """Away more than `factor` times the usual gap (a gap under a day counts as one day)."""
    return days_away > factor * max(usual_gap_days, 1.0)


def applies(occasion: Occasion, facts: VisitFacts) -> bool:
    """Whether `occasion` fits this visit."""
    match occasion:
        case Occasion.BIRTHDAY:
            return (facts.days_to_birthday is not None
                    and facts.days_to_birthday <= BIRTHDAY_WINDOW_DAYS)
        case Occasion.FIRST_VISIT:
            return facts.visit_number == 1
        case Occasion.WELCOME_BACK:
            return is_away_long(facts)
        case Occasion.MILESTONE:
            return facts.visit_number in MILESTONE_VISITS
        case Occasion.GIFT:
            return facts.is_gift
        case Occasion.LARGE_PURCHASE:
            return 0 < facts.large_purchase_minor <= facts.total_minor
        case Occasion.PREFERENCES:
            return facts.has_preferences
        case Occasion.DEFAULT:
            return True


def occasions_for(
    facts: VisitFacts, order: tuple[Occasion, ...] = DEFAULT_ORDER
) -> tuple[Occasion, ...]:
    """Every occasion that fits, in the owner's order, ending with DEFAULT."""
    fitting = tuple(o for o in order if o is not Occasion.DEFAULT and applies(o, facts))
    return (*fitting, Occasion.DEFAULT)
