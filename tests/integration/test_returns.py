"""Returns on SQLite and PostgreSQL: never more than bought, refunds to the right tender."""

import re
import threading
from typing import Any

import pytest
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import (
    CustomerStats,
    Payment,
    Product,
    Register,
    Sale,
    SaleLine,
    Shop,
    Voucher,
)
from pos.domain.cart import Cart, Discount
from pos.domain.errors import NotFoundError, UserError
from pos.domain.tender import Tender
from pos.services.checkout import PaidTender
from pos.services.returns import CompletedReturn, ReturnsService
from tests.factories import (
    TillFixture,
    add_customer,
    add_voucher,
    fixed_clock,
    row_counts,
    sign_in_cashier,
)

WRITTEN = (Sale, SaleLine, Payment, Voucher)


def _payments(completed: CompletedReturn) -> list[tuple[str, int, str]]:
    return [(p.method, p.amount_minor, p.reference) for p in completed.payments]


def test_find_sale_accepts_lower_case_and_spaces(till: TillFixture) -> None:
    till.sell(Cart().add(till.mugs(3)).add(till.card()), Tender("cash", 2000))
    found = till.returns.find_sale("  r1 - 000001 ")
    assert (found.receipt_number, found.total_minor, found.fully_returned) == (
        "R1-000001", 1600, False
    )
    assert [
        (line.line_no, line.name, line.quantity_sold, line.quantity_returned,
         line.line_total_minor, line.line_tax_minor)
        for line in found.lines
    ] == [(1, "Cat Mug", 3, 0, 1350, 225), (2, "Birthday Card", 1, 0, 250, 0)]
    assert found.payments == (PaidTender("cash", 1600, 2000, 400, ""),)
    with pytest.raises(NotFoundError, match="no sale has the receipt number R1-000099"):
        till.returns.find_sale("r1-000099")
    with pytest.raises(UserError, match="enter the receipt number"):
        till.returns.find_sale("   ")


def test_return_some_then_the_rest_but_never_more_than_bought(
    database: Database, till: TillFixture
) -> None:
    till.sell(Cart().add(till.mugs(3)).add(till.card()), Tender("cash", 2000))
    first = till.give_back({1: 2}, reason="chipped")
    assert (first.receipt_number, first.original_receipt_number) == ("R1-000002", "R1-000001")
    assert (first.refund_minor, first.tax_minor, first.reason) == (900, 150, "chipped")
    assert _payments(first) == [("cash", -900, "")]
    before = row_counts(database, *WRITTEN)
    with pytest.raises(UserError, match="only 1 of Cat Mug can still be returned, not 2"):
        till.give_back({1: 2})
    assert row_counts(database, *WRITTEN) == before

    second = till.give_back({1: 1, 2: 1})
    assert (second.receipt_number, second.refund_minor) == ("R1-000003", 700)
    with pytest.raises(UserError, match="all 3 of Cat Mug have already been returned"):
        till.give_back({1: 1})
    found = till.returns.find_sale("R1-000001")
    assert [line.quantity_returned for line in found.lines] == [3, 1]
    assert found.fully_returned

    with database.reader() as uow:
        original = uow.session.scalars(select(Sale).where(Sale.kind == "sale")).one()
        returns = list(uow.session.scalars(select(Sale).where(Sale.kind == "return")))
        assert [(r.total_minor, r.tax_minor, r.original_sale_id) for r in returns] == [
            (-900, -150, original.id), (-700, -75, original.id)
        ]
        assert sum(r.total_minor for r in returns) == -original.total_minor
        originals = {
            line.id: line.line_no
            for line in uow.session.scalars(select(SaleLine).where(SaleLine.sale_id == original.id))
        }
        returned = uow.session.scalars(
            select(SaleLine).where(SaleLine.sale_id != original.id).order_by(SaleLine.id)
        )
        assert [
            (line.quantity, line.total_minor, originals[line.original_line_id or 0])
            for line in returned
        ] == [(-2, -900, 1), (-1, -450, 1), (-1, -250, 2)]
        assert uow.session.scalars(select(Register)).one().last_receipt_seq == 3


def test_card_is_refunded_first_then_cash(till: TillFixture) -> None:
    sale = till.sell(
        Cart().add(till.mugs(3)), Tender("card", 1000, "AUTH1"), Tender("cash", 500)
    )
    assert [(p.method, p.amount_minor) for p in sale.payments] == [("card", 1000), ("cash", 350)]
    assert _payments(till.give_back({1: 1})) == [("card", -450, "AUTH1")]
    assert _payments(till.give_back({1: 2})) == [("card", -550, "AUTH1"), ("cash", -350, "")]


