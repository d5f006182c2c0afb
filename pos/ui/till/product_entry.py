"""The `Scan or search product` line edit: tells a scanner's burst from typing.

A keyboard-wedge scanner types the whole code and Enter within a few milliseconds. The
entry notes when each character arrived: Enter after a burst (every gap under
`BURST_GAP_MS`) is a scan and is looked up at once, never searched; typing slower
than that is a search, debounced, with results updating as you type. "3*" before a
code or search sets the quantity.
"""

import re
import time

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

BURST_GAP_MS = 35
SEARCH_DEBOUNCE_MS = 120
QUANTITY_PREFIX = re.compile(r"^\s*(\d{1,6})\s*\*\s*(.*)$")


def split_quantity(text: str) -> tuple[int, str]:
    """("3*5012345678900") -> (3, "5012345678900"); no prefix -> (1, text)."""
    match = QUANTITY_PREFIX.match(text)
    if match is None:
        return 1, text.strip()
    return int(match.group(1)), match.group(2).strip()


class ProductEntry(QLineEdit):
    sig_scanned = Signal(str, int)  # code, quantity: a scanner burst, or Enter on a code
    sig_search = Signal(str)  # debounced search text
    sig_enter = Signal(str, int)  # Enter after typing: pick a result or look the text up
    sig_down = Signal()  # move into the results

    def __init__(self) -> None:
        super().__init__()
        self._last_key_at: float | None = None
        self._burst = True
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit_search)
        self.textEdited.connect(self._on_edited)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_enter()
            return
        if key == Qt.Key.Key_Down:
            self.sig_down.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.clear_entry()
            return
        if event.text():
            now = time.monotonic()
            if not self.text():
                self._burst = True
            elif self._last_key_at is not None and (now - self._last_key_at) * 1000 > BURST_GAP_MS:
                self._burst = False
            self._last_key_at = now
        super().keyPressEvent(event)

    @Slot(str)
    def _on_edited(self, text: str) -> None:
        if not text:
            self._debounce.stop()
            self.sig_search.emit("")
            return
        self._debounce.start()

    @Slot()
    def _emit_search(self) -> None:
        quantity, text = split_quantity(self.text())
        del quantity
        if not self._burst or not text.isdigit():
            self.sig_search.emit(text)

    def _on_enter(self) -> None:
        self._debounce.stop()
        quantity, text = split_quantity(self.text())
        if not text:
            return
        scanned = self._burst and len(text) >= 4
        # Hand the text over before clearing: clearing also clears the search results
        # that Enter may be picking from.
        if scanned:
            self.sig_scanned.emit(text, quantity)
        else:
            self.sig_enter.emit(text, quantity)
        self.clear_entry()

    def clear_entry(self) -> None:
        self._debounce.stop()
        self._last_key_at = None
        self._burst = True
        self.clear()
        self.sig_search.emit("")
