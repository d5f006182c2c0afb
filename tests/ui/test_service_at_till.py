"""Keeping our word at the till: open promises shown and kept, a complaint logged with
its follow-up, and the visit rated."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import FollowUp, VisitRating
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.services.promises import PromiseService
from tests.factories import add_product, make_shop, staff_id
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"


def test_promise_complaint_and_rating(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    asha = CustomerService(shop_database).create(NewCustomer(name="Asha Patel"))
    in_three_days = CustomerService(shop_database).today() + timedelta(days=3)
    PromiseService(shop_database).make(
        asha.id, "size M back in stock by Friday", in_three_days, staff_id(shop_database, "Alex")
    )
    window = open_till()
    window.customers.attach(asha.id)
    listed = named_as(window, "Promises", QListWidget)
    qtbot.waitUntil(lambda: listed.count() == 1)
    assert "size M back in stock" in listed.item(0).text()

    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClicks(entry, MUG)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.till.cart.model().rowCount() == 1)
    qtbot.keyClick(named_as(window, "Cash tendered", QLineEdit), Qt.Key.Key_Return)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "R1-000001 saved" in message.text(), timeout=5000)

    rate = named_as(window, "Rate this visit", QComboBox)
    assert rate.isEnabled()
    rate.setCurrentIndex(1)
    rate.activated.emit(1)
    qtbot.waitUntil(lambda: "rated 5 of 5" in message.text())

    qtbot.keyClick(entry, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "product_fault: the handle came off")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "complaint logged" in message.text())
    with shop_database.reader() as uow:
        sources = uow.session.scalars(select(FollowUp.source)).all()
        assert "complaint" in sources

    listed.setFocus()
    listed.setCurrentRow(0)
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "k arrived early")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: listed.count() == 0)


def test_the_customer_rates_the_visit_on_the_display(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    window = open_till()
    display = window.customer_display
    stars = named_as(display, "Display rating", QWidget)
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClicks(entry, MUG)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.till.cart.model().rowCount() == 1)
    assert stars.isHidden()  # nothing to rate while the sale is rung up
    qtbot.keyClick(named_as(window, "Cash tendered", QLineEdit), Qt.Key.Key_Return)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "R1-000001 saved" in message.text(), timeout=5000)
    assert not stars.isHidden()

    qtbot.mouseClick(named_as(display, "Rate 4 of 5", QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "the customer rated the visit 4 of 5" in message.text())
    assert stars.isHidden()
    assert named_as(display, "Display message", QLabel).text() == "Thank you for telling us!"
    with shop_database.reader() as uow:
        rating = uow.session.scalars(select(VisitRating)).one()
        assert (rating.stars, rating.source) == (4, "display")
