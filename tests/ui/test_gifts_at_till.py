"""A gift at the till, through the real window: mark the line with Ctrl+G, and after the
sale the gift thank-you, a gift receipt without prices next to the normal one, and a
call to remind the customer next year."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import FollowUp, SaleGift
from pos.domain.cart import Cart, CartLine
from pos.domain.gifts import reminder_due_on
from pos.domain.tender import Tender
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.services.followups import FollowUpService
from pos.ui.main_window import MainWindow
from tests.factories import ManualClock, add_product, make_shop, sell_at, sign_in_cashier
from tests.fake_printer import fake_printer
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"


def set_up_regular(database: Database) -> int:
    """Asha, two visits behind her a few days ago (this one is an ordinary third)."""
    make_shop(database, name="Demo Gifts", demo=True)
    mug = add_product(database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    asha = CustomerService(database).create(NewCustomer(name="Asha Patel"))
    cashier = sign_in_cashier(database)
    clock = ManualClock(datetime.now(UTC) - timedelta(days=3))
    for _ in range(2):
        sell_at(database, clock, cashier, Cart((CartLine(mug, "M1", "Vintage Cat Mug", 450, 1,
                                                         2000),)),
                Tender("cash", 450), customer_id=asha.id)
    return asha.id


def answer(qtbot: QtBot, window: MainWindow, text: str) -> None:
    prompt = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(prompt.hasFocus)
    prompt.clear()
    qtbot.keyClicks(prompt, text)
    qtbot.keyClick(prompt, Qt.Key.Key_Return)


def item_text(window: MainWindow) -> str:
    model = window.till.cart.model()
    return str(model.data(model.index(0, 1)))


def test_a_gift_for_anna_gets_its_thank_you_receipt_and_reminder(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asha = set_up_regular(shop_database)
    with fake_printer() as printer:
        monkeypatch.setenv("POS_RECEIPT_PRINTER", printer.url)
        window = open_till()
        window.customers.attach(asha)
        qtbot.waitUntil(lambda: "Asha Patel" in window.till.customer_summary.text())
        entry = named_as(window, "Scan or search product", QLineEdit)
        qtbot.keyClicks(entry, MUG)
        qtbot.keyClick(entry, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.till.cart.model().rowCount() == 1)

        qtbot.keyClick(entry, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        answer(qtbot, window, "Anna, birthday")
        assert item_text(window) == "Vintage Cat Mug  (gift: Anna)"
        message = named_as(window, "Till message", QLabel)
        assert "a gift for Anna (birthday)" in message.text()
        display_lines = named_as(window.customer_display, "Display lines", QListWidget)
        assert display_lines.item(0).text().startswith("1 x Vintage Cat Mug ")

        tendered = named_as(window, "Cash tendered", QLineEdit)
        qtbot.keyClicks(tendered, "5")
        qtbot.keyClick(tendered, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "saved" in message.text(), timeout=5000)

        thank_you = named_as(window, "Thank-you message", QLabel)
        qtbot.waitUntil(lambda: "hope" in thank_you.text(), timeout=5000)
        assert thank_you.text() in ("Thank you, Asha. We hope they love it!",
                                    "A lovely choice, Asha. We hope your gift brings a smile.")
        qtbot.waitUntil(lambda: sum(b"R1-000003" in job for job in printer.printed) == 2,
                        timeout=10_000)
        normal, gift = sorted((job for job in printer.printed if b"R1-000003" in job),
                              key=lambda job: b"GIFT RECEIPT" in job)
        assert b"GIFT RECEIPT" not in normal
        assert b"4.50" in normal
        assert b"GIFT RECEIPT" in gift
        assert b"Vintage Cat Mug" in gift
        assert b"4.50" not in gift  # no prices for the recipient to see
        assert b"hope" in normal  # the personal thank-you is on the buyer's receipt

        queue = named_as(window, "Follow-up queue", QListWidget)
        qtbot.waitUntil(lambda: queue.count() == 1, timeout=5000)
        today = FollowUpService(shop_database).today()
        due = reminder_due_on(today, None)
        assert due.year == today.year + 1
        assert queue.item(0).text().startswith(f"{due:%d %b} call: Asha Patel")
        window.close()

    with shop_database.reader() as uow:
        (gift_row,) = uow.session.scalars(select(SaleGift))
        assert (gift_row.line_no, gift_row.recipient, gift_row.occasion,
                gift_row.occasion_on) == (1, "Anna", "birthday", None)
        (follow_up,) = uow.session.scalars(select(FollowUp))
        assert (follow_up.customer_id, follow_up.due_on, follow_up.source,
                follow_up.source_id, follow_up.note) == (
            asha, due, "gift", gift_row.id,
            "Last year: a gift for Anna (birthday): Vintage Cat Mug; anything this year?")


def test_the_whole_sale_as_a_gift_and_an_empty_answer_removes_it(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    set_up_regular(shop_database)
    window = open_till()
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClicks(entry, MUG)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.till.cart.model().rowCount() == 1)
    mark = named_as(window, "Gift mark", QLabel)

    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(entry, Qt.Key.Key_G, modifiers)
    answer(qtbot, window, "Ben, wedding, 2027-06-05")
    assert window.sale.cart.gifts[0][0] is None
    assert mark.isVisible()
    assert mark.text() == "Gift sale: for Ben (wedding)"
    assert item_text(window) == "Vintage Cat Mug"

    qtbot.keyClick(entry, Qt.Key.Key_G, modifiers)
    prompt = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(prompt.hasFocus)
    assert prompt.text() == "Ben, wedding, 2027-06-05"  # the mark, to change or remove
    answer(qtbot, window, "")
    assert window.sale.cart.gifts == ()
    assert not mark.isVisible()

    qtbot.keyClick(entry, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    answer(qtbot, window, "Anna, divorce")
    message = named_as(window, "Till message", QLabel)
    assert "'divorce' is not an occasion" in message.text()
    assert window.sale.cart.gifts == ()
    window.close()
