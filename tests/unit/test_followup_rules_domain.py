"""Automatic follow-up rules: which sales they fire on, when the follow-up is due."""

from datetime import date

import pytest

from pos.domain.errors import UserError
from pos.domain.followup_rules import AutoRule, SaleFacts, Trigger, rules_for, rules_for_sale

OVER_500 = AutoRule(Trigger.SALE_OVER_AMOUNT, 2, "call", "Thank them", amount_minor=500_00)
MACHINES = AutoRule(Trigger.CATEGORY, 7, "call", "Check it works", category_id=3)
QUOTES = AutoRule(Trigger.QUOTATION, 1, "call", "Questions?", working_days=True)


def test_a_sale_over_the_amount_fires_the_rule_and_one_at_it_does_not() -> None:
    assert rules_for_sale([OVER_500], SaleFacts(500_01, ())) == (OVER_500,)
    assert rules_for_sale([OVER_500], SaleFacts(500_00, ())) == ()


def test_a_sale_with_a_product_of_the_category_fires_the_rule() -> None:
    assert rules_for_sale([MACHINES, OVER_500], SaleFacts(20_00, {1, 3})) == (MACHINES,)
    assert rules_for_sale([MACHINES], SaleFacts(20_00, {1})) == ()


def test_returns_and_inactive_rules_fire_nothing() -> None:
    assert rules_for_sale([OVER_500], SaleFacts(900_00, (), is_sale=False)) == ()
    off = AutoRule(Trigger.SALE_OVER_AMOUNT, 2, "call", "", amount_minor=1, active=False)
    assert rules_for_sale([off], SaleFacts(900_00, ())) == ()


def test_quotation_rules_are_picked_by_trigger() -> None:
    assert rules_for([OVER_500, QUOTES, MACHINES], Trigger.QUOTATION) == (QUOTES,)


def test_due_day_in_calendar_or_working_days() -> None:
    friday = date(2026, 11, 27)
    assert OVER_500.due_on(friday) == date(2026, 11, 29)
    assert QUOTES.due_on(friday) == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"trigger": Trigger.SALE_OVER_AMOUNT}, "give an amount"),
        ({"trigger": Trigger.CATEGORY}, "choose a category"),
        ({"trigger": Trigger.QUOTATION, "amount_minor": 5}, "give an amount"),
        ({"trigger": Trigger.QUOTATION, "days_after": -1}, "days after"),
        ({"trigger": Trigger.QUOTATION, "kind": "fax"}, "one of call"),
        ({"trigger": Trigger.SALE_OVER_AMOUNT, "amount_minor": -1}, "cannot be negative"),
    ],
)
def test_rules_that_make_no_sense_are_refused(kwargs: dict[str, object], message: str) -> None:
    values: dict[str, object] = {"days_after": 1, "kind": "call", "note": ""} | kwargs
    with pytest.raises(UserError, match=message):
        AutoRule(**values)  # type: ignore[arg-type]
