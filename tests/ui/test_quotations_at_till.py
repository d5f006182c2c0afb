"""Quotations at the till: the cart becomes a quotation (and a PDF), comes back by its
number at the quoted prices, and is marked converted when that sale is completed; an
expired one asks whether to keep the quoted prices."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from pos.db.database import Database
from pos.db.models import Product
from pos.domain.cart import Cart, CartLine
from pos.services.followups import FollowUpService
from pos.services.quotations import QuotationService
from pos.ui.main_window import MainWindow
from tests.factories import (
    ManualClock,
    add_customer,
    add_product,
    make_shop,
    sign_in_cashier,
)
from tests.ui.conftest import OpenTill, named_as
from tests.ui.test_till_flows import answer_prompt, pay_exact_cash, ring_up

MUG = "5012345678900"


@pytest.fixture
def mug_id(shop_database: Database) -> int:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    return add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))


def set_mug_price(database: Database, product_id: int, price_minor: int) -> None:
    with database.writer() as uow:
        mug = uow.session.get(Product, product_id)
        assert mug is not None
        mug.price_minor = price_minor
        uow.commit()


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.ControlModifier) -> None:
    qtbot.keyClick(named_as(window, "Scan or search product", QLineEdit), key, modifiers)


def unit_prices(window: MainWindow) -> list[int]:
    return [line.unit_price_minor for line in window.sale.cart.lines]


def test_cart_to_quotation_and_back_at_the_quoted_prices_then_sold(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, mug_id: int, tmp_path: Path
) -> None:
    zoe = add_customer(shop_database, "Zoë Brontë")
    window = open_till()
    window.customers.attach(zoe)
    qtbot.waitUntil(lambda: "Zoë Brontë" in window.till.customer_summary.text())
    ring_up(qtbot, window, MUG, times=2)
    message = named_as(window, "Till message", QLabel)

    press(qtbot, window, Qt.Key.Key_Q)
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    assert answer.text() == "30"
    qtbot.keyClick(answer, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: "PDF to print or e-mail" in message.text(), timeout=10_000)
    assert message.text().startswith("Quotation Q1-000001 saved, valid until ")
    assert "a follow-up call is in the queue" in message.text()
    assert not window.sale.cart.lines
    assert named_as(window, "Total due", QLabel).text() == "0.00"
    pdf = tmp_path / "quotations" / "Q1-000001.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    queue = named_as(window, "Follow-up queue", QListWidget)
    qtbot.waitUntil(lambda: queue.count() == 1)
    assert "Quotation Q1-000001" in queue.item(0).text()

    set_mug_price(shop_database, mug_id, 5_00)
    press(qtbot, window, Qt.Key.Key_Q,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    answer_prompt(qtbot, window, "q1-000001")

    qtbot.waitUntil(lambda: len(window.sale.cart.lines) == 1)
    assert unit_prices(window) == [4_50]
    assert window.sale.cart.lines[0].quantity == 2
    assert window.sale.customer_id == zoe
    assert named_as(window, "Total due", QLabel).text() == "9.00"
    assert "Quotation Q1-000001 is on the till at the quoted prices" in message.text()

    pay_exact_cash(qtbot, window)
    qtbot.waitUntil(lambda: "quotation Q1-000001 converted to R1-000001" in message.text(),
                    timeout=5000)
    quotes = QuotationService(shop_database, "1")
    converted = quotes.find("Q1-000001")
    assert converted.status == "converted"
    assert converted.converted_sale_id is not None
    qtbot.waitUntil(lambda: queue.count() == 0)  # its follow-up closed as a new sale
    assert FollowUpService(shop_database).queue(date.max, include_future=True) == ()

    press(qtbot, window, Qt.Key.Key_Q,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    answer_prompt(qtbot, window, "Q1-000001")
    qtbot.waitUntil(lambda: "already converted to R1-000001" in message.text())
    assert not window.sale.cart.lines


def test_an_expired_quotation_asks_about_prices_and_is_marked_by_housekeeping(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, mug_id: int
) -> None:
    zoe = add_customer(shop_database, "Zoë Brontë")
    alex = sign_in_cashier(shop_database)
    long_ago = ManualClock(datetime.now(UTC) - timedelta(days=40))
    mugs = Cart((CartLine(mug_id, "M1", "Vintage Cat Mug", 450, 2, 2000),))
    quotation = QuotationService(shop_database, "1", long_ago).create(mugs, zoe, alex, 7)
    set_mug_price(shop_database, mug_id, 5_00)
    quotes = QuotationService(shop_database, "1")

    window = open_till()
    # Housekeeping on start marks it expired (kept, not deleted).
    qtbot.waitUntil(lambda: quotes.get(quotation.id).status == "expired", timeout=5000)
    qtbot.waitUntil(lambda: "marked expired" in window.status.currentMessage())
    window.customers.attach(zoe)
    qtbot.waitUntil(lambda: "Zoë Brontë" in window.till.customer_summary.text())
    message = named_as(window, "Till message", QLabel)

    press(qtbot, window, Qt.Key.Key_Q,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(lambda: answer.hasFocus() and answer.text() == "Q1-000001")
    qtbot.keyClick(answer, Qt.Key.Key_Return)  # the customer's one, offered
    qtbot.waitUntil(lambda: answer.hasFocus() and answer.text() == "")
    qtbot.keyClicks(answer, "x")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "type q (the quoted prices) or c" in message.text())
    assert not window.sale.cart.lines

    press(qtbot, window, Qt.Key.Key_Q,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: answer.hasFocus() and answer.text() == "Q1-000001")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answer.hasFocus() and answer.text() == "")
    qtbot.keyClicks(answer, "c")
    qtbot.keyClick(answer, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: len(window.sale.cart.lines) == 1)
    assert unit_prices(window) == [5_00]
    assert named_as(window, "Total due", QLabel).text() == "10.00"
    assert "Quotation Q1-000001 expired after" in message.text()
    assert "the sale uses today's prices" in message.text()


def test_a_quotation_taken_back_parked_and_resumed_still_converts(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, mug_id: int
) -> None:
    zoe = add_customer(shop_database, "Zoë Brontë")
    alex = sign_in_cashier(shop_database)
    mugs = Cart((CartLine(mug_id, "M1", "Vintage Cat Mug", 450, 2, 2000),))
    QuotationService(shop_database, "1").create(mugs, zoe, alex, 30)
    window = open_till()
    press(qtbot, window, Qt.Key.Key_Q,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    answer_prompt(qtbot, window, "Q1-000001")
    qtbot.waitUntil(lambda: len(window.sale.cart.lines) == 1)

    qtbot.keyClick(named_as(window, "Scan or search product", QLineEdit), Qt.Key.Key_F5)
    answer_prompt(qtbot, window, "Zoe, gone to the cash machine")
    parked = named_as(window, "Parked sales", QListWidget)
    qtbot.waitUntil(lambda: parked.count() == 1)
    ring_up(qtbot, window, MUG)  # another customer's sale in between
    pay_exact_cash(qtbot, window)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "R1-000001 saved" in message.text(), timeout=5000)

    press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(parked.hasFocus)
    qtbot.keyClick(parked, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.sale.cart.lines) == 1)
    pay_exact_cash(qtbot, window)
    qtbot.waitUntil(lambda: "quotation Q1-000001 converted to R1-000002" in message.text(),
                    timeout=5000)
    assert QuotationService(shop_database, "1").find("Q1-000001").status == "converted"
