"""Gifts on SQLite and PostgreSQL: saved with the sale in its own transaction, kept when a
sale is parked or quoted, reminded of next year, and the recipient forgotten when the
buyer's data is erased."""

import json
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from enum import StrEnum

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pos.db.database import Database
from pos.db.models import FollowUp, Payment, Sale, SaleGift, SaleLine
from pos.domain.cart import Cart
from pos.domain.followup_rules import AutoRule, Trigger
from pos.domain.gifts import GiftMark, GiftOccasion
from pos.domain.occasions import Occasion
from pos.domain.receipt_layout import TextRow, receipt_rows
from pos.domain.receipt_model import Receipt
from pos.domain.tender import Tender
from pos.services.checkout import SaleRequest, SoldGift
from pos.services.customers import CustomerService
from pos.services.followups import FollowUpService
from pos.services.messages import MessageService
from pos.services.quotations import QuotationService
from pos.services.receipts import ReceiptService
from pos.services.thank_you import ThankYouService
from tests.factories import (
    ManualClock,
    TillFixture,
    add_customer,
    fixed_clock,
    mark_customer_erased,
    row_counts,
    sell_at,
)

ANNA = GiftMark("Anna", GiftOccasion.BIRTHDAY, date(2026, 12, 24))
BEN = GiftMark("Ben", GiftOccasion.WEDDING)


def gift_cart(till: TillFixture) -> Cart:
    """A mug for Anna's birthday and a card, the whole sale also a wedding present."""
    return Cart((till.mugs(1), till.card())).mark_gift(0, ANNA).mark_gift(None, BEN)


def stored_gifts(database: Database) -> list[tuple[int, int | None, str, str, date | None]]:
    with database.reader() as uow:
        return [
            (g.sale_id, g.line_no, g.recipient, g.occasion, g.occasion_on)
            for g in uow.session.scalars(select(SaleGift).order_by(SaleGift.id))
        ]


def test_the_sale_keeps_its_gifts_and_a_retry_writes_none_again(till: TillFixture) -> None:
    request = till.request(gift_cart(till), Tender("cash", 7_00))
    rules = till.checkout.pricing_rules()

    sale = till.checkout.complete_sale(request, rules)
    again = till.checkout.complete_sale(request, rules)

    expected = (SoldGift(None, "Ben", "wedding", None),
                SoldGift(1, "Anna", "birthday", date(2026, 12, 24)))
    assert sale.gifts == expected
    assert sale.is_gift
    assert (again.already_completed, again.gifts) == (True, expected)
    assert stored_gifts(till.database) == [
        (sale.id, None, "Ben", "wedding", None),
        (sale.id, 1, "Anna", "birthday", date(2026, 12, 24)),
    ]
    with till.database.reader() as uow:
        (line_name,) = uow.session.scalars(
            select(SaleLine.name).where(SaleLine.sale_id == sale.id, SaleLine.line_no == 1))
        assert line_name == "Cat Mug"
        (created_at,) = uow.session.scalars(select(SaleGift.created_at).limit(1))
        assert created_at == sale.completed_at


def test_a_sale_without_gifts_writes_no_gift_rows(till: TillFixture) -> None:
    sale = till.sell(Cart((till.mugs(1),)), Tender("cash", 4_50))
    assert (sale.gifts, sale.is_gift) == ((), False)
    assert row_counts(till.database, SaleGift) == {"sale_gift": 0}


class _Unheard(StrEnum):
    DIVORCE = "divorce"


def test_a_gift_the_database_refuses_takes_the_whole_sale_with_it(till: TillFixture) -> None:
    """The gift rows are written in the sale's own transaction: when they fail, no sale,
    line, payment or receipt number is left behind."""
    mark = GiftMark("Anna")
    object.__setattr__(mark, "occasion", _Unheard.DIVORCE)  # past the domain's checks
    cart = Cart((till.mugs(1),)).mark_gift(0, mark)
    with pytest.raises(IntegrityError):
        till.sell(cart, Tender("cash", 4_50))
    assert row_counts(till.database, Sale, SaleLine, Payment, SaleGift) == {
        "sale": 0, "sale_line": 0, "payment": 0, "sale_gift": 0}
    assert till.sell(Cart((till.mugs(1),)), Tender("cash", 4_50)).receipt_number == "R1-000001"


