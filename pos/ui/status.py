"""The status bar: database and printer state, and whether work is running."""

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QLabel, QStatusBar

from pos.domain.errors import PosError
from pos.services.health import DatabaseHealth, HealthService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import named

HEALTH_CHECK_INTERVAL_MS = 30_000


class TillStatusBar(QStatusBar):
    def __init__(self, health: HealthService, tasks: TaskRunner, printer: str) -> None:
        super().__init__()
        named(self, "Status bar")
        self._health = health
        self._tasks = tasks
        self.database_label = named(QLabel("Database: checking…"), "Database state")
        self.printer_label = named(QLabel(self._printer_text(printer)), "Printer state")
        self.busy_label = QLabel("")
        self.addPermanentWidget(self.busy_label)
        self.addPermanentWidget(self.database_label)
        self.addPermanentWidget(self.printer_label)
        tasks.sig_pending_changed.connect(self._show_busy)
        self._timer = QTimer(self)
        self._timer.setInterval(HEALTH_CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check_database)
        self._timer.start()

    @staticmethod
    def _printer_text(printer: str) -> str:
        return "Printer: none configured" if printer == "none" else f"Printer: {printer}"

    def show_printer(self, text: str) -> None:
        """The print queue's one-line state ("Printer: online", "Printer: out of paper...")."""
        self.printer_label.setText(text)

    @Slot()
    def check_database(self) -> None:
        self._tasks.submit(Lane.DB_READ, self._health.check_database, self._show_health,
                           self._show_failure)

    def _show_health(self, health: DatabaseHealth) -> None:
        state = "connected" if health.ok else "NOT REACHABLE"
        self.database_label.setText(f"Database: {health.backend} {state} ({health.detail})")
        self.database_label.setProperty("severity", "info" if health.ok else "error")

    def _show_failure(self, error: PosError) -> None:
        self.database_label.setText(f"Database: error ({error.message})")

    @Slot(int)
    def _show_busy(self, pending: int) -> None:
        self.busy_label.setText("Working…" if pending else "")

    def stop(self) -> None:
        self._timer.stop()
