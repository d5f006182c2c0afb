"""Automatic follow-ups from the owner's rules, on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import date

import pytest

from pos.db.models import FollowUp
from pos.domain.cart import Cart
from pos.domain.errors import NotFoundError
from pos.domain.followup_rules import AutoRule, Trigger
from pos.domain.tender import Tender
from pos.services.followups import FollowUpService
from tests.factories import (
    TillFixture,
    add_category,
    add_customer,
    fixed_clock,
    mark_customer_erased,
    row_counts,
)

OVER_10 = AutoRule(Trigger.SALE_OVER_AMOUNT, 3, "call", "Thank them for a big order",
                   amount_minor=10_00)


@pytest.fixture
def followups(till: TillFixture) -> FollowUpService:
    return FollowUpService(till.database, fixed_clock)


def test_every_quotation_is_followed_up_the_next_working_day_by_default(
    followups: FollowUpService,
) -> None:
    (rule,) = followups.rules()
    assert (rule.trigger, rule.days_after, rule.working_days, rule.kind, rule.active) == (
        Trigger.QUOTATION, 1, True, "call", True)


def test_a_sale_over_the_amount_gets_a_follow_up_once(
    till: TillFixture, followups: FollowUpService
) -> None:
    rule = followups.save_rule(OVER_10)
    zoe = add_customer(till.database, "Zoë")
    big = till.sell(Cart((till.mugs(3),)), Tender("cash", 20_00), customer_id=zoe)
    small = till.sell(Cart((till.mugs(1),)), Tender("cash", 5_00), customer_id=zoe)

    (item,) = followups.apply_rules_to_sale(big.id, till.cashier_id)

    assert (item.due_on, item.kind, item.note) == (date(2026, 11, 27), "call",
                                                   "Thank them for a big order")
    assert (item.sale_id, item.source, item.customer_name) == (big.id, "rule", "Zoë")
    with till.database.reader() as uow:
        row = uow.session.get(FollowUp, item.id)
        assert row is not None
        assert (row.source_id, row.created_by_id) == (rule.id, till.cashier_id)
    assert followups.apply_rules_to_sale(big.id) == ()  # a retry adds nothing
    assert followups.apply_rules_to_sale(small.id) == ()
    assert row_counts(till.database, FollowUp) == {"follow_up": 1}


def test_a_category_rule_checks_the_item_works_after_a_week(
    till: TillFixture, followups: FollowUpService
) -> None:
    machines = add_category(till.database, "Machines", till.mug_id)
    add_category(till.database, "Cards", till.card_id)
    followups.save_rule(AutoRule(Trigger.CATEGORY, 7, "call", "Check it works",
                                 category_id=machines))
    zoe = add_customer(till.database, "Zoë")
    with_mug = till.sell(Cart((till.card(), till.mugs())), Tender("cash", 7_00), customer_id=zoe)
    cards_only = till.sell(Cart((till.card(),)), Tender("cash", 2_50), customer_id=zoe)

    (item,) = followups.apply_rules_to_sale(with_mug.id)
    assert (item.due_on, item.note) == (date(2026, 12, 1), "Check it works")
    assert followups.apply_rules_to_sale(cards_only.id) == ()


def test_no_follow_up_without_a_customer_for_an_erased_one_or_for_a_return(
    till: TillFixture, followups: FollowUpService
) -> None:
    followups.save_rule(replace(OVER_10, amount_minor=0))
    zoe = add_customer(till.database, "Zoë")
    anonymous = till.sell(Cart((till.mugs(),)), Tender("cash", 5_00))
    assert followups.apply_rules_to_sale(anonymous.id) == ()
    sale = till.sell(Cart((till.mugs(),)), Tender("cash", 5_00), customer_id=zoe)
    returned = till.give_back({1: 1}, receipt_number=sale.receipt_number)
    assert followups.apply_rules_to_sale(returned.id) == ()
    mark_customer_erased(till.database, zoe)
    assert followups.apply_rules_to_sale(sale.id) == ()
    assert row_counts(till.database, FollowUp) == {"follow_up": 0}


def test_rules_are_edited_and_switched_off_not_deleted(
    till: TillFixture, followups: FollowUpService
) -> None:
    rule = followups.save_rule(OVER_10)
    changed = followups.save_rule(replace(rule, days_after=1, working_days=True, kind="sms"))
    assert changed == replace(rule, days_after=1, working_days=True, kind="sms")
    off = followups.save_rule(replace(changed, active=False))
    assert followups.rules()[-1] == off
    zoe = add_customer(till.database, "Zoë")
    sale = till.sell(Cart((till.mugs(3),)), Tender("cash", 20_00), customer_id=zoe)
    assert followups.apply_rules_to_sale(sale.id) == ()


def test_rules_naming_what_does_not_exist_are_refused(followups: FollowUpService) -> None:
    with pytest.raises(NotFoundError, match="no category 999"):
        followups.save_rule(AutoRule(Trigger.CATEGORY, 7, "call", "", category_id=999))
    with pytest.raises(NotFoundError, match="no rule 999"):
        followups.save_rule(replace(OVER_10, id=999))
    with pytest.raises(NotFoundError, match="no sale 999"):
        followups.apply_rules_to_sale(999)
