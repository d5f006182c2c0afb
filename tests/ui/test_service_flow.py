"""Keeping our word, end to end through the real window: a customer with an open promise
is greeted with it, the promise is kept, a complaint about their last sale goes into the
follow-up queue and is put right from there (a remedy is insisted on), and the back
office's service review counts it, with how long the answer took."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)
from pytestqt.qtbot import QtBot

from pos.db.database import Database
from pos.services.complaints import ComplaintService
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.services.promises import PromiseService
from pos.ui.main_window import MainWindow
from pos.ui.office.service_review import duration_text
from tests.factories import OWNER_PIN, add_product, make_shop, staff_id
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"
PROMISE = "size M back in stock by Friday"


def table_values(table: QTableWidget) -> dict[str, str]:
    """A two-column table (figure, value) as a dict."""
    values = {}
    for row in range(table.rowCount()):
        figure, value = table.item(row, 0), table.item(row, 1)
        assert figure is not None
        assert value is not None
        values[figure.text()] = value.text()
    return values


def table_rows(table: QTableWidget) -> list[dict[str, str]]:
    def text(item: QTableWidgetItem | None) -> str:
        assert item is not None
        return item.text()

    headers = [text(table.horizontalHeaderItem(c)) for c in range(table.columnCount())]
    return [
        {header: text(table.item(row, column)) for column, header in enumerate(headers)}
        for row in range(table.rowCount())
    ]


def answer_prompt(qtbot: QtBot, window: MainWindow, text: str) -> None:
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    answer.clear()
    qtbot.keyClicks(answer, text)
    qtbot.keyClick(answer, Qt.Key.Key_Return)


def test_a_promise_kept_and_a_complaint_put_right_show_in_the_service_review(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    customers = CustomerService(shop_database)
    asha = customers.create(NewCustomer(name="Asha Patel", phone="020 7946 0321"))
    PromiseService(shop_database).make(
        asha.id, PROMISE, customers.today() + timedelta(days=3), staff_id(shop_database, "Alex")
    )
    window = open_till()
    message = named_as(window, "Till message", QLabel)

    # Attach her from the keyboard: the greeting and the panel bring the promise up.
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClick(entry, Qt.Key.Key_F3)
    search = named_as(window, "Customer search", QLineEdit)
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "asha")
    results = named_as(window, "Customer results", QListWidget)
    qtbot.waitUntil(lambda: results.count() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    greeting = named_as(window, "Greeting", QLabel)
    panel = named_as(window, "Customer panel", QFrame).findChild(QLabel)
    assert panel is not None
    qtbot.waitUntil(lambda: "promise" in greeting.text().lower())
    assert PROMISE in greeting.text()
    assert "Greet: Asha Patel" in greeting.text()
    assert "Open promise" in panel.text()
    assert PROMISE in panel.text()

    # Mark it kept from the `Promises` list: it leaves the list, the panel and the greeting.
    promises = named_as(window, "Promises", QListWidget)
    qtbot.waitUntil(lambda: promises.count() == 1)
    promises.setFocus()
    promises.setCurrentRow(0)
    qtbot.keyClick(promises, Qt.Key.Key_Return)
    answer_prompt(qtbot, window, "k arrived early")
    qtbot.waitUntil(lambda: promises.count() == 0)
    qtbot.waitUntil(lambda: "promise" not in greeting.text().lower())
    assert "Greet: Asha Patel" in greeting.text()
    assert PROMISE not in panel.text()

    # She buys a mug, then complains about it: the complaint's check joins the queue.
    qtbot.keyClicks(entry, MUG)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.till.cart.model().rowCount() == 1)
    qtbot.keyClick(named_as(window, "Cash tendered", QLineEdit), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R1-000001 saved" in message.text(), timeout=5000)
    queue = named_as(window, "Follow-up queue", QListWidget)
    assert queue.count() == 0  # the promise's reminder closed with it
    qtbot.keyClick(entry, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    answer_prompt(qtbot, window, "product_fault: the handle came off")
    qtbot.waitUntil(lambda: "complaint logged" in message.text())
    qtbot.waitUntil(lambda: queue.count() == 1)
    assert "Asha Patel" in queue.item(0).text()
    assert "Receipt R1-000001" in queue.item(0).text()
    (logged,) = ComplaintService(shop_database).for_customer(asha.id)
    assert (logged.receipt_number, logged.status) == ("R1-000001", "open")

    # Put it right from the queue: closing it without a remedy is asked again.
    queue.setFocus()
    queue.setCurrentRow(0)
    qtbot.keyClick(queue, Qt.Key.Key_Return)
    answer_prompt(qtbot, window, "r she is happy now")
    qtbot.waitUntil(lambda: "say how the complaint was put right" in message.text())
    answer = named_as(window, "Prompt answer", QLineEdit)
    assert answer.isVisible()
    assert answer.text() == "r she is happy now"
    assert ComplaintService(shop_database).get(logged.id).status == "open"
    answer_prompt(qtbot, window, "replacement swapped the mug")
    qtbot.waitUntil(lambda: "resolved (replacement)" in message.text())
    qtbot.waitUntil(lambda: queue.count() == 0)
    resolved = ComplaintService(shop_database).get(logged.id)
    assert (resolved.status, resolved.remedy, resolved.resolution_note) == (
        "resolved", "replacement", "swapped the mug"
    )
    assert resolved.time_to_first_response is not None
    assert resolved.time_to_resolution is not None

    # The owner's service review of today: one complaint opened and resolved, and its times.
    qtbot.keyClick(entry, Qt.Key.Key_F2)
    answer_prompt(qtbot, window, OWNER_PIN)
    qtbot.waitUntil(lambda: window.current_page() is window.office)
    window.office.sections.setCurrentWidget(window.office.section("Service review"))
    figures = named_as(window.office, "Service review", QTableWidget)
    qtbot.waitUntil(lambda: table_values(figures).get("Complaints opened") == "1")
    shown = table_values(figures)
    assert shown["Complaints resolved"] == "1"
    assert shown["Complaints still open at close"] == "0"
    assert shown["Complaints by category"] == "product fault 1"
    assert shown["Time to first response"] == duration_text(resolved.time_to_first_response)
    assert shown["Time to resolution"] == duration_text(resolved.time_to_resolution)
    assert shown["Time to apology"] == "-"  # no apology was recorded
    assert (shown["Sales"], shown["Sales to known customers"]) == ("1", "1 of 1 (100%)")
    assert (shown["Promises kept"], shown["Promises broken"]) == ("1", "0")
    assert shown["Follow-ups done"] == "2"  # the promise's reminder and the complaint's check
    status = named_as(window.office, "Service review status", QLabel)
    assert status.text().startswith("Service on ")
    people = table_rows(named_as(window.office, "Service review by cashier", QTableWidget))
    assert [(p["Name"], p["Sales"], p["Complaints opened"], p["Complaints resolved"],
             p["Promises kept"]) for p in people] == [("Alex", "1", "1", "1", "1")]

    # The day before had nothing: said plainly, and the next-day button brings today back.
    picker = named_as(window.office, "Service review date", QDateEdit)
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    qtbot.keyClick(picker, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    yesterday = customers.today() - timedelta(days=1)
    qtbot.waitUntil(lambda: status.text().startswith("No sales on "))
    assert status.text() == f"No sales on {yesterday:%a} {yesterday.day} {yesterday:%b}"
    assert table_values(figures)["Complaints opened"] == "0"
    qtbot.keyClick(named_as(window.office, "Next day", QPushButton), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: table_values(figures).get("Complaints opened") == "1")
