"""Completing sales on SQLite and PostgreSQL: exact totals, one commit, gapless numbers."""

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos.config import load_settings
from pos.db.database import Database
from pos.db.models import Payment, Sale, SaleLine, Shift, VoidedLine, Voucher
from pos.domain.cart import Cart, CartLine, Discount
from pos.domain.errors import UserError
from pos.domain.pricing import PricingRules
from pos.domain.tender import Tender
from pos.services.checkout import CheckoutService
from pos.services.shop_settings import ShopSettingsService
from pos.services.till_session import TillSessionService
from tests.factories import (
    CASHIER_PIN,
    TillFixture,
    add_product,
    add_voucher,
    fixed_clock,
    row_counts,
)

RULES = PricingRules(prices_include_tax=True)


def test_cash_sale_with_change_is_written_exactly(database: Database, till: TillFixture) -> None:
    sale = till.sell(Cart().add(till.mugs(2)).add(till.card()), Tender("cash", 2000))
    assert sale.receipt_number == "R1-000001"
    assert (sale.total_minor, sale.tax_minor, sale.change_minor) == (1150, 150, 850)
    assert [(li.name, li.quantity, li.total_minor, li.tax_minor) for li in sale.lines] == [
        ("Cat Mug", 2, 900, 150), ("Birthday Card", 1, 250, 0)
    ]
    with database.reader() as uow:
        stored = uow.session.scalars(select(Sale)).one()
        assert (stored.total_minor, stored.tax_minor, stored.kind) == (1150, 150, "sale")
        assert stored.shift_id is not None
        payment = uow.session.scalars(select(Payment)).one()
        assert (payment.method, payment.amount_minor, payment.tendered_minor,
                payment.change_minor) == ("cash", 1150, 2000, 850)
        line_total = uow.session.scalar(select(func.sum(SaleLine.total_minor)))
        assert line_total == stored.total_minor


def test_split_tender_card_then_cash(database: Database, till: TillFixture) -> None:
    sale = till.sell(
        Cart().add(till.mugs(3)), Tender("card", 1000, "AUTH123"), Tender("cash", 500)
    )
    assert [(p.method, p.amount_minor, p.change_minor) for p in sale.payments] == [
        ("card", 1000, 0), ("cash", 350, 150)
    ]
    assert sum(p.amount_minor for p in sale.payments) == sale.total_minor == 1350


def test_double_complete_writes_one_sale(database: Database, till: TillFixture) -> None:
    request = till.request(Cart().add(till.mugs()), Tender("cash", 450))
    first = till.checkout.complete_sale(request, RULES)
    second = till.checkout.complete_sale(request, RULES)
    assert second.already_completed
    assert not first.already_completed
    assert second.receipt_number == first.receipt_number
    assert row_counts(database, Sale, Payment) == {"sale": 1, "payment": 1}


def test_concurrent_double_press_writes_one_sale(database: Database, till: TillFixture) -> None:
    request = till.request(Cart().add(till.mugs()), Tender("cash", 450))
    results = []
    barrier = threading.Barrier(2)

    def press() -> None:
        barrier.wait()
        results.append(till.checkout.complete_sale(request, RULES).receipt_number)

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["R1-000001", "R1-000001"]
    assert row_counts(database, Sale)["sale"] == 1


@pytest.mark.parametrize(
    ("tenders", "message"),
    [
        ((Tender("cash", 400),), "0.50 still to pay"),
        ((), "4.50 still to pay"),
        ((Tender("card", 500, "X1"),), "more than"),
        ((Tender("voucher", 450, "NOPE"),), "no voucher"),
    ],
)
def test_bad_payments_write_nothing(
    database: Database, till: TillFixture, tenders: tuple[Tender, ...], message: str
) -> None:
    with pytest.raises(UserError, match=message):
        till.sell(Cart().add(till.mugs()), *tenders)
    assert row_counts(database, Sale, Payment) == {"sale": 0, "payment": 0}


def test_voucher_pays_part_and_its_balance_drops(database: Database, till: TillFixture) -> None:
    add_voucher(database, "GIFT-1", 300)
    cart = Cart().add(till.mugs())
    with pytest.raises(UserError, match=r"has only 3\.00 left"):
        till.sell(cart, Tender("voucher", 450, "GIFT-1"))
    till.sell(cart, Tender("voucher", 300, "GIFT-1"), Tender("cash", 150))
    with database.reader() as uow:
        assert uow.session.scalars(select(Voucher)).one().balance_minor == 0


