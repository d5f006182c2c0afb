"""Customer search as you type for the back office: debounced, in the background, and the
latest text wins (an answer to older text is dropped)."""

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QLineEdit

from pos.domain.errors import PosError
from pos.services.customer_types import CustomerHit
from pos.services.customers import CustomerService
from pos.ui.tasks import Lane, TaskRunner

DEBOUNCE_MS = 150


class LiveSearch(QObject):
    """Searches `entry`'s text `DEBOUNCE_MS` after the last keystroke (at once on Return)."""

    def __init__(
        self, entry: QLineEdit, customers: CustomerService, tasks: TaskRunner,
        on_found: Callable[[tuple[CustomerHit, ...]], None],
        on_error: Callable[[PosError], None],
    ) -> None:
        super().__init__(entry)
        self._entry = entry
        self._customers = customers
        self._tasks = tasks
        self._on_found = on_found
        self._on_error = on_error
        self._task: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        entry.textEdited.connect(self._timer.start)
        entry.returnPressed.connect(self.run)

    @Slot()
    def run(self) -> None:
        """Search now for the entry's text (an empty text finds nobody)."""
        self._timer.stop()
        if self._task is not None:
            self._tasks.forget(self._task)
            self._task = None
        text = self._entry.text()
        if not text.strip():
            self._on_found(())
            return
        self._task = self._tasks.submit(
            Lane.DB_READ, lambda: self._customers.search(text), self._found, self._on_error
        )

    def _found(self, hits: tuple[CustomerHit, ...]) -> None:
        self._task = None
        self._on_found(hits)
