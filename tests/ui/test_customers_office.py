"""The back office's customers on a real shop database through the real window: find by a
piece of the phone number, edit and save, a refused birthday, a merge, an export, an
erasure, and a past receipt printed again."""

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from pos.db.database import Database
from pos.db.models import AuditEntry, Customer, PrintJob, Sale
from pos.domain.cart import Cart, CartLine
from pos.domain.tender import Tender
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.ui.main_window import MainWindow
from pos.ui.office.customers import LIST_COLUMNS
from pos.ui.office.customers_history import PAGE
from tests.factories import OWNER_PIN, add_product, make_shop, sell, sign_in_cashier
from tests.fake_printer import fake_printer
from tests.ui.conftest import OpenTill, named_as
from tests.ui.test_back_office import ask_for_back_office


def shop_with(database: Database, *people: tuple[NewCustomer, int]) -> list[int]:
    """The demo shop, and each customer with that many sales of a 4.50 mug; their ids."""
    make_shop(database, name="Demo Gifts", demo=True)
    mug = add_product(database, "M1", "Vintage Cat Mug", 450)
    cashier = sign_in_cashier(database)
    customers = CustomerService(database)
    ids = []
    for new, visits in people:
        customer_id = customers.create(new, allow_duplicate=True).id
        for _ in range(visits):
            sell(database, cashier,
                 Cart().add(CartLine(mug, "M1", "Vintage Cat Mug", 450, 1, 2000)),
                 Tender("cash", 450), customer_id=customer_id)
        ids.append(customer_id)
    return ids


ASHA = NewCustomer(name="Asha Patel", phone="07911 123456", email="asha@example.com",
                   notes="Prefers gift wrap")


def open_customers(qtbot: QtBot, window: MainWindow) -> QTableWidget:
    ask_for_back_office(qtbot, window, OWNER_PIN)
    qtbot.waitUntil(lambda: window.current_page() is window.office)
    window.office.sections.setCurrentWidget(window.office.section("Customers"))
    return named_as(window, "Customers list", QTableWidget)


def column(table: QTableWidget, name: str) -> list[str]:
    index = LIST_COLUMNS.index(name)
    cells = (table.item(row, index) for row in range(table.rowCount()))
    return [cell.text() if cell is not None else "" for cell in cells]


def find(qtbot: QtBot, window: MainWindow, text: str, name: str) -> QTableWidget:
    """Search for `text`, wait for `name` in the list, choose them and wait for details."""
    table = named_as(window, "Customers list", QTableWidget)
    search = named_as(window, "Customers search", QLineEdit)
    search.clear()
    qtbot.keyClicks(search, text)
    qtbot.waitUntil(lambda: name in column(table, "Name"))
    table.selectRow(column(table, "Name").index(name))
    details = named_as(window, "Customer details", QLabel)
    qtbot.waitUntil(lambda: name in details.text())
    return table


def customer_row(database: Database, customer_id: int) -> Customer:
    with database.reader() as uow:
        customer = uow.session.get(Customer, customer_id)
        assert customer is not None
        uow.session.expunge(customer)
        return customer


def sales_of(database: Database, customer_id: int | None) -> int:
    with database.reader() as uow:
        count = uow.session.scalar(
            select(func.count()).select_from(Sale).where(Sale.customer_id == customer_id)
        )
        return int(count or 0)


