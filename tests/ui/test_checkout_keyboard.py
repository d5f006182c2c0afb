"""Ringing up sales at the till with the keyboard only, through the accessible names."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import Payment, Product, Sale, SaleLine, Voucher
from pos.ui.main_window import MainWindow
from pos.ui.widgets import find_by_accessible_name
from tests.factories import OWNER_PIN, add_product, add_voucher, make_shop
from tests.ui.conftest import OpenTill, named_as

MUG_BARCODE = "5012345678900"
CARD_BARCODE = "5012345678917"


@pytest.fixture
def till(shop_database: Database, open_till: OpenTill) -> MainWindow:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG_BARCODE,))
    add_product(shop_database, "C1", "Birthday Card", 250, rate_bp=0, barcodes=(CARD_BARCODE,))
    add_product(shop_database, "T1", "Tea Towel Owls", 399)
    window = open_till()
    window.activateWindow()
    return window


def named_widget(window: MainWindow, name: str) -> QWidget:
    return find_by_accessible_name(window, name)


def scan(qtbot: QtBot, window: MainWindow, code: str) -> None:
    """A keyboard-wedge scanner: the code and Enter in one burst."""
    entry = named_widget(window, "Scan or search product")
    qtbot.keyClicks(entry, code)
    qtbot.keyClick(entry, Qt.Key.Key_Return)


def cart_rows(window: MainWindow) -> list[list[str]]:
    cart = named_widget(window, "Cart")
    assert isinstance(cart, QTableView)
    model = cart.model()
    return [
        [str(model.index(row, col).data()) for col in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def text_of(window: MainWindow, name: str) -> str:
    widget = named_widget(window, name)
    assert isinstance(widget, QLabel)
    return widget.text()


def test_a_whole_sale_by_keyboard(
    qtbot: QtBot, till: MainWindow, shop_database: Database
) -> None:
    scan(qtbot, till, MUG_BARCODE)
    qtbot.waitUntil(lambda: len(cart_rows(till)) == 1)
    scan(qtbot, till, CARD_BARCODE)
    qtbot.waitUntil(lambda: len(cart_rows(till)) == 2)

    # Change the quantity of the selected (last scanned) line: F4, type, Enter.
    cart = named_widget(till, "Cart")
    qtbot.keyClick(cart, Qt.Key.Key_Up)
    qtbot.keyClick(cart, Qt.Key.Key_F4)
    answer = named_widget(till, "Prompt answer")
    assert isinstance(answer, QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "3")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    assert cart_rows(till) == [
        ["3", "Vintage Cat Mug", "4.50", "13.50"],
        ["1", "Birthday Card", "2.50", "2.50"],
    ]
    assert text_of(till, "Total due") == "16.00"

    # Pay: F12 puts the cursor in Cash tendered; 20 and Enter completes the sale.
    entry = named_widget(till, "Scan or search product")
    qtbot.keyClick(entry, Qt.Key.Key_F12)
    tendered = named_widget(till, "Cash tendered")
    assert isinstance(tendered, QLineEdit)
    qtbot.waitUntil(tendered.hasFocus)
    qtbot.keyClicks(tendered, "20")
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R1-000001 saved" in text_of(till, "Till message"), timeout=5000)
    assert text_of(till, "Change due") == "Change 4.00"
    assert cart_rows(till) == []
    # The thank-you is chosen in the background once the sale is committed.
    qtbot.waitUntil(
        lambda: text_of(till, "Thank-you message")
        == "Thank you for shopping with us, welcome again"
    )

    with shop_database.reader() as uow:
        sale = uow.session.scalars(select(Sale)).one()
        assert (sale.receipt_number, sale.total_minor, sale.tax_minor) == ("R1-000001", 1600, 225)
        lines = uow.session.scalars(select(SaleLine).order_by(SaleLine.line_no)).all()
        assert [(li.name, li.quantity, li.total_minor) for li in lines] == [
            ("Vintage Cat Mug", 3, 1350), ("Birthday Card", 1, 250)
        ]
        payment = uow.session.scalars(select(Payment)).one()
        assert (payment.method, payment.amount_minor, payment.tendered_minor,
                payment.change_minor) == ("cash", 1600, 2000, 400)


def test_typed_search_picks_a_result_and_quantity_prefix(
    qtbot: QtBot, till: MainWindow
) -> None:
    entry = named_widget(till, "Scan or search product")
    results = named_widget(till, "Product results")
    assert isinstance(results, QListWidget)
    qtbot.keyClicks(entry, "2*towel", delay=60)  # typing, not a scanner burst
    qtbot.waitUntil(lambda: results.count() == 1)
    assert results.item(0).text().startswith("Tea Towel Owls")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cart_rows(till) == [["2", "Tea Towel Owls", "3.99", "7.98"]])


def test_unknown_barcode_says_what_to_do(qtbot: QtBot, till: MainWindow) -> None:
    scan(qtbot, till, "4006381333931")
    qtbot.waitUntil(lambda: "search for it by name" in text_of(till, "Till message"))
    assert cart_rows(till) == []


def test_split_tender_card_then_cash(qtbot: QtBot, till: MainWindow) -> None:
    scan(qtbot, till, MUG_BARCODE)
    qtbot.waitUntil(lambda: len(cart_rows(till)) == 1)
    tendered = named_widget(till, "Cash tendered")
    assert isinstance(tendered, QLineEdit)
    qtbot.keyClicks(tendered, "2.00")
    qtbot.keyClick(tendered, Qt.Key.Key_F11)
    answer = named_widget(till, "Prompt answer")
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "AUTH42")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    assert text_of(till, "Total due") == "2.50"
    assert text_of(till, "Payments") == "Card 2.00 (AUTH42)"
    qtbot.keyClick(tendered, Qt.Key.Key_Return)  # empty: exact cash
    qtbot.waitUntil(lambda: "R1-000001 saved" in text_of(till, "Till message"), timeout=5000)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("abc", "not an amount"), ("-5", "more than 0|negative"), ("1.234", "decimal places")],
)
def test_bad_cash_is_refused_in_place(
    qtbot: QtBot, till: MainWindow, shop_database: Database, typed: str, message: str
) -> None:
    scan(qtbot, till, MUG_BARCODE)
    qtbot.waitUntil(lambda: len(cart_rows(till)) == 1)
    tendered = named_widget(till, "Cash tendered")
    qtbot.keyClicks(tendered, typed)
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: named_widget(till, "Till message").isVisible())
    assert re.search(message, text_of(till, "Till message"))
    assert len(cart_rows(till)) == 1
    with shop_database.reader() as uow:
        assert uow.session.scalars(select(Sale)).first() is None


def test_store_credit_pays_by_its_code(
    qtbot: QtBot, till: MainWindow, shop_database: Database
) -> None:
    add_voucher(shop_database, "SC-ABCD1234", 300)
    scan(qtbot, till, MUG_BARCODE)
    qtbot.waitUntil(lambda: len(cart_rows(till)) == 1)
    tendered = named_widget(till, "Cash tendered")
    qtbot.keyClicks(tendered, "3.00")
    qtbot.keyClick(tendered, Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier)
    answer = named_widget(till, "Prompt answer")
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "sc-abcd1234")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    assert text_of(till, "Payments") == "Store credit 3.00 (SC-ABCD1234)"
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R1-000001 saved" in text_of(till, "Till message"), timeout=5000)
    with shop_database.reader() as uow:
        assert uow.session.scalars(select(Voucher)).one().balance_minor == 0


def test_customer_display_follows_the_sale(qtbot: QtBot, till: MainWindow) -> None:
    entry = named_widget(till, "Scan or search product")
    qtbot.keyClick(entry, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    display = till.customer_display
    qtbot.waitUntil(display.isVisible)
    scan(qtbot, till, MUG_BARCODE)
    lines = named_as(display, "Display lines", QListWidget)
    qtbot.waitUntil(lambda: lines.count() == 1)
    assert lines.item(0).text() == "1 x Vintage Cat Mug    4.50"
    assert named_as(display, "Display total", QLabel).text() == "To pay 4.50"
    tendered = named_widget(till, "Cash tendered")
    qtbot.keyClicks(tendered, "5")
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    message = named_as(display, "Display message", QLabel)
    qtbot.waitUntil(lambda: message.text() == "Thank you for shopping with us, welcome again")
    assert named_as(display, "Display total", QLabel).text() == "Your change: 0.50"
    assert lines.count() == 0


def test_a_manager_adds_an_unknown_product_from_the_till(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, demo=False)
    window = open_till()
    cashiers = named_as(window, "Cashier", QListWidget)
    qtbot.waitUntil(lambda: cashiers.count() == 2)
    cashiers.setCurrentRow(1)  # Olivia, the owner
    pin = named_widget(window, "PIN")
    qtbot.keyClicks(pin, OWNER_PIN)
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    qtbot.waitUntil(window.till.isVisible)
    scan(qtbot, window, "4006381333931")
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "Stabilo Pen 1.20")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cart_rows(window) == [["1", "Stabilo Pen", "1.20", "1.20"]])
    with shop_database.reader() as uow:
        product = uow.session.scalars(select(Product)).one()
        assert (product.code, product.name, product.price_minor) == (
            "4006381333931", "Stabilo Pen", 120
        )


def test_a_cashier_is_told_to_ask_a_manager(qtbot: QtBot, till: MainWindow) -> None:
    scan(qtbot, till, "4006381333931")
    qtbot.waitUntil(lambda: "ask a manager" in text_of(till, "Till message"))
    assert not named_widget(till, "Prompt").isVisible()
