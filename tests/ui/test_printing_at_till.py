"""Receipts from the till to a (fake, raw TCP) printer: printed after the sale is saved."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from pos.db.database import Database
from pos.db.models import Sale
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.ui.main_window import MainWindow
from tests.factories import add_product, make_shop
from tests.fake_printer import fake_printer
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"


def sell_a_mug(qtbot: QtBot, window: MainWindow) -> None:
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClicks(entry, MUG)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.till.cart.model().rowCount() == 1)
    tendered = named_as(window, "Cash tendered", QLineEdit)
    qtbot.keyClicks(tendered, "5")
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "saved" in message.text(), timeout=5000)


def test_receipt_prints_after_the_sale_and_can_be_reprinted(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    with fake_printer() as printer:
        monkeypatch.setenv("POS_RECEIPT_PRINTER", printer.url)
        window = open_till()
        sell_a_mug(qtbot, window)
        qtbot.waitUntil(lambda: any(b"R1-000001" in job for job in printer.printed),
                        timeout=10_000)
        receipt = next(job for job in printer.printed if b"R1-000001" in job)
        assert b"Vintage Cat Mug" in receipt
        assert b"\x1bp" in b"".join(printer.printed)  # cash sale: drawer kick sent
        reprint = named_as(window, "Reprint receipt", QPushButton)
        assert reprint.isEnabled()
        qtbot.mouseClick(reprint, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(b"COPY" in job for job in printer.printed), timeout=10_000)
        status = named_as(window, "Printer state", QLabel)
        qtbot.waitUntil(lambda: status.text() != "Printer: " + printer.url, timeout=10_000)
        assert "failed" not in status.text()
        assert "refused" not in status.text()
        window.close()
    with shop_database.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Sale)) == 1


def test_a_dead_printer_never_costs_the_sale(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    monkeypatch.setenv("POS_RECEIPT_PRINTER", "tcp://127.0.0.1:1")
    window = open_till()
    sell_a_mug(qtbot, window)
    status = named_as(window, "Printer state", QLabel)
    qtbot.waitUntil(lambda: "refused the connection" in status.text(), timeout=15_000)
    assert "R1-000001 saved" in named_as(window, "Till message", QLabel).text()
    with shop_database.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Sale)) == 1
    window.close()


def test_the_receipt_carries_the_customers_personal_thank_you(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    customers = CustomerService(shop_database)
    soon = customers.today() + timedelta(days=2)
    asha = customers.create(NewCustomer(
        name="Asha Patel", address_as="Mrs Patel", birthday_day=soon.day,
        birthday_month=soon.month,
    ))
    with fake_printer() as printer:
        monkeypatch.setenv("POS_RECEIPT_PRINTER", printer.url)
        window = open_till()
        window.customers.attach(asha.id)
        qtbot.waitUntil(lambda: "Asha Patel" in window.till.customer_summary.text())
        sell_a_mug(qtbot, window)
        thank_you = named_as(window, "Thank-you message", QLabel)
        qtbot.waitUntil(lambda: "birthday" in thank_you.text().lower(), timeout=5000)
        qtbot.waitUntil(lambda: any(b"R1-000001" in job for job in printer.printed),
                        timeout=10_000)
        receipt = next(job for job in printer.printed if b"R1-000001" in job)
        assert b"Happy birthday" in receipt or b"Many happy returns" in receipt
        window.close()
