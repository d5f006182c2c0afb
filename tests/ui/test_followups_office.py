"""The back office's follow-up queue: filters, why it is there, outcomes, and the rules."""

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import FollowUp, FollowUpRule
from pos.services.followups import FollowUpService, Preset
from pos.ui.main_window import MainWindow
from tests.factories import OWNER_PIN, add_customer, make_shop, staff_id
from tests.ui.conftest import OpenTill, named_as
from tests.ui.test_back_office import ask_for_back_office


def open_follow_ups(qtbot: QtBot, window: MainWindow) -> QTableWidget:
    ask_for_back_office(qtbot, window, OWNER_PIN)
    qtbot.waitUntil(lambda: window.current_page() is window.office)
    window.office.sections.setCurrentWidget(window.office.section("Follow-ups"))
    return named_as(window, "Follow-up list", QTableWidget)


def column(table: QTableWidget, index: int) -> list[str]:
    cells = (table.item(row, index) for row in range(table.rowCount()))
    return [cell.text() if cell is not None else "" for cell in cells]


def test_filter_the_queue_then_record_no_answer_and_reached(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    followups = FollowUpService(shop_database)
    today = followups.today()
    olivia, alex = staff_id(shop_database, "Olivia"), staff_id(shop_database, "Alex")
    asha = add_customer(shop_database, "Asha Patel")
    ben = add_customer(shop_database, "Ben Okafor")
    followups.schedule(asha, today, "call", "ask about the lamp", olivia, olivia)
    followups.schedule(ben, Preset.IN_A_WEEK, "email", "send the catalogue", alex, olivia)
    window = open_till()
    table = open_follow_ups(qtbot, window)

    qtbot.waitUntil(lambda: column(table, 2) == ["Asha Patel"])
    assert "ask about the lamp" in named_as(window, "Follow-up details", QLabel).text()
    panel = named_as(window, "Follow-up customer panel", QLabel)
    qtbot.waitUntil(lambda: "Asha Patel" in panel.text())  # who they are, beside why
    named_as(window, "Follow-up due filter", QComboBox).setCurrentIndex(1)
    qtbot.waitUntil(lambda: column(table, 2) == ["Asha Patel", "Ben Okafor"])
    owner = named_as(window, "Follow-up owner filter", QComboBox)
    qtbot.waitUntil(lambda: owner.findText("Alex") >= 0)
    owner.setCurrentIndex(owner.findText("Alex"))
    qtbot.waitUntil(lambda: column(table, 2) == ["Ben Okafor"])
    assert column(table, 1) == ["email"]
    owner.setCurrentIndex(0)
    qtbot.waitUntil(lambda: table.rowCount() == 2)

    table.selectRow(0)
    outcome = named_as(window, "Follow-up outcome", QComboBox)
    outcome.setCurrentIndex(outcome.findText("No answer"))
    tomorrow = today + timedelta(days=1)
    named_as(window, "Try again on", QDateEdit).setDate(
        QDate(tomorrow.year, tomorrow.month, tomorrow.day)
    )
    named_as(window, "Follow-up outcome note", QLineEdit).setText("rang twice")
    named_as(window, "Record outcome", QPushButton).click()
    message = named_as(window, "Follow-ups message", QLabel)
    qtbot.waitUntil(lambda: "moved to" in message.text())
    with shop_database.reader() as uow:
        row = uow.session.scalars(select(FollowUp).where(FollowUp.customer_id == asha)).one()
        assert (row.status, row.outcome, row.due_on) == ("open", "no_answer", tomorrow)
        assert "rang twice" in row.outcome_note

    qtbot.waitUntil(lambda: column(table, 2) == ["Asha Patel", "Ben Okafor"])
    table.selectRow(0)
    outcome.setCurrentIndex(outcome.findText("Reached"))
    named_as(window, "Record outcome", QPushButton).click()
    qtbot.waitUntil(lambda: column(table, 2) == ["Ben Okafor"])
    assert "closed" in message.text()
    with shop_database.reader() as uow:
        row = uow.session.scalars(select(FollowUp).where(FollowUp.customer_id == asha)).one()
        assert (row.status, row.outcome) == ("done", "reached")


def test_rules_are_added_checked_and_switched_off(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    window = open_till()
    open_follow_ups(qtbot, window)
    rules = named_as(window, "Follow-up rules", QTableWidget)
    amount = named_as(window, "Rule amount", QLineEdit)
    add = named_as(window, "Add rule", QPushButton)
    message = named_as(window, "Follow-up rules message", QLabel)

    with shop_database.reader() as uow:
        shipped = len(uow.session.scalars(select(FollowUpRule)).all())  # the shop's defaults
    qtbot.waitUntil(lambda: rules.rowCount() == shipped)

    amount.setText("a lot")
    add.click()
    assert "not an amount" in message.text()
    amount.setText("150.00")
    named_as(window, "Rule note", QLineEdit).setText("check the machine works")
    add.click()
    qtbot.waitUntil(lambda: rules.rowCount() == shipped + 1)
    assert column(rules, 0)[-1] == "Sale over 150.00"
    assert column(rules, 4)[-1] == "yes"

    rules.selectRow(shipped)
    named_as(window, "Switch rule", QPushButton).click()
    qtbot.waitUntil(lambda: column(rules, 4)[-1] == "no")
    with shop_database.reader() as uow:
        rule = uow.session.scalars(
            select(FollowUpRule).where(FollowUpRule.trigger == "sale_over_amount")
        ).one()
        assert (rule.amount_minor, rule.active, rule.days_after) == (15000, False, 7)
        assert rule.note == "check the machine works"