def test_gifts_survive_parking_and_quotations(till: TillFixture) -> None:
    zoe = add_customer(till.database, "Zoë")
    cart = gift_cart(till)

    parked = till.parking.park(cart, till.cashier_id, zoe, "Zoë's presents")
    assert till.parking.resume(parked.id).cart == cart

    quotes = QuotationService(till.database, "1", fixed_clock)
    quotation = quotes.create(cart, zoe, till.cashier_id, valid_days=14)
    assert quotes.convert_to_cart(quotation.id).cart.gifts == cart.gifts


@pytest.fixture
def followups(till: TillFixture) -> FollowUpService:
    return FollowUpService(till.database, fixed_clock)


def test_a_gift_is_remembered_a_week_before_the_occasion_next_year(
    till: TillFixture, followups: FollowUpService
) -> None:
    zoe = add_customer(till.database, "Zoë")
    sale = till.sell(gift_cart(till), Tender("cash", 7_00), customer_id=zoe)

    items = followups.remind_of_gifts(sale.id, till.cashier_id)

    assert [(i.due_on, i.kind, i.source, i.sale_id, i.customer_name, i.note) for i in items] == [
        (date(2027, 11, 17), "call", "gift", sale.id, "Zoë",  # sold 24 Nov 2026, no date
         "Last year: a gift for Ben (wedding); anything this year?"),
        (date(2027, 12, 17), "call", "gift", sale.id, "Zoë",  # Anna's birthday 24 Dec
         "Last year: a gift for Anna (birthday): Cat Mug; anything this year?"),
    ]
    assert items[0].why == f"Receipt {sale.receipt_number}"
    assert followups.remind_of_gifts(sale.id) == ()  # a retry adds nothing
    with till.database.reader() as uow:
        rows = list(uow.session.scalars(select(FollowUp).order_by(FollowUp.id)))
        gift_ids = list(uow.session.scalars(select(SaleGift.id).order_by(SaleGift.id)))
    assert [(r.source_id, r.created_by_id) for r in rows] == [
        (gift_ids[0], till.cashier_id), (gift_ids[1], till.cashier_id)]


@pytest.mark.parametrize(
    ("occasion_on", "due"),
    [(None, date(2029, 2, 21)), (date(2028, 2, 29), date(2029, 2, 21)),
     (date(2028, 3, 10), date(2029, 3, 3))],
    ids=["no-date", "leap-day", "next-month"],
)
def test_a_leap_day_gift_is_remembered_before_28_february(
    till: TillFixture, occasion_on: date | None, due: date
) -> None:
    clock = ManualClock(datetime(2028, 2, 29, 15, 0, tzinfo=UTC))
    zoe = add_customer(till.database, "Zoë")
    cart = Cart((till.mugs(1),)).mark_gift(None, GiftMark("Leo", GiftOccasion.BIRTHDAY,
                                                          occasion_on))
    sale = sell_at(till.database, clock, till.cashier_id, cart, Tender("cash", 4_50),
                   customer_id=zoe)
    (item,) = FollowUpService(till.database, clock).remind_of_gifts(sale.id)
    assert item.due_on == due


def test_no_reminder_without_a_customer_or_for_an_erased_one(
    till: TillFixture, followups: FollowUpService
) -> None:
    walk_in = till.sell(gift_cart(till), Tender("cash", 7_00))
    gone = add_customer(till.database, "Gone")
    theirs = till.sell(gift_cart(till), Tender("cash", 7_00), customer_id=gone)
    mark_customer_erased(till.database, gone)
    assert followups.remind_of_gifts(walk_in.id) == ()
    assert followups.remind_of_gifts(theirs.id) == ()
    assert row_counts(till.database, FollowUp) == {"follow_up": 0}


def test_after_the_sale_the_rules_and_the_gifts_both_schedule(
    till: TillFixture, followups: FollowUpService
) -> None:
    followups.save_rule(AutoRule(Trigger.SALE_OVER_AMOUNT, 3, "call", "Big order",
                                 amount_minor=5_00))
    zoe = add_customer(till.database, "Zoë")
    sale = till.sell(gift_cart(till), Tender("cash", 7_00), customer_id=zoe)

    items = followups.after_sale(sale.id, till.cashier_id)

    assert [(i.source, i.due_on) for i in items] == [
        ("rule", date(2026, 11, 27)), ("gift", date(2027, 11, 17)), ("gift", date(2027, 12, 17))]
    assert followups.after_sale(sale.id, till.cashier_id) == ()