def test_find_by_a_piece_of_the_phone_then_edit_and_save(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    (asha,) = shop_with(shop_database, (ASHA, 3))
    window = open_till()
    table = open_customers(qtbot, window)
    find(qtbot, window, "911 1234", "Asha Patel")  # a piece of "07911 123456"
    assert column(table, "Visits") == ["3"]
    qtbot.waitUntil(lambda: column(table, "Spend") == ["13.50"])
    details = named_as(window, "Customer details", QLabel).text()
    assert "Prefers gift wrap" in details
    assert "Vintage Cat Mug" in details
    history = named_as(window, "Customer history", QTableWidget)
    assert history.rowCount() == 3

    named_as(window, "Address as", QLineEdit).setText("Mrs Patel")
    named_as(window, "Customer e-mail", QLineEdit).setText("asha.patel@example.com")
    named_as(window, "Customer birthday", QLineEdit).setText("24-12")
    named_as(window, "Customer tags", QLineEdit).setText("likes dark roast, size M")
    named_as(window, "SMS consent", QCheckBox).setChecked(True)
    named_as(window, "Customer language", QLineEdit).setText("de")
    named_as(window, "Save customer", QPushButton).click()
    message = named_as(window, "Customers message", QLabel)
    qtbot.waitUntil(lambda: "details saved" in message.text())
    saved = customer_row(shop_database, asha)
    assert (saved.address_as, saved.email, saved.birthday_day, saved.birthday_month,
            saved.birthday_year, saved.consent_sms, saved.language) == (
        "Mrs Patel", "asha.patel@example.com", 24, 12, None, True, "de")
    assert saved.consent_given_at is not None
    assert CustomerService(shop_database).details(asha).tags == ("likes dark roast", "size M")
    qtbot.waitUntil(lambda: "Mrs Patel" in named_as(window, "Customer details", QLabel).text())


def test_an_impossible_birthday_is_refused_in_place_and_nothing_changes(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    (asha,) = shop_with(shop_database, (ASHA, 1))
    window = open_till()
    open_customers(qtbot, window)
    find(qtbot, window, "Asha", "Asha Patel")
    named_as(window, "Customer name", QLineEdit).setText("Asha Patel-Shah")
    named_as(window, "Customer birthday", QLineEdit).setText("31-02")
    named_as(window, "Save customer", QPushButton).click()
    message = named_as(window, "Customers message", QLabel)
    qtbot.waitUntil(lambda: "31 February is not a date" in message.text())
    assert message.property("severity") == "error"
    assert named_as(window, "Customer name", QLineEdit).text() == "Asha Patel-Shah"  # kept
    stored = customer_row(shop_database, asha)
    assert (stored.name, stored.birthday_day, stored.birthday_month) == ("Asha Patel", None, None)

    named_as(window, "Customer birthday", QLineEdit).setText("the 3rd")
    named_as(window, "Save customer", QPushButton).click()
    qtbot.waitUntil(lambda: "is not a date; write it as DD-MM" in message.text())
    assert customer_row(shop_database, asha).name == "Asha Patel"


def test_merge_a_duplicate_moves_their_history(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    asha, twin = shop_with(shop_database, (ASHA, 3),
                           (NewCustomer(name="Asha Patel", phone="07911 123456"), 2))
    window = open_till()
    open_customers(qtbot, window)
    table = find(qtbot, window, "asha@example", "Asha Patel")
    assert column(table, "Visits") == ["3"]
    merge_search = named_as(window, "Merge duplicate search", QLineEdit)
    qtbot.keyClicks(merge_search, "07911 123456")
    merge = named_as(window, "Merge into", QPushButton)
    combo = named_as(window, "Merge duplicate", QComboBox)
    qtbot.waitUntil(lambda: combo.count() == 1)  # Asha herself is not offered
    assert "2 visits" in combo.itemText(0)
    merge.click()
    message = named_as(window, "Customers message", QLabel)
    qtbot.waitUntil(lambda: "Press the merge button again" in message.text())
    assert sales_of(shop_database, twin) == 2  # nothing moved before the confirmation
    merge.click()
    qtbot.waitUntil(lambda: "Merged Asha Patel into Asha Patel" in message.text())
    assert "2 sale" in message.text()
    assert sales_of(shop_database, asha) == 5
    with shop_database.reader() as uow:
        assert uow.session.get(Customer, twin) is None
    history = named_as(window, "Customer history", QTableWidget)
    qtbot.waitUntil(lambda: history.rowCount() == 5)


def test_export_everything_then_erase_keeping_the_sales(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, tmp_path: Path
) -> None:
    (asha,) = shop_with(shop_database, (ASHA, 2))
    window = open_till()
    table = open_customers(qtbot, window)
    find(qtbot, window, "Patel", "Asha Patel")
    named_as(window, "Export data", QPushButton).click()
    message = named_as(window, "Customers message", QLabel)
    qtbot.waitUntil(lambda: "Exported everything" in message.text())
    exports = list((tmp_path / "exports").glob("*.json"))
    assert len(exports) == 1
    assert str(exports[0]) in message.text()
    exported = json.loads(exports[0].read_text(encoding="utf-8"))
    assert exported["customer"]["name"] == "Asha Patel"
    assert len(exported["sales"]) == 2

    erase = named_as(window, "Erase customer", QPushButton)
    erase.click()
    qtbot.waitUntil(lambda: "type ERASE" in message.text())
    assert customer_row(shop_database, asha).name == "Asha Patel"
    qtbot.keyClicks(named_as(window, "Erase confirmation", QLineEdit), "ERASE")
    erase.click()
    qtbot.waitUntil(lambda: "2 sales kept" in message.text())
    erased = customer_row(shop_database, asha)
    assert (erased.name, erased.phone, erased.email, erased.notes) == (
        "Erased customer", "", "", "")
    assert erased.erased_at is not None
    with shop_database.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Sale)) == 2
        actions = uow.session.scalars(select(AuditEntry.action)).all()
    assert {"customer.export", "customer.erase"} <= set(actions)
    assert "Erased customer" in named_as(window, "Customer details", QLabel).text()
    assert not named_as(window, "Save customer", QPushButton).isEnabled()
    assert not named_as(window, "Customer name", QLineEdit).isEnabled()
    qtbot.waitUntil(lambda: table.rowCount() == 0)  # no longer found


def test_reprint_a_past_receipt_of_theirs(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, monkeypatch: pytest.MonkeyPatch
) -> None:
    (asha,) = shop_with(shop_database, (ASHA, 2))
    with shop_database.reader() as uow:
        first = uow.session.scalars(
            select(Sale).where(Sale.customer_id == asha).order_by(Sale.id)
        ).first()
        assert first is not None
        first_id, number = first.id, first.receipt_number
    with fake_printer() as printer:
        monkeypatch.setenv("POS_RECEIPT_PRINTER", printer.url)
        window = open_till()
        open_customers(qtbot, window)
        find(qtbot, window, "Asha", "Asha Patel")
        history = named_as(window, "Customer history", QTableWidget)
        receipts = [history.item(row, 1) for row in range(history.rowCount())]
        history.selectRow([item.text() if item else "" for item in receipts].index(number))
        reprint = named_as(window, "Reprint customer receipt", QPushButton)
        assert reprint.isEnabled()
        reprint.click()
        message = named_as(window, "Customers message", QLabel)
        qtbot.waitUntil(lambda: f"Receipt {number} sent" in message.text())
        qtbot.waitUntil(lambda: any(number.encode() in job and b"COPY" in job
                                    for job in printer.printed), timeout=10_000)
        window.close()
    with shop_database.reader() as uow:
        jobs = uow.session.scalars(select(PrintJob).where(PrintJob.sale_id == first_id)).all()
    assert [job.kind for job in jobs] == ["copy"]


def test_reprint_is_off_without_a_printer(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop_with(shop_database, (ASHA, 1))
    monkeypatch.delenv("POS_RECEIPT_PRINTER", raising=False)
    window = open_till()
    open_customers(qtbot, window)
    reprint = named_as(window, "Reprint customer receipt", QPushButton)
    assert not reprint.isEnabled()
    assert "POS_RECEIPT_PRINTER" in reprint.toolTip()


def test_the_history_shows_a_page_then_more(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    shop_with(shop_database, (ASHA, PAGE + 2))
    window = open_till()
    open_customers(qtbot, window)
    find(qtbot, window, "Asha", "Asha Patel")
    history = named_as(window, "Customer history", QTableWidget)
    more = named_as(window, "Show more history", QPushButton)
    assert history.rowCount() == PAGE
    assert more.isEnabled()
    more.click()
    qtbot.waitUntil(lambda: history.rowCount() == PAGE + 2)
    assert not more.isEnabled()
    receipts = [history.item(row, 1) for row in range(history.rowCount())]
    assert len({item.text() for item in receipts if item}) == PAGE + 2  # no sale twice
