"""Park and resume across a restart, a return against a receipt, and closing the shift."""

from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import ParkedSale, Payment, Sale, Shift
from pos.ui.main_window import MainWindow
from pos.ui.widgets import find_by_accessible_name
from tests.factories import add_product, make_shop
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"


@pytest.fixture
def shop(shop_database: Database) -> Database:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    return shop_database


def label(window: MainWindow, name: str) -> QLabel:
    return named_as(window, name, QLabel)


def line_edit(window: MainWindow, name: str) -> QLineEdit:
    return named_as(window, name, QLineEdit)


def changed(widget: QLabel, before: str) -> bool:
    return widget.text() != before


def ring_up(qtbot: QtBot, window: MainWindow, code: str, times: int = 1) -> None:
    entry = find_by_accessible_name(window, "Scan or search product")
    total = label(window, "Total due")
    for _ in range(times):
        before = total.text()
        qtbot.keyClicks(entry, code)
        qtbot.keyClick(entry, Qt.Key.Key_Return)
        qtbot.waitUntil(partial(changed, total, before))


def answer_prompt(qtbot: QtBot, window: MainWindow, text: str) -> None:
    answer = line_edit(window, "Prompt answer")
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, text)
    qtbot.keyClick(answer, Qt.Key.Key_Return)


def pay_exact_cash(qtbot: QtBot, window: MainWindow) -> None:
    tendered = line_edit(window, "Cash tendered")
    message = label(window, "Till message")
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "saved" in message.text(), timeout=5000)


def test_parked_sale_survives_a_restart(
    qtbot: QtBot, shop: Database, open_till: OpenTill
) -> None:
    window = open_till()
    ring_up(qtbot, window, MUG)
    entry = find_by_accessible_name(window, "Scan or search product")
    qtbot.keyClick(entry, Qt.Key.Key_F5)
    answer_prompt(qtbot, window, "Mrs Patel, back in 10 min")
    parked = named_as(window, "Parked sales", QListWidget)
    assert isinstance(parked, QListWidget)
    qtbot.waitUntil(lambda: parked.count() == 1)
    assert "Mrs Patel" in parked.item(0).text()
    assert window.till.cart.model().rowCount() == 0
    window.close()

    reopened = open_till()
    parked = named_as(reopened, "Parked sales", QListWidget)
    assert isinstance(parked, QListWidget)
    qtbot.waitUntil(lambda: parked.count() == 1)
    entry = find_by_accessible_name(reopened, "Scan or search product")
    qtbot.keyClick(entry, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(parked.hasFocus)
    qtbot.keyClick(parked, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reopened.till.cart.model().rowCount() == 1)
    qtbot.waitUntil(lambda: parked.count() == 0)
    assert label(reopened, "Total due").text() == "4.50"
    with shop.reader() as uow:
        assert uow.session.scalars(select(ParkedSale)).first() is None
    pay_exact_cash(qtbot, reopened)


def test_return_against_a_receipt_refunds_the_original_cash(
    qtbot: QtBot, shop: Database, open_till: OpenTill
) -> None:
    window = open_till()
    ring_up(qtbot, window, MUG, times=2)
    pay_exact_cash(qtbot, window)
    assert "R1-000001 saved: 9.00" in label(window, "Till message").text()

    entry = find_by_accessible_name(window, "Scan or search product")
    qtbot.keyClick(entry, Qt.Key.Key_F8)
    receipt = line_edit(window, "Receipt number")
    qtbot.waitUntil(receipt.hasFocus)
    qtbot.keyClicks(receipt, "r1-000001")
    qtbot.keyClick(receipt, Qt.Key.Key_Return)
    summary = label(window, "Original sale")
    qtbot.waitUntil(lambda: summary.text().startswith("R1-000001"))
    quantity = named_as(window, "Return quantity 1", QSpinBox)
    assert isinstance(quantity, QSpinBox)
    qtbot.waitUntil(lambda: quantity.maximum() == 2)
    quantity.setValue(1)
    refund = find_by_accessible_name(window, "Refund")
    qtbot.mouseClick(refund, Qt.MouseButton.LeftButton)
    message = label(window, "Till message")
    qtbot.waitUntil(lambda: "Return R1-000002 saved: refund cash 4.50" in message.text())
    with shop.reader() as uow:
        returned = uow.session.scalars(select(Sale).where(Sale.kind == "return")).one()
        assert returned.total_minor == -450
        payment = uow.session.scalars(
            select(Payment).where(Payment.sale_id == returned.id)
        ).one()
        assert (payment.method, payment.amount_minor) == ("cash", -450)


def test_closing_the_shift_records_the_discrepancy(
    qtbot: QtBot, shop: Database, open_till: OpenTill
) -> None:
    window = open_till()
    ring_up(qtbot, window, MUG)
    pay_exact_cash(qtbot, window)
    entry = find_by_accessible_name(window, "Scan or search product")
    qtbot.keyClick(entry, Qt.Key.Key_F10)
    report = label(window, "Shift report")
    qtbot.waitUntil(lambda: "Expected in drawer   104.50" in report.text())
    # Demo float 100.00 + 4.50 cash sale; count 100.00 + 4.00: 0.50 short.
    twenty = named_as(window, "Count of 20.00", QSpinBox)
    two = named_as(window, "Count of 2.00", QSpinBox)
    assert isinstance(twenty, QSpinBox)
    assert isinstance(two, QSpinBox)
    twenty.setValue(5)
    two.setValue(2)
    assert label(window, "Cash difference").text() == "104.00 - 104.50 = -0.50"
    qtbot.mouseClick(find_by_accessible_name(window, "Close shift"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.sign_in_page.isVisible)
    assert "difference -0.50" in label(window, "Sign-in message").text()
    with shop.reader() as uow:
        shift = uow.session.scalars(select(Shift)).one()
        assert shift.closed_at is not None
        assert (shift.counted_cash_minor, shift.expected_cash_minor) == (10400, 10450)
