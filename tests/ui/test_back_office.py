"""The back office opens from the till with a manager's or the owner's PIN, not a cashier's."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from pos.services.till_session import Cashier
from pos.ui.main_window import MainWindow
from pos.ui.office.page import BackOfficePage
from tests.factories import CASHIER_PIN, OWNER_PIN
from tests.ui.conftest import named_as


class RecordingSection(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.viewers: list[str] = []
        self.stopped = False

    def activate(self, viewer: Cashier) -> None:
        self.viewers.append(viewer.name)

    def stop(self) -> None:
        self.stopped = True


def ask_for_back_office(qtbot: QtBot, window: MainWindow, pin: str) -> None:
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClick(entry, Qt.Key.Key_F2)
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(answer.hasFocus)
    assert answer.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(answer, pin)
    qtbot.keyClick(answer, Qt.Key.Key_Return)


def test_a_cashier_needs_the_owner_pin_and_the_section_sees_who_looks(
    qtbot: QtBot, demo_till: MainWindow
) -> None:
    section = RecordingSection()
    demo_till.office.add_section("Recording", section)
    demo_till.office.sections.setCurrentWidget(section)  # nobody looking yet: no activate

    ask_for_back_office(qtbot, demo_till, CASHIER_PIN)
    message = named_as(demo_till, "Till message", QLabel)
    qtbot.waitUntil(lambda: "not a manager's or the owner's PIN" in message.text())
    assert demo_till.current_page() is demo_till.till
    assert section.viewers == []

    ask_for_back_office(qtbot, demo_till, OWNER_PIN)
    qtbot.waitUntil(lambda: demo_till.current_page() is demo_till.office)
    assert section.viewers == ["Olivia"]
    assert named_as(demo_till, "Back office sections", QTabWidget).count() >= 1

    qtbot.keyClick(demo_till.office, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: demo_till.current_page() is demo_till.till)


def test_a_widget_without_activate_is_refused_as_a_section(qtbot: QtBot) -> None:
    page = BackOfficePage()
    qtbot.addWidget(page)
    with pytest.raises(TypeError, match="activate"):
        page.add_section("Plain", QWidget())


def test_closing_the_till_stops_the_sections_long_work(
    qtbot: QtBot, demo_till: MainWindow
) -> None:
    section = RecordingSection()
    demo_till.office.add_section("Recording", section)
    demo_till.close()
    assert section.stopped