def test_a_voucher_that_paid_is_credited_back(database: Database, till: TillFixture) -> None:
    add_voucher(database, "GIFT-1", 300)
    till.sell(
        Cart().add(till.mugs(2)),
        Tender("cash", 200), Tender("voucher", 300, "GIFT-1"), Tender("card", 400, "A9"),
    )
    assert _payments(till.give_back({1: 2})) == [
        ("card", -400, "A9"), ("voucher", -300, "GIFT-1"), ("cash", -200, "")
    ]
    with database.reader() as uow:
        assert uow.session.scalars(select(Voucher)).one().balance_minor == 300


def test_store_credit_is_issued_and_then_spent(database: Database, till: TillFixture) -> None:
    dana = add_customer(database, "Dana")
    till.sell(Cart().add(till.mugs(2)), Tender("cash", 900), customer_id=dana)
    credit = till.give_back({1: 1}, refund_method="store_credit", reason="wrong colour")
    code = credit.store_credit_code
    assert code is not None
    assert re.fullmatch(r"SC-[A-Z0-9]{8}", code)
    assert _payments(credit) == [("store_credit", -450, code)]
    with database.reader() as uow:
        voucher = uow.session.scalars(select(Voucher)).one()
        assert (voucher.code, voucher.kind, voucher.customer_id) == (code, "store_credit", dana)
        assert (voucher.issued_minor, voucher.balance_minor) == (450, 450)
        assert voucher.issued_by_sale_id == credit.id
        stats = uow.session.get(CustomerStats, dana)
        assert stats is not None
        assert (stats.visits, stats.spend_minor) == (1, 450)

    spent = till.sell(Cart().add(till.card()), Tender("store_credit", 250, code))
    assert [(p.method, p.amount_minor, p.reference) for p in spent.payments] == [
        ("store_credit", 250, code)
    ]
    with pytest.raises(UserError, match=r"has only 2\.00 left"):
        till.sell(Cart().add(till.card()), Tender("store_credit", 250, code))
    with database.reader() as uow:
        assert uow.session.scalars(select(Voucher)).one().balance_minor == 200


def test_a_discounted_line_refunds_what_was_paid(database: Database, till: TillFixture) -> None:
    cart = Cart().add(till.mugs(3)).discount_sale(Discount("percent", 1000), limit_bp=1000)
    assert till.sell(cart, Tender("cash", 1215)).total_minor == 1215
    assert till.give_back({1: 1}).refund_minor == 405
    assert till.give_back({1: 2}).refund_minor == 810
    with database.reader() as uow:
        returns = list(uow.session.scalars(select(Sale).where(Sale.kind == "return")))
        assert [(r.subtotal_minor, r.discount_minor, r.total_minor) for r in returns] == [
            (-450, -45, -405), (-900, -90, -810)
        ]


def test_tax_added_to_prices_is_refunded_too(database: Database, till: TillFixture) -> None:
    with database.writer() as uow:
        shop = uow.session.get(Shop, 1)
        assert shop is not None
        shop.prices_include_tax = False
        uow.commit()
    assert till.sell(Cart().add(till.mugs(1)), Tender("cash", 540)).total_minor == 540
    returned = till.give_back({1: 1})
    assert (returned.refund_minor, returned.tax_minor) == (540, 90)
    assert _payments(returned) == [("cash", -540, "")]


