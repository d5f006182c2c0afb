"""Knowing the customer at the till: find by phone, attach, the panel, add one mid-sale."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import Customer, Sale
from pos.domain.cart import Cart, CartLine
from pos.domain.tender import Tender
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.ui.main_window import MainWindow
from tests.factories import add_product, make_shop, sell, sign_in_cashier
from tests.fake_printer import fake_printer
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"


def set_up_regular(database: Database) -> int:
    """Asha, stored with her phone as typed on a form, a birthday in two days, 3 visits."""
    make_shop(database, name="Demo Gifts", demo=True)
    mug = add_product(database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    soon = datetime.now(ZoneInfo("Europe/London")).date() + timedelta(days=2)
    asha = CustomerService(database).create(NewCustomer(
        name="Asha Patel", address_as="Mrs Patel", phone="07911 123456",
        email="asha@example.com", birthday_day=soon.day, birthday_month=soon.month,
        notes="Prefers gift wrap",
    ))
    cashier = sign_in_cashier(database)
    for _ in range(3):
        sell(database, cashier, Cart().add(CartLine(mug, "M1", "Vintage Cat Mug", 450, 1, 2000)),
             Tender("cash", 450), customer_id=asha.id)
    return asha.id


def test_find_by_phone_fragment_attach_and_see_the_panel(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    asha = set_up_regular(shop_database)
    window = open_till()
    search = named_as(window, "Customer search", QLineEdit)
    results = named_as(window, "Customer results", QListWidget)
    qtbot.keyClicks(search, "+44 7911-123 45")  # stored as "07911 123456"
    qtbot.waitUntil(lambda: results.count() == 1)
    assert results.item(0).text().startswith("Asha Patel")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    panel = window.till.customer_summary
    qtbot.waitUntil(lambda: "Asha Patel" in panel.text())
    text = panel.text()
    assert "Birthday this week" in text
    assert "Prefers gift wrap" in text
    assert "3 visits" in text
    assert "Vintage Cat Mug" in text
    assert "R1-000003" in text
    assert window.sale.customer_id == asha
    greeting = named_as(window, "Greeting", QLabel).text()
    assert greeting.startswith("Greet: Mrs Patel")
    assert "birthday in 2 days" in greeting


def test_add_a_customer_without_losing_the_sale(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    set_up_regular(shop_database)
    window = open_till()
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClicks(entry, MUG)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    cart = window.till.cart
    qtbot.waitUntil(lambda: cart.model().rowCount() == 1)
    qtbot.keyClick(entry, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "Bram de Vries; 07912 345678; bram@example.org")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    panel = window.till.customer_summary
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "Bram de Vries" in panel.text() or "added" not in message.text())
    assert "Bram de Vries" in panel.text(), message.text()
    assert cart.model().rowCount() == 1
    tendered = named_as(window, "Cash tendered", QLineEdit)
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "R1-000004 saved" in message.text(), timeout=5000)
    with shop_database.reader() as uow:
        bram = uow.session.scalars(select(Customer).where(Customer.name == "Bram de Vries")).one()
        sale = uow.session.scalars(select(Sale).where(Sale.receipt_number == "R1-000004")).one()
        assert sale.customer_id == bram.id


def test_a_look_alike_customer_is_shown_before_adding_twice(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    set_up_regular(shop_database)
    window: MainWindow = open_till()
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClick(entry, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "A. Patel; 07911123456")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    results = named_as(window, "Customer results", QListWidget)
    qtbot.waitUntil(lambda: results.count() == 1)
    assert results.item(0).text().startswith("Asha Patel")
    with shop_database.reader() as uow:
        assert len(uow.session.scalars(select(Customer)).all()) == 1


def test_a_birthday_customer_is_thanked_for_their_birthday(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The greeting cue, the thank-you on the till, the customer display (the cart as it is
    rung up, then the message) and the printed receipt all carry the birthday."""
    asha = set_up_regular(shop_database)
    with fake_printer() as printer:
        monkeypatch.setenv("POS_RECEIPT_PRINTER", printer.url)
        window = open_till()
        window.customers.attach(asha)
        panel = window.till.customer_summary
        qtbot.waitUntil(lambda: "Asha Patel" in panel.text())
        greeting = named_as(window, "Greeting", QLabel)
        qtbot.waitUntil(lambda: "birthday" in greeting.text().lower())
        assert "Mrs Patel" in greeting.text()

        entry = named_as(window, "Scan or search product", QLineEdit)
        qtbot.keyClicks(entry, MUG)
        qtbot.keyClick(entry, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.till.cart.model().rowCount() == 1)
        display = window.customer_display
        lines = named_as(display, "Display lines", QListWidget)
        assert [lines.item(row).text() for row in range(lines.count())] == [
            "1 x Vintage Cat Mug    4.50"
        ]
        assert named_as(display, "Display total", QLabel).text() == "To pay 4.50"

        qtbot.keyClick(named_as(window, "Cash tendered", QLineEdit), Qt.Key.Key_Return)
        thank_you = named_as(window, "Thank-you message", QLabel)
        qtbot.waitUntil(lambda: "birthday" in thank_you.text().lower(), timeout=5000)
        assert "Mrs Patel" in thank_you.text()
        assert named_as(display, "Display message", QLabel).text() == thank_you.text()
        assert lines.count() == 0
        qtbot.waitUntil(lambda: any(b"R1-000004" in job for job in printer.printed),
                        timeout=10_000)
        receipt = next(job for job in printer.printed if b"R1-000004" in job)
        assert b"Mrs Patel" in receipt
        assert b"birthday" in receipt.lower()
        window.close()
