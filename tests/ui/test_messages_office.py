"""The back office's Messages section on a real shop: the occasions in rule order, the
template editor with a live preview against a real customer, save refusing a bad
template (changing nothing) and keeping a good one, and moving an occasion."""

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos.db.database import Database
from pos.domain.occasions import Occasion
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.services.messages import MessageService
from pos.services.till_session import Cashier
from pos.ui.main_window import MainWindow
from pos.ui.office.messages import MessagesSection
from tests.factories import fixed_clock, staff_id
from tests.ui.conftest import named_as


def open_messages(qtbot: QtBot, window: MainWindow, database: Database) -> MessagesSection:
    owner = Cashier(staff_id(database, "Olivia"), "Olivia", "owner")
    window.office.open_for(owner, "Messages")
    section = window.office.section("Messages")
    assert isinstance(section, MessagesSection)
    occasions = named_as(section, "Message occasions", QListWidget)
    editor = named_as(section, "Message template", QPlainTextEdit)
    qtbot.waitUntil(lambda: occasions.count() == len(Occasion) + 1 and bool(editor.toPlainText()))
    return section


def test_edit_preview_and_save_a_template(
    qtbot: QtBot, demo_till: MainWindow, shop_database: Database
) -> None:
    CustomerService(shop_database, fixed_clock).create(
        NewCustomer("Asha Patel", address_as="Mrs Patel", tags=("dark roast",)))
    section = open_messages(qtbot, demo_till, shop_database)
    occasions = named_as(section, "Message occasions", QListWidget)
    language = named_as(section, "Message language", QComboBox)
    editor = named_as(section, "Message template", QPlainTextEdit)
    preview = named_as(section, "Message preview", QLabel)
    message = named_as(section, "Message templates message", QLabel)
    save = named_as(section, "Save message template", QPushButton)
    assert language.currentData() == "en"
    assert occasions.item(0).text().startswith("Birthday")
    assert "Happy birthday" in editor.toPlainText()

    # The preview follows a real customer, found by name.
    qtbot.keyClicks(named_as(section, "Message preview customer", QLineEdit), "Patel")
    qtbot.waitUntil(lambda: "For Asha Patel" in preview.text(), timeout=5000)
    editor.setPlainText("Hello {{ name }}, you like {{ preferences }}")
    qtbot.waitUntil(lambda: "Hello Mrs Patel, you like dark roast" in preview.text())

    # A bad template: the problem and its line, nothing saved.
    editor.setPlainText("Hello {{ name }}\nHi {{ firstname }}")
    qtbot.waitUntil(lambda: "unknown placeholder firstname" in preview.text())
    save.click()
    qtbot.waitUntil(lambda: "Not saved" in message.text())
    assert not message.isHidden()
    assert "line 2: unknown placeholder firstname" in message.text()
    messages = MessageService(shop_database, fixed_clock)
    assert not messages.template("birthday", "en").stored

    # A good one is kept, one variant per line.
    editor.setPlainText("Happy day, {{ first_name }}!\nMany happy returns, {{ name }}.")
    qtbot.waitUntil(lambda: "Happy day, Mrs Patel!" in preview.text())
    save.click()
    qtbot.waitUntil(lambda: "Saved 2 messages" in message.text())
    assert messages.template("birthday", "en").variants == (
        "Happy day, {{ first_name }}!", "Many happy returns, {{ name }}.")

    named_as(section, "Restore default message", QPushButton).click()
    qtbot.waitUntil(lambda: "Happy birthday" in editor.toPlainText())
    assert not messages.template("birthday", "en").stored


def test_moving_an_occasion_changes_the_rule_order(
    qtbot: QtBot, demo_till: MainWindow, shop_database: Database
) -> None:
    section = open_messages(qtbot, demo_till, shop_database)
    occasions = named_as(section, "Message occasions", QListWidget)
    up = named_as(section, "Move occasion up", QPushButton)
    gift = next(row for row in range(occasions.count())
                if occasions.item(row).text() == "Gift purchase")
    occasions.setCurrentRow(gift)
    up.click()
    qtbot.waitUntil(lambda: occasions.item(gift - 1).text() == "Gift purchase")
    assert occasions.currentItem().text() == "Gift purchase"
    order = MessageService(shop_database, fixed_clock).overview().order
    assert order.index(Occasion.GIFT) == gift - 1
    # The default always comes last: it cannot move.
    occasions.setCurrentRow(occasions.count() - 2)
    assert occasions.currentItem().text().startswith("Default")
    assert not up.isEnabled()
