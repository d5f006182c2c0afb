"""Shifts on SQLite and PostgreSQL: cash in and out, the X report, one Z close per shift."""

from typing import Any

import pytest
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import CashMovement, Shift, ShiftCashCount
from pos.domain.cart import Cart
from pos.domain.errors import UserError
from pos.domain.tender import Tender
from pos.services.shifts import ShiftService, TenderTotal
from tests.factories import (
    FIXED_NOW,
    TillFixture,
    add_voucher,
    fixed_clock,
    row_counts,
    set_opening_float,
    sign_in_cashier,
)


def test_z_close_counts_the_drawer_and_shows_the_discrepancy(
    database: Database, till: TillFixture
) -> None:
    set_opening_float(database, 100_00)
    sale = till.sell(Cart().add(till.mugs(2)).add(till.card()), Tender("cash", 20_00))
    assert (sale.total_minor, sale.change_minor) == (11_50, 8_50)
    out = till.shifts.cash_out(till.cashier_id, 5_00, " window cleaner ")
    assert (out.kind, out.amount_minor, out.reason) == ("out", 5_00, "window cleaner")

    z = till.shifts.close_shift(till.cashier_id, {5000: 2, 500: 1, 200: 0})
    assert (z.report.opening_float_minor, z.report.cash_sales_minor) == (100_00, 11_50)
    assert (z.report.cash_out_minor, z.report.sales_count) == (5_00, 1)
    assert (z.counted_cash_minor, z.expected_cash_minor, z.discrepancy_minor) == (
        105_00, 106_50, -1_50
    )
    assert (z.closed_at, z.closed_by_id) == (FIXED_NOW, till.cashier_id)
    assert z.counts == ((5000, 2), (500, 1), (200, 0))
    with database.reader() as uow:
        shift = uow.session.scalars(select(Shift)).one()
        assert (shift.closed_at, shift.closed_by_id) == (FIXED_NOW, till.cashier_id)
        assert (shift.counted_cash_minor, shift.expected_cash_minor) == (105_00, 106_50)
        counts = uow.session.scalars(
            select(ShiftCashCount).order_by(ShiftCashCount.denomination_minor.desc())
        )
        assert [(c.shift_id, c.denomination_minor, c.count) for c in counts] == [
            (shift.id, 5000, 2), (shift.id, 500, 1), (shift.id, 200, 0)
        ]


def test_a_shift_closes_once_and_sign_in_opens_the_next(
    database: Database, till: TillFixture
) -> None:
    first = till.shifts.close_shift(till.cashier_id, {1000: 1})
    with pytest.raises(UserError, match="this shift is already closed"):
        till.shifts.close_shift(till.cashier_id, {1000: 1})
    with pytest.raises(UserError, match="no shift is open"):
        till.shifts.x_report()
    with pytest.raises(UserError, match="no shift is open"):
        till.shifts.cash_in(till.cashier_id, 100, "float top-up")
    assert row_counts(database, ShiftCashCount, CashMovement) == {
        "shift_cash_count": 1, "cash_movement": 0
    }

    sign_in_cashier(database)
    after = till.shifts.x_report()
    assert after.shift_id != first.report.shift_id
    assert (after.sales_count, after.expected_cash_minor) == (0, 0)
    assert till.shifts.close_shift(till.cashier_id, {}).discrepancy_minor == 0


def test_x_report_totals_by_tender(database: Database, till: TillFixture) -> None:
    add_voucher(database, "GIFT-1", 250)
    till.sell(Cart().add(till.mugs(3)), Tender("card", 10_00, "A1"), Tender("cash", 5_00))
    till.sell(Cart().add(till.card()), Tender("voucher", 2_50, "GIFT-1"))
    till.sell(Cart().add(till.mugs(1)), Tender("cash", 5_00))
    till.give_back({1: 2}, receipt_number="R1-000001")
    till.give_back({1: 1}, receipt_number="R1-000003")
    till.shifts.cash_in(till.cashier_id, 20_00, "change from the bank")
    till.shifts.no_sale(till.cashier_id, "customer needed change")
    till.shifts.no_sale(till.cashier_id)
    sign_in_cashier(database, "2")
    till.sell(Cart().add(till.mugs(1)), Tender("cash", 4_50), register_code="2")

    x = till.shifts.x_report()
    assert (x.register_code, x.opened_at, x.opened_by_name) == ("1", FIXED_NOW, "Alex")
    assert x.tenders == (
        TenderTotal("cash", 8_00, 4_50),
        TenderTotal("card", 10_00, 9_00),
        TenderTotal("voucher", 2_50, 0),
        TenderTotal("store_credit", 0, 0),
    )
    assert [t.net_minor for t in x.tenders] == [3_50, 1_00, 2_50, 0]
    assert (x.sales_count, x.sales_total_minor) == (3, 20_50)
    assert (x.returns_count, x.returns_total_minor) == (2, 13_50)
    assert (x.cash_sales_minor, x.cash_refunds_minor) == (8_00, 4_50)
    assert (x.cash_in_minor, x.cash_out_minor, x.no_sale_count) == (20_00, 0, 2)
    assert x.expected_cash_minor == 0 + 8_00 - 4_50 + 20_00
    assert row_counts(database, Shift)["shift"] == 2
    with database.reader() as uow:
        assert uow.session.scalars(select(Shift.closed_at)).all() == [None, None]


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s, c: s.cash_out(c, 0, "bank"), r"more than 0\.00"),
        (lambda s, c: s.cash_out(c, -5_00, "bank"), r"more than 0\.00"),
        (lambda s, c: s.cash_out(c, 5_00, "   "), "give a reason"),
        (lambda s, c: s.cash_in(c, 5_00, ""), "give a reason"),
        (lambda s, c: s.cash_in(c, 5_00, "x" * 201), "shorten it to 200"),
        (lambda s, c: s.no_sale(c, "x" * 201), "shorten it to 200"),
        (lambda s, c: s.close_shift(c, {300: 1}), r"3\.00 is not a note or coin"),
        (lambda s, c: s.close_shift(c, {500: 2, 100: -1}), "cannot be negative"),
    ],
    ids=["zero", "negative", "blank-reason", "no-reason-in", "long-reason", "long-no-sale",
         "bad-denomination", "negative-count"],
)
def test_bad_input_writes_nothing(
    database: Database, till: TillFixture, action: Any, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        action(till.shifts, till.cashier_id)
    assert row_counts(database, CashMovement, ShiftCashCount) == {
        "cash_movement": 0, "shift_cash_count": 0
    }
    with database.reader() as uow:
        assert uow.session.scalars(select(Shift)).one().closed_at is None


def test_a_till_never_signed_in_on_is_refused(database: Database, till: TillFixture) -> None:
    other = ShiftService(database, "7", fixed_clock)
    with pytest.raises(UserError, match="register 7 is not set up"):
        other.cash_in(till.cashier_id, 100, "float")
    with pytest.raises(UserError, match="register 7 is not set up"):
        other.close_shift(till.cashier_id, {})
    with pytest.raises(UserError, match="no shift is open"):
        other.x_report()
    assert row_counts(database, CashMovement)["cash_movement"] == 0
