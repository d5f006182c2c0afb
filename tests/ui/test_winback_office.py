"""The back office's win-back list on crafted histories: who stopped coming (most valuable
first), a call to ask why in one keystroke, and the reason they give, counted."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from pos.db.database import Database
from pos.domain.cart import Cart, CartLine
from pos.domain.tender import Tender
from pos.services.followups import FollowUpService
from pos.services.lapsed import LapsedService
from pos.ui.main_window import MainWindow
from pos.ui.office.winback import COLUMNS
from tests.factories import (
    OWNER_PIN,
    ManualClock,
    add_customer,
    add_product,
    make_shop,
    sell_at,
    sign_in_cashier,
    staff_id,
)
from tests.ui.conftest import OpenTill, named_as
from tests.ui.test_back_office import ask_for_back_office


def column(table: QTableWidget, name: str) -> list[str]:
    index = COLUMNS.index(name)
    cells = (table.item(row, index) for row in range(table.rowCount()))
    return [cell.text() if cell is not None else "" for cell in cells]


def visits(database: Database, cashier_id: int, customer_id: int, days: list[date],
           line: CartLine) -> None:
    for day in days:
        clock = ManualClock(datetime.combine(day, time(11), tzinfo=UTC))
        sell_at(database, clock, cashier_id, Cart((line,)), Tender("cash", 100_00),
                customer_id=customer_id)


def every_week(last: date, count: int) -> list[date]:
    return [last - timedelta(weeks=n) for n in reversed(range(count))]


@pytest.fixture
def history(shop_database: Database) -> dict[str, int]:
    """A weekly regular gone 4 weeks, a big spender gone 6 weeks, a regular still coming."""
    make_shop(shop_database, name="Demo Gifts", demo=True)
    mug_id = add_product(shop_database, "M1", "Cat Mug", 450)
    mug = CartLine(mug_id, "M1", "Cat Mug", 450, 1, 2000)
    alex = sign_in_cashier(shop_database)
    today = FollowUpService(shop_database).today()
    people = {name: add_customer(shop_database, name)
              for name in ("Wendy Weekly", "Bea Big", "Rita Regular")}
    visits(shop_database, alex, people["Wendy Weekly"], every_week(today - timedelta(weeks=4), 8),
           mug)
    visits(shop_database, alex, people["Bea Big"], every_week(today - timedelta(weeks=6), 5),
           CartLine(mug_id, "M1", "Cat Mug", 450, 4, 2000))
    visits(shop_database, alex, people["Rita Regular"], every_week(today - timedelta(days=5), 8),
           mug)
    return people


def open_win_back(qtbot: QtBot, window: MainWindow) -> QTableWidget:
    ask_for_back_office(qtbot, window, OWNER_PIN)
    qtbot.waitUntil(lambda: window.current_page() is window.office)
    window.office.sections.setCurrentWidget(window.office.section("Win-back"))
    return named_as(window, "Win-back list", QTableWidget)


def test_lapsed_customers_by_value_then_a_call_and_their_reason(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, history: dict[str, int]
) -> None:
    window = open_till()
    table = open_win_back(qtbot, window)

    qtbot.waitUntil(lambda: column(table, "Customer") == ["Bea Big", "Wendy Weekly"])
    assert column(table, "Lifetime value") == ["£90.00", "£36.00"]
    assert column(table, "Visits") == ["5", "8"]
    assert column(table, "Usually every") == ["7 days", "7 days"]
    assert column(table, "Days away") == ["42", "28"]
    assert column(table, "Last products") == ["Cat Mug", "Cat Mug"]
    message = named_as(window, "Win-back message", QLabel)
    reasons = named_as(window, "Lapse reasons", QLabel)
    assert reasons.text() == "No reasons recorded yet."

    table.setFocus()
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "call with Wendy Weekly scheduled" in message.text())
    (call,) = FollowUpService(shop_database).queue(date.max, include_future=True)
    assert (call.customer_id, call.kind, call.source) == (history["Wendy Weekly"], "call",
                                                          "win_back")
    assert call.owner_id == staff_id(shop_database, "Olivia")
    assert call.due_on > FollowUpService(shop_database).today()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "already in the queue" in message.text())
    assert len(FollowUpService(shop_database).queue(date.max, include_future=True)) == 1

    named_as(window, "Record lapse reason", QPushButton).click()
    answer = named_as(window, "Win-back answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "Prices went up")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reasons.text() == "Reasons given: Prices went up (1)")
    assert column(table, "Reason given") == ["", "Prices went up"]

    table.setCurrentCell(0, 0)
    named_as(window, "Record lapse reason", QPushButton).click()
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "1")  # the reason given before, by its number
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reasons.text() == "Reasons given: Prices went up (2)")
    assert LapsedService(shop_database).reason_counts() == (("Prices went up", 2),)
    assert "reason kept for Bea Big" in message.text()


def test_a_reason_number_that_is_not_offered_is_refused_in_place(
    qtbot: QtBot, open_till: OpenTill, history: dict[str, int]
) -> None:
    window = open_till()
    table = open_win_back(qtbot, window)
    qtbot.waitUntil(lambda: table.rowCount() == 2)
    named_as(window, "Record lapse reason", QPushButton).click()
    answer = named_as(window, "Win-back answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "3")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    message = named_as(window, "Win-back message", QLabel)
    qtbot.waitUntil(lambda: "there is no reason 3" in message.text())
    assert named_as(window, "Lapse reasons", QLabel).text() == "No reasons recorded yet."