def test_voided_lines_and_discounts_are_recorded(database: Database, till: TillFixture) -> None:
    cart = (
        Cart().add(till.mugs(2)).add(till.card()).void_line(1, "customer changed mind")
        .discount_sale(Discount("percent", 1000), limit_bp=2000)
    )
    sale = till.sell(cart, Tender("cash", 810))
    assert (sale.total_minor, sale.discount_minor) == (810, 90)
    with database.reader() as uow:
        voided = uow.session.scalars(select(VoidedLine)).one()
        assert (voided.name, voided.reason) == ("Birthday Card", "customer changed mind")


def test_inactive_product_or_no_shift_is_refused(database: Database, till: TillFixture) -> None:
    retired = add_product(database, "OLD", "Old Lamp", 999, active=False)
    cart = Cart().add(CartLine(retired, "OLD", "Old Lamp", 999, 1, 2000))
    with pytest.raises(UserError, match="Old Lamp is no longer sold"):
        till.sell(cart, Tender("cash", 999))
    with database.writer() as uow:
        uow.session.scalars(select(Shift)).one().closed_at = fixed_clock()
        uow.commit()
    with pytest.raises(UserError, match="no shift is open"):
        till.sell(Cart().add(till.card()), Tender("cash", 250))
    assert row_counts(database, Sale)["sale"] == 0


def test_numbers_stay_gapless_with_two_tills_selling_at_once(
    database: Database, till: TillFixture
) -> None:
    TillSessionService(database, "2", fixed_clock).sign_in(till.cashier_id, CASHIER_PIN)
    tills = {code: CheckoutService(database, code, fixed_clock) for code in ("1", "2")}
    numbers: dict[str, list[str]] = {"1": [], "2": []}
    errors: list[BaseException] = []

    def sell(code: str) -> None:
        try:
            for _ in range(15):
                request = till.request(Cart().add(till.mugs()), Tender("cash", 450))
                numbers[code].append(tills[code].complete_sale(request, RULES).receipt_number)
        except BaseException as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)

    threads = [threading.Thread(target=sell, args=(code,)) for code in ("1", "2", "1", "2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for code in ("1", "2"):
        assert sorted(numbers[code]) == [f"R{code}-{n:06d}" for n in range(1, 31)]


def test_cash_is_rounded_to_the_shop_s_step_and_cards_pay_exactly(
    database: Database, till: TillFixture, tmp_path: Path
) -> None:
    pen = add_product(database, "P1", "Fountain Pen", 452)
    cart = Cart().add(CartLine(pen, "P1", "Fountain Pen", 452, 1, 2000))
    assert till.checkout.pricing_rules().cash_rounding_minor == 1  # nothing stored: exact
    ShopSettingsService(database, load_settings({}, data_dir=tmp_path), fixed_clock).save_checkout(
        "5", actor="Olivia"
    )
    assert till.checkout.pricing_rules().cash_rounding_minor == 5

    cash = till.sell(cart, Tender("cash", 450))
    assert (cash.total_minor, cash.change_minor) == (452, 0)
    assert [(p.method, p.amount_minor, p.tendered_minor) for p in cash.payments] == [
        ("cash", 450, 450)
    ]
    with_change = till.sell(cart, Tender("cash", 1000))
    assert [(p.amount_minor, p.change_minor) for p in with_change.payments] == [(450, 550)]
    with pytest.raises(UserError, match=r"0\.02 still to pay"):
        till.sell(cart, Tender("card", 450, "AUTH1"))
    card = till.sell(cart, Tender("card", 452, "AUTH2"))
    assert [(p.method, p.amount_minor) for p in card.payments] == [("card", 452)]
    with database.reader() as uow:
        stored = {
            sale.receipt_number: (sale.total_minor, payment.method, payment.amount_minor)
            for sale, payment in uow.session.execute(
                select(Sale, Payment).join(Payment, Payment.sale_id == Sale.id)
            )
        }
    assert stored == {
        "R1-000001": (452, "cash", 450),
        "R1-000002": (452, "cash", 450),
        "R1-000003": (452, "card", 452),
    }
