"""The back office's printer page: the printer's state, what waits in the print queue, a
test page, failed receipts sent again, and any receipt previewed exactly as it prints.

Asking the printer takes up to a few seconds (its timeout), so it runs on the printer
lane; queue reads and writes go on the database lanes. The printer itself is chosen with
POS_RECEIPT_PRINTER and POS_PRINTER_PROFILE (CONTRACTS.md), else on the Settings page;
this page shows which.
"""

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError
from pos.services.print_jobs import PrintJobInfo
from pos.services.printing import PrinterStatus, PrintService
from pos.services.till_session import Cashier
from pos.ui.tables import fill_rows, list_table
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

QUEUE_COLUMNS = ("Job", "What", "Status", "Tries", "Why")
NOT_CONFIGURED = ("No receipt printer is set up. Set POS_RECEIPT_PRINTER (tcp://, usb://, "
                  "serial://, cups://, file://) or choose one under Settings, and restart the "
                  "till; receipts can still be previewed here.")


class PrinterSection(QWidget):
    def __init__(self, printing: PrintService, tasks: TaskRunner,
                 wake_queue: Callable[[], None]) -> None:
        super().__init__()
        self._printing = printing
        self._tasks = tasks
        self._wake_queue = wake_queue
        self.status = named(QLabel("Checking the printer..."), "Receipt printer state")
        self.status.setWordWrap(True)
        self.check = named(QPushButton("Check printer"), "Check printer")
        self.test_page = named(QPushButton("Print test page"), "Print test page")
        self.retry = named(QPushButton("Send failed receipts again"), "Retry failed receipts")
        for button in (self.test_page, self.retry):
            button.setEnabled(printing.configured)
        self.queue = list_table("Print queue", QUEUE_COLUMNS)
        self.receipt_number = named(QLineEdit(), "Preview receipt number")
        self.receipt_number.setPlaceholderText("Receipt number (empty: this till's last)")
        self.show_preview = named(QPushButton("Preview"), "Show receipt preview")
        self.preview = named(QPlainTextEdit(), "Receipt preview")
        self.preview.setReadOnly(True)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.preview.setFont(mono)
        self.message = message_label("Printer message")
        self._lay_out()
        self.check.clicked.connect(self._check)
        self.test_page.clicked.connect(self._print_test_page)
        self.retry.clicked.connect(self._retry)
        self.show_preview.clicked.connect(self._preview)
        self.receipt_number.returnPressed.connect(self._preview)

    def _lay_out(self) -> None:
        printer = QGroupBox("Receipt printer")
        left = QVBoxLayout(printer)
        left.addWidget(self.status)
        buttons = QHBoxLayout()
        for button in (self.check, self.test_page, self.retry):
            buttons.addWidget(button)
        left.addLayout(buttons)
        left.addWidget(QLabel("Waiting, held or failed print jobs"))
        left.addWidget(self.queue, stretch=1)
        left.addWidget(self.message)
        receipt = QGroupBox("Receipt preview")
        right = QVBoxLayout(receipt)
        row = QHBoxLayout()
        row.addWidget(self.receipt_number, stretch=1)
        row.addWidget(self.show_preview)
        right.addLayout(row)
        right.addWidget(self.preview, stretch=1)
        layout = QHBoxLayout(self)
        layout.addWidget(printer, stretch=3)
        layout.addWidget(receipt, stretch=2)

    def activate(self, viewer: Cashier) -> None:
        if not self._printing.configured:
            self.status.setText(NOT_CONFIGURED)
        self._check()
        self._preview()

    @Slot()
    def _check(self) -> None:
        if self._printing.configured:
            self.status.setText("Asking the printer...")
            self._tasks.submit(Lane.PRINTER, self._printing.printer_status, self._show_status,
                               self._failed)
        self._tasks.submit(Lane.DB_READ, self._printing.pending_jobs, self._show_queue,
                           self._failed)

    def _show_status(self, status: PrinterStatus) -> None:
        checked = (f", checked {status.checked_at.astimezone():%H:%M:%S}"
                   if status.checked_at is not None else "")
        self.status.setText(f"{status.printer}: {status.text}{checked}")

    def _show_queue(self, jobs: tuple[PrintJobInfo, ...]) -> None:
        fill_rows(self.queue, (
            (str(job.id), job.kind.replace("_", " ") + (" (gift)" if job.gift else ""),
             job.status, str(job.attempts), job.error)
            for job in jobs
        ))

    @Slot()
    def _print_test_page(self) -> None:
        self._tasks.submit(Lane.DB_WRITE, self._printing.print_test_page,
                           lambda _job: self._sent("test page sent to the printer"),
                           self._failed)

    @Slot()
    def _retry(self) -> None:
        self._tasks.submit(Lane.DB_WRITE, self._printing.retry_failed,
                           lambda count: self._sent(f"{count} failed job(s) sent again"),
                           self._failed)

    def _sent(self, text: str) -> None:
        self._wake_queue()
        show_message(self.message, text, error=False)
        self._check()

    @Slot()
    def _preview(self) -> None:
        number = self.receipt_number.text()
        self._tasks.submit(Lane.DB_READ, lambda: self._printing.preview_receipt(number),
                           self.preview.setPlainText, self._preview_failed)

    def _preview_failed(self, error: PosError) -> None:
        self.preview.setPlainText("")
        show_message(self.message, error.message)

    def _failed(self, error: PosError) -> None:
        show_message(self.message, error.message)
