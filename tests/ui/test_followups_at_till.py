"""After the sale: schedule a follow-up in two keystrokes, see it queued, record it done."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import FollowUp, Sale
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from tests.factories import add_product, make_shop
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"


def test_follow_up_for_tomorrow_linked_to_the_sale_then_reached(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    asha = CustomerService(shop_database).create(
        NewCustomer(name="Asha Patel", phone="07911 123456")
    )
    window = open_till()
    window.customers.attach(asha.id)
    panel = window.till.customer_summary
    qtbot.waitUntil(lambda: "Asha Patel" in panel.text())
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClicks(entry, MUG)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.till.cart.model().rowCount() == 1)
    tendered = named_as(window, "Cash tendered", QLineEdit)
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "R1-000001 saved" in message.text(), timeout=5000)

    qtbot.keyClick(entry, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "1 check the mug arrived unbroken")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    queue = named_as(window, "Follow-up queue", QListWidget)
    qtbot.waitUntil(lambda: queue.count() == 1, timeout=5000)
    assert "Asha Patel" in queue.item(0).text()
    with shop_database.reader() as uow:
        follow_up = uow.session.scalars(select(FollowUp)).one()
        sale = uow.session.scalars(select(Sale)).one()
        assert follow_up.sale_id == sale.id
        assert follow_up.customer_id == asha.id
        assert follow_up.status == "open"
        assert (follow_up.due_on - sale.completed_at.date()).days in (1, 2)

    queue.setFocus()
    queue.setCurrentRow(0)
    qtbot.keyClick(queue, Qt.Key.Key_Return)
    qtbot.waitUntil(answer.hasFocus)
    qtbot.keyClicks(answer, "r she is happy with it")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: queue.count() == 0, timeout=5000)
    with shop_database.reader() as uow:
        done = uow.session.scalars(select(FollowUp)).one()
        assert (done.status, done.outcome) == ("done", "reached")
