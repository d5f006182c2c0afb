"""Automatic follow-ups as data: which sales, quotations and complaints get one, and when.

A rule names its trigger and the trigger's parameter (an amount for
`sale_over_amount`, a category for `category`), how many days after it the
follow-up is due (working days, Monday to Friday, when `working_days`), its kind
and the note the person doing it reads.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pos.domain.errors import UserError
from pos.domain.followups import add_working_days, check_kind

MAX_DAYS_AFTER = 366
NOTE_MAX_LENGTH = 500


class Trigger(StrEnum):
    SALE_OVER_AMOUNT = "sale_over_amount"
    CATEGORY = "category"
    QUOTATION = "quotation"
    COMPLAINT = "complaint"


@dataclass(frozen=True, slots=True)
class AutoRule:
    """One owner-made rule. `id` is None until it is saved."""

    trigger: Trigger
    days_after: int
    kind: str
    note: str
    amount_minor: int | None = None
    """`sale_over_amount`: a sale for more than this gets a follow-up."""
    category_id: int | None = None
    """`category`: a sale with a product of this category gets a follow-up."""
    working_days: bool = False
    active: bool = True
    id: int | None = None

    def __post_init__(self) -> None:
        check_kind(self.kind)
        if not 0 <= self.days_after <= MAX_DAYS_AFTER:
            raise UserError(f"days after must be between 0 and {MAX_DAYS_AFTER}")
        if len(self.note) > NOTE_MAX_LENGTH:
            raise UserError(f"the rule's note is too long; shorten it to {NOTE_MAX_LENGTH}")
        if (self.trigger is Trigger.SALE_OVER_AMOUNT) != (self.amount_minor is not None):
            raise UserError("give an amount for a 'sale over amount' rule (and only for it)")
        if self.amount_minor is not None and self.amount_minor < 0:
            raise UserError("the amount of a rule cannot be negative")
        if (self.trigger is Trigger.CATEGORY) != (self.category_id is not None):
            raise UserError("choose a category for a 'category' rule (and only for it)")

    def due_on(self, day: date) -> date:
        """When the follow-up of something that happened on `day` is due."""
        if self.working_days:
            return add_working_days(day, self.days_after)
        return day + timedelta(days=self.days_after)


@dataclass(frozen=True, slots=True)
class SaleFacts:
    """What the sale rules look at."""

    total_minor: int
    category_ids: Collection[int]
    is_sale: bool = True
    """False for a return: returns get no automatic follow-up."""


def matches_sale(rule: AutoRule, sale: SaleFacts) -> bool:
    if not (rule.active and sale.is_sale):
        return False
    if rule.trigger is Trigger.SALE_OVER_AMOUNT:
        return rule.amount_minor is not None and sale.total_minor > rule.amount_minor
    if rule.trigger is Trigger.CATEGORY:
        return rule.category_id in sale.category_ids
    return False


def rules_for_sale(rules: Iterable[AutoRule], sale: SaleFacts) -> tuple[AutoRule, ...]:
    """The active rules a completed sale fires (one follow-up each)."""
    return tuple(rule for rule in rules if matches_sale(rule, sale))


def rules_for(rules: Iterable[AutoRule], trigger: Trigger) -> tuple[AutoRule, ...]:
    """The active rules of a trigger with no parameter (quotation, complaint)."""
    return tuple(rule for rule in rules if rule.active and rule.trigger is trigger)