def test_two_tills_returning_the_same_item_at_once(database: Database, till: TillFixture) -> None:
    sign_in_cashier(database, "2")
    till.sell(Cart().add(till.mugs(1)), Tender("cash", 450))
    barrier = threading.Barrier(2)
    done: list[str] = []
    refused: list[str] = []

    def give_back(register_code: str) -> None:
        service = ReturnsService(database, register_code, fixed_clock)
        barrier.wait()
        try:
            done.append(
                service.return_items("R1-000001", {1: 1}, "original", till.cashier_id)
                .receipt_number
            )
        except UserError as error:
            refused.append(error.message)

    threads = [threading.Thread(target=give_back, args=(code,)) for code in ("1", "2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(done) == 1
    assert refused == ["all 1 of Cat Mug have already been returned"]
    assert row_counts(database, Sale)["sale"] == 2


def test_return_without_receipt_needs_a_reason_and_uses_todays_price(
    database: Database, till: TillFixture
) -> None:
    for reason in ("", "   "):
        with pytest.raises(UserError, match="give a reason for the return"):
            till.returns.return_without_receipt(
                [(till.mug_id, 1)], reason, till.cashier_id, "original"
            )
    assert row_counts(database, *WRITTEN) == dict.fromkeys(
        ("sale", "sale_line", "payment", "voucher"), 0
    )
    with database.writer() as uow:
        mug = uow.session.get(Product, till.mug_id)
        assert mug is not None
        mug.price_minor = 500
        uow.commit()

    cash = till.returns.return_without_receipt(
        [(till.mug_id, 2), (till.card_id, 1)], " gift, no receipt ", till.cashier_id, "original"
    )
    assert (cash.receipt_number, cash.original_receipt_number) == ("R1-000001", None)
    assert (cash.refund_minor, cash.tax_minor, cash.reason) == (1250, 167, "gift, no receipt")
    assert _payments(cash) == [("cash", -1250, "")]

    credit = till.returns.return_without_receipt(
        [(till.card_id, 1)], "duplicate present", till.cashier_id, "store_credit"
    )
    assert credit.store_credit_code is not None
    with database.reader() as uow:
        voucher = uow.session.scalars(select(Voucher)).one()
        assert (voucher.customer_id, voucher.balance_minor) == (None, 250)
        stored = uow.session.get(Sale, cash.id)
        assert stored is not None
        assert (stored.original_sale_id, stored.return_reason) == (None, "gift, no receipt")


def _return_after_the_shift_closed(till: TillFixture) -> CompletedReturn:
    till.shifts.close_shift(till.cashier_id, {})
    return till.give_back({1: 1})


@pytest.mark.parametrize(
    ("action", "error", "message"),
    [
        (lambda t: t.returns.return_items("R1-000042", {1: 1}, "original", t.cashier_id),
         NotFoundError, "no sale has the receipt number R1-000042"),
        (lambda t: t.give_back({}), UserError, "choose at least one item"),
        (lambda t: t.give_back({3: 1}), UserError, "line 3 is not on this receipt"),
        (lambda t: t.give_back({1: 0}), UserError, "must be at least 1"),
        (lambda t: t.give_back({1: 1}, reason="x" * 201), UserError, "shorten it to 200"),
        (lambda t: t.returns.return_without_receipt([], "faulty", t.cashier_id, "original"),
         UserError, "choose at least one item"),
        (lambda t: t.returns.return_without_receipt([(999, 1)], "faulty", t.cashier_id,
                                                    "original"),
         NotFoundError, "no product has the id 999"),
        (lambda t: t.returns.return_without_receipt([(t.mug_id, 0)], "faulty", t.cashier_id,
                                                    "store_credit"),
         UserError, "quantity must be between"),
        (_return_after_the_shift_closed, UserError, "no shift is open"),
    ],
    ids=["unknown-receipt", "nothing", "no-such-line", "zero", "long-reason", "no-lines",
         "no-such-product", "zero-without-receipt", "shift-closed"],
)
def test_bad_returns_write_nothing(
    database: Database, till: TillFixture, action: Any, error: type[Exception], message: str
) -> None:
    till.sell(Cart().add(till.mugs(2)), Tender("card", 900, "AUTH1"))
    before = row_counts(database, *WRITTEN)
    with pytest.raises(error, match=message):
        action(till)
    assert row_counts(database, *WRITTEN) == before
    with database.reader() as uow:
        assert uow.session.scalars(select(Register)).one().last_receipt_seq == 1


def test_a_return_cannot_itself_be_returned(database: Database, till: TillFixture) -> None:
    till.sell(Cart().add(till.mugs(1)), Tender("cash", 450))
    till.give_back({1: 1})
    before = row_counts(database, *WRITTEN)
    with pytest.raises(UserError, match="R1-000002 is a return, not a sale"):
        till.returns.return_items("r1-000002", {1: 1}, "original", till.cashier_id)
    assert row_counts(database, *WRITTEN) == before


def test_recent_sales_lists_the_customer_s_sales_newest_first_without_returns(
    till: TillFixture,
) -> None:
    asha = add_customer(till.database, "Asha Patel")
    bob = add_customer(till.database, "Bob Stone")
    for quantity, buyer in ((1, asha), (2, bob), (3, asha)):
        till.sell(Cart().add(till.mugs(quantity)), Tender("cash", 450 * quantity),
                  customer_id=buyer)
    till.give_back({1: 1}, receipt_number="R1-000003")
    recent = till.returns.recent_sales(asha)
    assert [(s.receipt_number, s.kind, s.total_minor, s.items) for s in recent] == [
        ("R1-000003", "sale", 1350, 3), ("R1-000001", "sale", 450, 1)
    ]
    assert [s.receipt_number for s in till.returns.recent_sales(asha, limit=1)] == ["R1-000003"]
    assert till.returns.recent_sales(add_customer(till.database, "New")) == ()
