"""Promises on SQLite and PostgreSQL: reminders in the follow-up queue, the due list,
kept and broken, stock received, and the promises refused."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import FollowUp, Promise
from pos.domain.errors import NotFoundError, UserError
from tests.factories import FIXED_NOW, add_product, mark_customer_erased, row_counts
from tests.integration.kept_word import KeptWordShop

TODAY = FIXED_NOW.date()  # the shop is in London: 24 November is a UTC+0 day
FRIDAY = date(2026, 11, 27)


@pytest.fixture
def shop(database: Database) -> KeptWordShop:
    return KeptWordShop.open(database)


def follow_ups(database: Database) -> list[FollowUp]:
    with database.reader() as uow:
        return list(uow.session.scalars(select(FollowUp).order_by(FollowUp.id)))


def test_a_promise_makes_one_reminder_due_on_its_day(shop: KeptWordShop) -> None:
    promise = shop.promises.make(shop.ann, "  Your order arrives   Friday ", FRIDAY, shop.alex)

    assert (promise.text, promise.due_on, promise.status) == ("Your order arrives Friday",
                                                              FRIDAY, "open")
    assert (promise.customer_name, promise.promised_by_name) == ("Ann Archer", "Alex")
    [reminder] = follow_ups(shop.database)
    assert (reminder.source, reminder.source_id, reminder.customer_id) == (
        "promise", promise.id, shop.ann)
    assert (reminder.due_on, reminder.status, reminder.owner_id) == (FRIDAY, "open", shop.alex)
    assert "Your order arrives Friday" in reminder.note


def test_open_promises_for_the_customer_panel(shop: KeptWordShop) -> None:
    later = shop.promises.make(shop.ann, "Refund by Monday", FRIDAY + timedelta(3), shop.alex)
    sooner = shop.promises.make(shop.ann, "Call when size M is back", FRIDAY, shop.alex)
    shop.promises.make(shop.bob, "Gift wrap", FRIDAY, shop.alex)
    shop.promises.mark(later.id, kept=True)

    assert [p.id for p in shop.promises.open_for(shop.ann)] == [sooner.id]
    assert shop.promises.open_for(shop.bob)[0].text == "Gift wrap"


def test_due_lists_what_falls_due_and_what_is_overdue(shop: KeptWordShop) -> None:
    today = shop.promises.make(shop.ann, "Ring back today", TODAY, shop.alex)
    friday = shop.promises.make(shop.bob, "Order arrives", FRIDAY, shop.alex)
    saturday = shop.promises.make(shop.bob, "Alterations", FRIDAY + timedelta(1), shop.alex)

    assert [p.id for p in shop.promises.due()] == [today.id]
    assert [p.id for p in shop.promises.due(FRIDAY)] == [today.id, friday.id]
    overdue = shop.promises.due(FRIDAY + timedelta(1))
    assert [p.id for p in overdue] == [today.id, friday.id, saturday.id]
    assert [p.is_overdue(FRIDAY + timedelta(1)) for p in overdue] == [True, True, False]


def test_marking_closes_the_promise_and_its_reminder(shop: KeptWordShop) -> None:
    kept = shop.promises.make(shop.ann, "Order arrives Friday", FRIDAY, shop.alex)
    broken = shop.promises.make(shop.bob, "Refund by Monday", FRIDAY, shop.alex)
    shop.clock.advance(days=3)

    marked = shop.promises.mark(kept.id, kept=True, note="collected")
    shop.promises.mark(broken.id, kept=False, note="supplier late")

    assert (marked.status, marked.closed_at, marked.note) == ("kept", shop.clock.now, "collected")
    assert shop.promises.due(FRIDAY) == ()
    assert [(f.source_id, f.status, f.done_at) for f in follow_ups(shop.database)] == [
        (kept.id, "done", shop.clock.now), (broken.id, "cancelled", shop.clock.now)
    ]
    with pytest.raises(UserError, match="already marked kept"):
        shop.promises.mark(kept.id, kept=False)
    with pytest.raises(NotFoundError):
        shop.promises.mark(9999, kept=True)


def test_stock_received_flags_the_promises_waiting_for_it(shop: KeptWordShop) -> None:
    jumper = add_product(shop.database, "J1", "Jumper size M", 3000)
    waiting = shop.promises.make(
        shop.ann, "Call when size M is back", FRIDAY + timedelta(7), shop.alex, product_id=jumper
    )
    other = shop.promises.make(shop.bob, "Mug restock", FRIDAY, shop.alex,
                               product_id=shop.till.mug_id)
    shop.clock.advance(days=1)

    [ready] = shop.promises.stock_received(jumper)

    assert (ready.id, ready.is_ready, ready.ready_at, ready.product_name) == (
        waiting.id, True, shop.clock.now, "Jumper size M")
    assert not shop.promises.get(other.id).is_ready
    assert shop.promises.stock_received(jumper) == ()  # flagged once
    reminders = {f.source_id: f.due_on for f in follow_ups(shop.database)}
    assert reminders == {waiting.id: TODAY + timedelta(1), other.id: FRIDAY}


def test_a_promise_due_in_the_past_is_refused(shop: KeptWordShop) -> None:
    with pytest.raises(UserError, match=r"2026-11-23, which has passed .* today or a later day"):
        shop.promises.make(shop.ann, "Order arrives", TODAY - timedelta(1), shop.alex)
    with pytest.raises(UserError, match="say what was promised"):
        shop.promises.make(shop.ann, "   ", FRIDAY, shop.alex)
    assert row_counts(shop.database, Promise, FollowUp) == {"promise": 0, "follow_up": 0}


def test_a_promise_about_another_customers_sale_is_refused(shop: KeptWordShop) -> None:
    bobs_sale = shop.sell_mug(shop.bob)
    with pytest.raises(UserError, match="R1-000001 was a sale to another customer"):
        shop.promises.make(shop.ann, "Replace the mug", FRIDAY, shop.alex, sale_id=bobs_sale.id)
    for unknown in ({"sale_id": 999}, {"product_id": 999}):
        with pytest.raises(NotFoundError):
            shop.promises.make(shop.ann, "Replace the mug", FRIDAY, shop.alex, **unknown)
    assert row_counts(shop.database, Promise, FollowUp) == {"promise": 0, "follow_up": 0}


def test_an_erased_customer_shows_no_promise_text(shop: KeptWordShop) -> None:
    promise = shop.promises.make(shop.ann, "Order arrives Friday", FRIDAY, shop.alex)
    mark_customer_erased(shop.database, shop.ann)

    shown = shop.promises.get(promise.id)
    assert (shown.customer_name, shown.text, shown.due_on) == ("", "", FRIDAY)
    with pytest.raises(UserError, match="personal data was erased"):
        shop.promises.make(shop.ann, "Another one", FRIDAY, shop.alex)
