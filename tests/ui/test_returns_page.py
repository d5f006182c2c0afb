"""Returns on the till's return page by customer (attached or searched) and without a
receipt, through the real window and checked in the database."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton, QRadioButton, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import Payment, Sale, SaleLine, Voucher
from pos.domain.cart import Cart, CartLine
from pos.domain.tender import Tender
from pos.ui.main_window import MainWindow
from tests.factories import add_customer, add_product, make_shop, row_counts, sell, sign_in_cashier
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"


@pytest.fixture
def asha(shop_database: Database) -> int:
    """Asha bought one mug (R1-000001), then two (R1-000002); Bob bought one (R1-000003)."""
    make_shop(shop_database, name="Demo Gifts", demo=True)
    mug = add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    customer = add_customer(shop_database, "Asha Patel")
    bob = add_customer(shop_database, "Bob Stone")
    cashier = sign_in_cashier(shop_database)
    for quantity, buyer in ((1, customer), (2, customer), (1, bob)):
        cart = Cart().add(CartLine(mug, "M1", "Vintage Cat Mug", 450, quantity, 2000))
        sell(shop_database, cashier, cart, Tender("cash", 450 * quantity), customer_id=buyer)
    return customer


def open_return_page(qtbot: QtBot, window: MainWindow) -> None:
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClick(entry, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.current_page() is window.return_page)


def the_return(database: Database) -> tuple[Sale, list[SaleLine], list[Payment]]:
    with database.reader() as uow:
        sale = uow.session.scalars(select(Sale).where(Sale.kind == "return")).one()
        lines = list(uow.session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id)))
        payments = list(uow.session.scalars(select(Payment).where(Payment.sale_id == sale.id)))
    return sale, lines, payments


def test_the_attached_customer_s_last_sale_comes_back_with_one_enter(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, asha: int
) -> None:
    window = open_till()
    search = named_as(window, "Customer search", QLineEdit)
    qtbot.keyClicks(search, "Asha")
    results = named_as(window, "Customer results", QListWidget)
    qtbot.waitUntil(lambda: results.count() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sale.customer_id == asha)

    open_return_page(qtbot, window)
    sales = named_as(window, "Customer sales", QListWidget)
    qtbot.waitUntil(lambda: sales.count() == 2)  # Asha's sales only, newest first
    assert sales.item(0).text().startswith("R1-000002")
    assert "9.00" in sales.item(0).text()
    assert sales.item(1).text().startswith("R1-000001")
    receipt = named_as(window, "Receipt number", QLineEdit)
    qtbot.waitUntil(receipt.hasFocus)  # a scanned receipt still goes where it always did
    qtbot.keyClick(receipt, Qt.Key.Key_Return)
    summary = named_as(window, "Original sale", QLabel)
    qtbot.waitUntil(lambda: summary.text().startswith("R1-000002"))
    quantity = named_as(window, "Return quantity 1", QSpinBox)
    assert quantity.maximum() == 2
    quantity.setValue(1)
    qtbot.mouseClick(named_as(window, "Refund store credit", QRadioButton),
                     Qt.MouseButton.LeftButton)
    qtbot.mouseClick(named_as(window, "Refund", QPushButton), Qt.MouseButton.LeftButton)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "Return R1-000004 saved: refund store credit 4.50" in message.text())

    sale, lines, payments = the_return(shop_database)
    with shop_database.reader() as uow:
        original = uow.session.scalars(select(Sale).where(Sale.receipt_number == "R1-000002")).one()
        voucher = uow.session.scalars(select(Voucher)).one()
    assert (sale.original_sale_id, sale.customer_id, sale.total_minor) == (original.id, asha, -450)
    assert [(line.product_code, line.quantity, line.total_minor) for line in lines] == [
        ("M1", -1, -450)
    ]
    assert [(p.method, p.amount_minor, p.reference) for p in payments] == [
        ("store_credit", -450, voucher.code)
    ]
    assert (voucher.customer_id, voucher.balance_minor) == (asha, 450)


def test_a_customer_found_on_the_return_page_lists_their_sales(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, asha: int
) -> None:
    window = open_till()
    open_return_page(qtbot, window)
    sales = named_as(window, "Customer sales", QListWidget)
    assert not sales.isVisible()  # no customer on the till: nothing listed
    search = named_as(window, "Return customer search", QLineEdit)
    qtbot.keyClick(named_as(window, "Receipt number", QLineEdit), Qt.Key.Key_F3)
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "nobody like this")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    message = named_as(window, "Return message", QLabel)
    qtbot.waitUntil(lambda: "no customer matches 'nobody like this'" in message.text())
    assert not sales.isVisible()

    search.clear()
    qtbot.keyClicks(search, "asha")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sales.count() == 2)
    sales.setFocus()
    qtbot.keyClick(sales, Qt.Key.Key_Down)
    qtbot.keyClick(sales, Qt.Key.Key_Return)
    summary = named_as(window, "Original sale", QLabel)
    qtbot.waitUntil(lambda: summary.text().startswith("R1-000001"))
    assert named_as(window, "Return quantity 1", QSpinBox).maximum() == 1
    qtbot.mouseClick(named_as(window, "Refund", QPushButton), Qt.MouseButton.LeftButton)
    till_message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "Return R1-000004 saved: refund cash 4.50" in till_message.text())
    sale, _, payments = the_return(shop_database)
    assert (sale.customer_id, sale.total_minor) == (asha, -450)
    assert [(p.method, p.amount_minor) for p in payments] == [("cash", -450)]


def test_a_return_without_a_receipt_needs_a_reason_and_refunds_today_s_price(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, asha: int
) -> None:
    window = open_till()
    open_return_page(qtbot, window)
    receipt = named_as(window, "Receipt number", QLineEdit)
    qtbot.keyClick(receipt, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    product = named_as(window, "Return product", QLineEdit)
    qtbot.waitUntil(product.hasFocus)
    refund = named_as(window, "Refund", QPushButton)
    assert not refund.isEnabled()
    message = named_as(window, "Return message", QLabel)
    before = row_counts(shop_database, Sale, SaleLine, Payment)

    qtbot.keyClicks(product, "NOPE")
    qtbot.keyClick(product, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "no product has the barcode or code NOPE" in message.text())
    assert not refund.isEnabled()

    product.clear()
    qtbot.keyClicks(product, MUG)
    qtbot.keyClick(product, Qt.Key.Key_Return)
    found = named_as(window, "Returned product", QLabel)
    qtbot.waitUntil(lambda: "Vintage Cat Mug" in found.text())
    assert "4.50 each" in found.text()
    quantity = named_as(window, "Return quantity", QSpinBox)
    assert quantity.hasFocus()
    quantity.setValue(2)
    qtbot.mouseClick(refund, Qt.MouseButton.LeftButton)  # no reason yet
    qtbot.waitUntil(lambda: "reason" in message.text())
    assert refund.isEnabled()
    assert row_counts(shop_database, Sale, SaleLine, Payment) == before

    qtbot.keyClicks(named_as(window, "Return reason", QLineEdit), "gift, no receipt")
    qtbot.keyClick(quantity, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    till_message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "Return R1-000004 saved: refund cash 9.00" in till_message.text())
    sale, lines, payments = the_return(shop_database)
    assert (sale.original_sale_id, sale.customer_id) == (None, None)
    assert (sale.return_reason, sale.total_minor) == ("gift, no receipt", -900)
    assert [(line.product_code, line.quantity, line.total_minor) for line in lines] == [
        ("M1", -2, -900)
    ]
    assert [(p.method, p.amount_minor) for p in payments] == [("cash", -900)]
