"""The back office's settings page, through the real window: the shop's name reaches the
till at once, a bad feedback link is refused in place, and a printer set in the
environment cannot be changed here while one chosen here is used at the next start."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos.db.database import Database
from pos.db.receipts import ReceiptRepository
from pos.db.settings import SettingRepository
from pos.ui.main_window import MainWindow
from tests.factories import OWNER_PIN, make_shop
from tests.ui.conftest import OpenTill, named_as
from tests.ui.test_back_office import ask_for_back_office


@pytest.fixture(autouse=True)
def no_printer_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POS_RECEIPT_PRINTER", raising=False)
    monkeypatch.delenv("POS_PRINTER_PROFILE", raising=False)


def open_settings(qtbot: QtBot, window: MainWindow) -> None:
    ask_for_back_office(qtbot, window, OWNER_PIN)
    qtbot.waitUntil(lambda: window.current_page() is window.office)
    window.office.sections.setCurrentWidget(window.office.section("Settings"))
    save = named_as(window, "Save shop details", QPushButton)
    qtbot.waitUntil(save.isEnabled)  # the current values are on screen


def test_the_shop_name_changes_the_till_header_at_once(
    qtbot: QtBot, demo_till: MainWindow
) -> None:
    header = named_as(demo_till, "Till header", QLabel)
    assert header.text().startswith("Demo Gifts")
    open_settings(qtbot, demo_till)
    name = named_as(demo_till, "Settings shop name", QLineEdit)
    assert name.text() == "Demo Gifts"
    assert "Europe/London" in named_as(demo_till, "Shop locale", QLabel).text()

    name.setText("Corner Gifts")
    named_as(demo_till, "Save shop details", QPushButton).click()

    message = named_as(demo_till, "Settings message", QLabel)
    qtbot.waitUntil(lambda: "Shop details saved" in message.text())
    qtbot.keyClick(demo_till.office, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: demo_till.current_page() is demo_till.till)
    assert header.text().startswith("Corner Gifts")
    assert demo_till.windowTitle() == "Till: Corner Gifts"


def test_an_invalid_feedback_link_is_refused_in_place(
    qtbot: QtBot, demo_till: MainWindow, shop_database: Database
) -> None:
    open_settings(qtbot, demo_till)
    link = named_as(demo_till, "Feedback link", QLineEdit)
    preview = named_as(demo_till, "Feedback link preview", QLabel)
    link.setText("https://corner.example/feedback?r={receipt}")
    assert preview.text() == (
        "Receipt R1-000123 links to https://corner.example/feedback?r=R1-000123")

    link.setText("corner.example/feedback")
    assert "Not usable" in preview.text()
    named_as(demo_till, "Save receipt settings", QPushButton).click()

    message = named_as(demo_till, "Settings message", QLabel)
    qtbot.waitUntil(lambda: "is not a web link" in message.text())
    assert message.property("severity") == "error"
    with shop_database.reader() as uow:
        assert ReceiptRepository(uow.session).qr_template() is None


def test_a_printer_set_in_the_environment_is_read_only(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    address = f"file://{tmp_path / 'receipts.bin'}"
    monkeypatch.setenv("POS_RECEIPT_PRINTER", address)
    window = open_till()
    open_settings(qtbot, window)

    url = named_as(window, "Printer address", QLineEdit)
    assert (url.text(), url.isReadOnly()) == (address, True)
    assert not named_as(window, "Printer profile", QLineEdit).isReadOnly()
    assert "set by POS_RECEIPT_PRINTER" in named_as(window, "Printer note", QLabel).text()


def test_a_printer_chosen_here_is_used_when_the_till_next_starts(
    qtbot: QtBot, shop_database: Database, open_till: OpenTill, tmp_path: Path
) -> None:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    window = open_till()
    open_settings(qtbot, window)
    address = f"file://{tmp_path / 'receipts.bin'}"
    named_as(window, "Printer address", QLineEdit).setText(address)
    named_as(window, "Printer profile", QLineEdit).setText("TM-T88")
    named_as(window, "Save printer", QPushButton).click()
    message = named_as(window, "Settings message", QLabel)
    qtbot.waitUntil(lambda: "did you mean" in message.text())

    named_as(window, "Printer profile", QLineEdit).setText("TM-T88V")
    named_as(window, "Save printer", QPushButton).click()
    qtbot.waitUntil(lambda: "takes effect when the till is next started" in message.text())
    window.close()

    restarted = open_till()
    ask_for_back_office(qtbot, restarted, OWNER_PIN)
    qtbot.waitUntil(lambda: restarted.current_page() is restarted.office)
    restarted.office.sections.setCurrentWidget(restarted.office.section("Printer"))
    state = named_as(restarted, "Receipt printer state", QLabel)
    qtbot.waitUntil(lambda: "receipts.bin" in state.text(), timeout=10_000)


def test_the_cash_rounding_is_chosen_from_the_allowed_steps_and_saved(
    qtbot: QtBot, demo_till: MainWindow, shop_database: Database
) -> None:
    open_settings(qtbot, demo_till)
    rounding = named_as(demo_till, "Cash rounding", QComboBox)
    assert [rounding.itemData(index) for index in range(rounding.count())] == [1, 5, 10, 50, 100]
    assert rounding.currentData() == 1

    rounding.setCurrentIndex(rounding.findData(5))
    named_as(demo_till, "Save cash rounding", QPushButton).click()

    message = named_as(demo_till, "Settings message", QLabel)
    qtbot.waitUntil(lambda: "Cash rounding saved" in message.text())
    assert "round to 5 minor units" in message.text()
    with shop_database.reader() as uow:
        assert SettingRepository(uow.session).value("checkout.cash_rounding_minor") == "5"