def test_the_thank_you_for_a_gift_hopes_they_love_it(till: TillFixture) -> None:
    customers = CustomerService(till.database, fixed_clock)
    thank_you = ThankYouService(customers, MessageService(till.database, fixed_clock, customers),
                                "Corner Shop", "Thank you", "en_GB")
    zoe = add_customer(till.database, "Zoë Brontë")
    till.sell(Cart((till.card(),)), Tender("cash", 2_50), customer_id=zoe)  # not a first visit

    plain = till.sell(Cart((till.card(),)), Tender("cash", 2_50), customer_id=zoe)
    gift = till.sell(gift_cart(till), Tender("cash", 7_00), customer_id=zoe)

    assert thank_you.pick(plain) == "Thank you"
    assert thank_you.pick(gift) == "Thank you, Zoë. We hope they love it!"
    chosen = thank_you.choose(zoe, is_gift=True)
    assert chosen is not None
    assert chosen.occasion is Occasion.GIFT


def test_erasure_forgets_the_recipients_of_their_gifts_only(
    database: Database, till: TillFixture
) -> None:
    customers = CustomerService(database, fixed_clock)
    zoe = add_customer(database, "Zoë")
    max_ = add_customer(database, "Max")
    theirs = till.sell(gift_cart(till), Tender("cash", 7_00), customer_id=zoe)
    other = till.sell(Cart((till.mugs(1),)).mark_gift(0, GiftMark("Kim")), Tender("cash", 4_50),
                      customer_id=max_)

    exported = customers.export(zoe, actor="Olivia")
    assert json.loads(json.dumps(exported)) == exported
    assert [(g["line_no"], g["recipient"], g["occasion"], g["occasion_on"])
            for g in exported["sales"][0]["gifts"]] == [
        (None, "Ben", "wedding", None), (1, "Anna", "birthday", "2026-12-24")]

    erased = customers.erase(zoe, actor="Olivia")

    assert erased.released["sale_gift.recipient"] == 2
    assert stored_gifts(database) == [
        (theirs.id, None, "", "wedding", None),
        (theirs.id, 1, "", "birthday", date(2026, 12, 24)),
        (other.id, 1, "Kim", "other", None),
    ]


def test_a_retried_request_after_erasure_still_reads(till: TillFixture) -> None:
    """A sale found again by its UUID reads its gifts back from the database."""
    request = SaleRequest(str(uuid.uuid4()), till.cashier_id, gift_cart(till),
                          (Tender("cash", 7_00),))
    first = till.checkout.complete_sale(request, till.checkout.pricing_rules())
    found = till.checkout.find_by_uuid(request.uuid)
    assert found is not None
    assert replace(found, already_completed=False) == first


def row_texts(receipt: Receipt) -> list[str]:
    return [f"{row.left} {row.right}" for row in receipt_rows(receipt)
            if isinstance(row, TextRow)]


def test_the_gift_receipt_holds_the_presents_and_whom_they_are_for(till: TillFixture) -> None:
    carol = GiftMark("Carol", GiftOccasion.CHRISTMAS)
    one_present = till.sell(Cart((till.mugs(1), till.card())).mark_gift(0, ANNA),
                            Tender("cash", 7_00))
    two = till.sell(Cart((till.mugs(1), till.card())).mark_gift(0, ANNA).mark_gift(1, carol),
                    Tender("cash", 7_00))
    whole = till.sell(gift_cart(till), Tender("cash", 7_00))
    receipts = ReceiptService(till.database)

    gift = receipts.for_sale(one_present.id, gift=True)
    assert ([line.name for line in gift.lines], gift.gift_for) == (["Cat Mug"], "Anna")
    text = "\n".join(row_texts(gift))
    assert "For Anna" in text
    assert "Birthday Card" not in text
    assert "4.50" not in text  # no prices on a present
    assert receipts.for_sale(one_present.id).lines[1].name == "Birthday Card"  # the buyer's
    two_people = receipts.for_sale(two.id, gift=True)
    assert (len(two_people.lines), two_people.gift_for) == (2, "Anna and Carol")
    everything = receipts.for_sale(whole.id, gift=True)
    assert (len(everything.lines), everything.gift_for) == (2, "Ben and Anna")
