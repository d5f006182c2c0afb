"""Gifts: when the customer is not the consumer. A mark on a cart line or on the whole
sale says who it is for and why (for a gift receipt, the thank-you, and a reminder next
year), and the day that reminder falls due.

The till's answer "Anna, birthday, 2026-12-24" is parsed here: the recipient first, then
an occasion and a date in any order, both optional (the occasion defaults to "other").
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pos.domain.errors import UserError
from pos.domain.followups import add_months

RECIPIENT_MAX_LENGTH = 80
REMINDER_DAYS_BEFORE = 7
"""The reminder is due this many days before the occasion comes round again."""
NEAREST_WITHIN_DAYS = 182
"""An occasion up to half a year before the sale is the one the gift was for (a late
present); an older date is moved on to its anniversary."""


class GiftOccasion(StrEnum):
    BIRTHDAY = "birthday"
    WEDDING = "wedding"
    ANNIVERSARY = "anniversary"
    CHRISTMAS = "christmas"
    THANK_YOU = "thank_you"
    OTHER = "other"

    @property
    def label(self) -> str:
        """How people say it: "thank you", "birthday"."""
        return self.value.replace("_", " ")


OCCASION_WORDS = {
    **{occasion.value: occasion for occasion in GiftOccasion},
    **{occasion.label: occasion for occasion in GiftOccasion},
    "thank-you": GiftOccasion.THANK_YOU, "thanks": GiftOccasion.THANK_YOU,
    "xmas": GiftOccasion.CHRISTMAS,
}
"""What a cashier may type for each occasion (case does not matter)."""
_OCCASION_CHOICES = ", ".join(occasion.label for occasion in GiftOccasion)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def clean_recipient(name: str) -> str:
    """The recipient's name with spaces tidied; refuses an empty or overlong name."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UserError("say who the gift is for, e.g. Anna, birthday")
    if len(cleaned) > RECIPIENT_MAX_LENGTH:
        raise UserError(
            f"the recipient's name is {len(cleaned)} characters; "
            f"keep it to {RECIPIENT_MAX_LENGTH}"
        )
    return cleaned


def parse_occasion(text: str) -> GiftOccasion:
    """"birthday", "Thank you", "xmas" ... as an occasion; refuses anything else."""
    found = OCCASION_WORDS.get(" ".join(text.lower().split()))
    if found is None:
        raise UserError(f"'{text.strip()}' is not an occasion; use one of {_OCCASION_CHOICES}")
    return found


@dataclass(frozen=True, slots=True)
class GiftMark:
    """Who a gift is for and the occasion (`occasion_on`: its day, when known)."""

    recipient: str
    occasion: GiftOccasion = GiftOccasion.OTHER
    occasion_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "recipient", clean_recipient(self.recipient))

    @property
    def text(self) -> str:
        """"Anna, birthday, 2026-12-24": what the till shows and asks again with."""
        parts = [self.recipient, self.occasion.label]
        if self.occasion_on is not None:
            parts.append(self.occasion_on.isoformat())
        return ", ".join(parts)


def parse_gift(text: str) -> GiftMark | None:
    """The till's answer as a mark; an empty answer is None (the mark is removed)."""
    if not text.strip():
        return None
    recipient, *rest = (part.strip() for part in text.split(","))
    occasion: GiftOccasion | None = None
    occasion_on: date | None = None
    for part in filter(None, rest):
        if _DATE.fullmatch(part):
            if occasion_on is not None:
                raise UserError("give one date for the occasion, e.g. 2026-12-24")
            occasion_on = _date(part)
        else:
            if occasion is not None:
                raise UserError(
                    f"give one occasion, then a date: e.g. {recipient or 'Anna'}, birthday, "
                    "2026-12-24 (a name cannot hold a comma)"
                )
            occasion = parse_occasion(part)
    return GiftMark(recipient, occasion or GiftOccasion.OTHER, occasion_on)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{text} is not a day of the calendar; type it like 2026-12-24") from None


def reminder_due_on(sold_on: date, occasion_on: date | None) -> date:
    """When to remind the customer of the gift: a week before the occasion comes round
    again a year on. The occasion this gift was for is its date (or the sale's day when no
    date is known); a date from an earlier year (a wedding, for an anniversary) counts
    from its anniversary nearest the sale. A 29 February occasion falls on 28 February
    in other years."""
    base = occasion_on or sold_on
    years = 0
    while add_months(base, 12 * years) < sold_on - timedelta(days=NEAREST_WITHIN_DAYS):
        years += 1
    return add_months(base, 12 * (years + 1)) - timedelta(days=REMINDER_DAYS_BEFORE)


def reminder_note(mark: GiftMark, item: str | None = None) -> str:
    """"Last year: a gift for Anna (birthday); anything this year?" (with the item for a
    gift of one line)."""
    what = f"a gift for {mark.recipient} ({mark.occasion.label})"
    if item:
        what += f": {item}"
    return f"Last year: {what}; anything this year?"
