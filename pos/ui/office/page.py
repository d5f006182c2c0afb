"""The back office: the owner's and managers' screens (reports, service review, win-back,
settings), one tab each, opened from the till with a manager's or the owner's PIN.

A section is any widget with `activate(viewer)`: it is called each time the section comes
on screen, so it can load fresh figures in the background.
"""

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from pos.services.till_session import Cashier
from pos.ui.widgets import named


@runtime_checkable
class OfficeSection(Protocol):
    def activate(self, viewer: Cashier) -> None:
        """The section is on screen for `viewer` (a manager or the owner)."""


class BackOfficePage(QWidget):
    sig_back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._viewer: Cashier | None = None
        self.title = QLabel("Back office")
        self.title.setProperty("role", "title")
        self.sections = named(QTabWidget(), "Back office sections")
        self.sections.currentChanged.connect(self._activate_current)
        back = named(QPushButton("Back to the till  [Esc]"), "Leave back office")
        back.setShortcut("Esc")
        back.clicked.connect(self.sig_back)
        top = QHBoxLayout()
        top.addWidget(self.title, stretch=1)
        top.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.sections, stretch=1)

    def add_section(self, title: str, section: QWidget) -> None:
        if not isinstance(section, OfficeSection):
            raise TypeError(f"{type(section).__name__} has no activate(viewer)")
        self.sections.addTab(section, title)

    def section(self, title: str) -> QWidget:
        for index in range(self.sections.count()):
            widget = self.sections.widget(index)
            if self.sections.tabText(index) == title and widget is not None:
                return widget
        raise LookupError(f"no back-office section {title!r}")

    def open_for(self, viewer: Cashier, title: str | None = None) -> None:
        """Show the back office to `viewer`, on section `title` (or the one last shown)."""
        self._viewer = viewer
        self.title.setText(f"Back office  ·  {viewer.name}")
        if title is not None and self.sections.tabText(self.sections.currentIndex()) != title:
            self.sections.setCurrentWidget(self.section(title))  # activates it
        else:
            self._activate_current()

    def stop(self) -> None:
        """The till is closing: sections with long work running (a report, an import)
        cancel it, so closing does not wait for it to finish."""
        for index in range(self.sections.count()):
            stop = getattr(self.sections.widget(index), "stop", None)
            if callable(stop):
                stop()

    @Slot()
    def _activate_current(self) -> None:
        section = self.sections.currentWidget()
        if self._viewer is not None and isinstance(section, OfficeSection):
            section.activate(self._viewer)
