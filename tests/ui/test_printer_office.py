"""The back office's printer page: state, test page, and any receipt previewed as it prints."""

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos.db.database import Database
from pos.domain.cart import Cart, CartLine
from pos.domain.tender import Tender
from pos.ui.main_window import MainWindow
from tests.factories import OWNER_PIN, add_product, make_shop, sell, sign_in_cashier
from tests.fake_printer import fake_printer
from tests.ui.conftest import OpenTill, named_as
from tests.ui.test_back_office import ask_for_back_office


def open_printer_page(qtbot: QtBot, window: MainWindow) -> None:
    ask_for_back_office(qtbot, window, OWNER_PIN)
    qtbot.waitUntil(lambda: window.current_page() is window.office)
    window.office.sections.setCurrentWidget(window.office.section("Printer"))


def sell_two(database: Database) -> list[str]:
    product = add_product(database, "M1", "Vintage Cat Mug", 450)
    cashier = sign_in_cashier(database)
    line = CartLine(product, "M1", "Vintage Cat Mug", 450, 1, 2000)
    return [
        sell(database, cashier, Cart().add(line), Tender("cash", 500)).receipt_number
        for _ in range(2)
    ]


def test_preview_any_receipt_without_a_printer(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    first, last = sell_two(shop_database)
    window = open_till()
    open_printer_page(qtbot, window)
    preview = named_as(window, "Receipt preview", QPlainTextEdit)
    qtbot.waitUntil(lambda: last in preview.toPlainText())
    assert "Vintage Cat Mug" in preview.toPlainText()
    assert "No receipt printer is set up" in named_as(window, "Receipt printer state",
                                                      QLabel).text()
    assert not named_as(window, "Print test page", QPushButton).isEnabled()

    number = named_as(window, "Preview receipt number", QLineEdit)
    number.setText(first.lower())
    named_as(window, "Show receipt preview", QPushButton).click()
    qtbot.waitUntil(lambda: first in preview.toPlainText())
    number.setText("R9-999999")
    named_as(window, "Show receipt preview", QPushButton).click()
    message = named_as(window, "Printer message", QLabel)
    qtbot.waitUntil(lambda: "no sale has the receipt number R9-999999" in message.text())
    assert preview.toPlainText() == ""


def test_test_page_reaches_the_printer_and_its_state_is_shown(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    with fake_printer("paper-low") as printer:
        monkeypatch.setenv("POS_RECEIPT_PRINTER", printer.url)
        window = open_till()
        open_printer_page(qtbot, window)
        state = named_as(window, "Receipt printer state", QLabel)
        qtbot.waitUntil(lambda: "paper" in state.text().lower(), timeout=10_000)
        named_as(window, "Print test page", QPushButton).click()
        qtbot.waitUntil(lambda: len(printer.printed) >= 1, timeout=10_000)
        assert "test page sent" in named_as(window, "Printer message", QLabel).text()
        window.close()
