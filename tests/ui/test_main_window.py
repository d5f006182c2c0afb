"""The application shell driven as a cashier would, offscreen."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import Shift
from pos.ui.main_window import MainWindow
from pos.ui.widgets import find_by_accessible_name
from tests.factories import CASHIER_PIN, make_shop
from tests.ui.conftest import OpenTill

CONTRACT_NAMES = (
    "Scan or search product", "Product results", "Cart", "Total due", "Pay", "Cash tendered",
    "Card payment", "Complete sale", "Change due", "Park sale", "Parked sales", "Return",
    "Void line", "Customer search", "Customer results", "Customer panel", "Add customer",
    "Greeting", "Thank-you message", "Schedule follow-up", "Follow-up queue", "Promises",
    "Log complaint", "Rate this visit", "Open drawer", "Reprint receipt", "Status bar",
)


def test_demo_shop_opens_signed_in_with_every_named_widget(demo_till: MainWindow) -> None:
    for name in CONTRACT_NAMES:
        find_by_accessible_name(demo_till, name)
    assert demo_till.centralWidget() is not None
    header = find_by_accessible_name(demo_till, "Till header")
    assert isinstance(header, QLabel)
    assert "Demo Gifts" in header.text()
    assert "Alex" in header.text()
    assert demo_till.till.isVisible()


def test_status_bar_shows_database_and_printer(qtbot: QtBot, demo_till: MainWindow) -> None:
    database = find_by_accessible_name(demo_till, "Database state")
    printer = find_by_accessible_name(demo_till, "Printer state")
    assert isinstance(database, QLabel)
    assert isinstance(printer, QLabel)
    qtbot.waitUntil(lambda: "SQLite connected" in database.text(), timeout=5000)
    assert printer.text() == "Printer: none configured"


def test_sign_in_with_a_wrong_then_right_pin(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, demo=False)
    window = open_till()
    cashiers = find_by_accessible_name(window, "Cashier")
    pin = find_by_accessible_name(window, "PIN")
    message = find_by_accessible_name(window, "Sign-in message")
    assert isinstance(cashiers, QListWidget)
    assert isinstance(pin, QLineEdit)
    assert isinstance(message, QLabel)
    names = [cashiers.item(i).text() for i in range(cashiers.count())]
    assert names == ["Alex  (cashier)", "Olivia  (owner)"]

    qtbot.keyClicks(pin, "0000")
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: message.isVisible(), timeout=5000)
    assert message.text() == "wrong PIN; try again"
    assert not window.till.isVisible()

    pin.clear()
    qtbot.keyClicks(pin, CASHIER_PIN)
    opening_float = find_by_accessible_name(window, "Opening float")
    assert isinstance(opening_float, QLineEdit)
    qtbot.keyClicks(opening_float, "ten pounds")
    qtbot.keyClick(opening_float, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "opening float" in message.text(), timeout=5000)
    opening_float.clear()
    qtbot.keyClicks(opening_float, "150.00")
    qtbot.keyClick(opening_float, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.till.isVisible(), timeout=5000)
    with shop_database.reader() as uow:
        assert uow.session.scalars(select(Shift)).one().opening_float_minor == 15000
    entry = find_by_accessible_name(window, "Scan or search product")
    qtbot.waitUntil(entry.hasFocus, timeout=5000)


def test_first_run_asks_for_the_shop_then_signs_in(
    qtbot: QtBot, open_till: OpenTill
) -> None:
    window = open_till()
    assert window.setup_page.isVisible()
    name = find_by_accessible_name(window, "Shop name")
    owner = find_by_accessible_name(window, "Your name")
    pin = find_by_accessible_name(window, "Owner PIN")
    create = find_by_accessible_name(window, "Create shop")
    message = find_by_accessible_name(window, "Setup message")
    assert isinstance(name, QLineEdit)
    assert isinstance(owner, QLineEdit)
    assert isinstance(pin, QLineEdit)
    assert isinstance(create, QPushButton)
    assert isinstance(message, QLabel)

    qtbot.keyClicks(pin, "1357")
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(message.isVisible, timeout=5000)
    assert message.text() == "give the shop a name"
    assert window.setup_page.isVisible()

    qtbot.keyClicks(name, "Bean There")
    qtbot.keyClicks(owner, "Priya")
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.sign_in_page.isVisible, timeout=5000)
    cashiers = find_by_accessible_name(window, "Cashier")
    assert isinstance(cashiers, QListWidget)
    qtbot.waitUntil(lambda: cashiers.count() == 1, timeout=5000)
    assert cashiers.item(0).text() == "Priya  (owner)"


@pytest.mark.parametrize("name", ["Reprint receipt"])
def test_placeholders_without_behaviour_are_disabled(demo_till: MainWindow, name: str) -> None:
    button = find_by_accessible_name(demo_till, name)
    assert isinstance(button, QPushButton)
    assert not button.isEnabled()
