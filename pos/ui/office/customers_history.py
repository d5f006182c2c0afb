"""A customer's full history in the back office: every sale and return, newest first, a
page at a time, and the receipt of the one chosen printed again."""

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError
from pos.domain.money import format_minor
from pos.services.customer_types import PastSale
from pos.services.customers import CustomerService
from pos.services.print_jobs import PrintJobInfo
from pos.services.printing import PrintService
from pos.ui.tables import list_table
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import named, show_message

HISTORY_COLUMNS = ("Date", "Receipt", "Kind", "Items", "Total")
PAGE = 20
NO_PRINTER = "No receipt printer is set up (POS_RECEIPT_PRINTER)"


def history_row(sale: PastSale) -> tuple[str, ...]:
    """A sale as the table shows it, its time in the shop's local time."""
    return (f"{sale.completed_at.astimezone():%d %b %Y %H:%M}", sale.receipt_number, sale.kind,
            str(sale.items), format_minor(sale.total_minor))


class CustomerHistoryView(QWidget):
    def __init__(
        self, customers: CustomerService, printing: PrintService, tasks: TaskRunner,
        message: QLabel, wake_printer: Callable[[], None],
    ) -> None:
        super().__init__()
        self._customers = customers
        self._printing = printing
        self._tasks = tasks
        self._message = message
        self._wake_printer = wake_printer
        self._customer_id: int | None = None
        self._sales: list[PastSale] = []
        self.table = list_table("Customer history", HISTORY_COLUMNS, fit_contents=True)
        self.more = named(QPushButton("Show more history"), "Show more history")
        # The till has its own "Reprint receipt": this one needs a name of its own.
        self.reprint = named(QPushButton("Reprint receipt"), "Reprint customer receipt")
        self.reprint.setEnabled(printing.configured)
        self.reprint.setToolTip("Print the chosen sale's receipt again, marked COPY"
                                if printing.configured else NO_PRINTER)
        buttons = QHBoxLayout()
        buttons.addWidget(self.more)
        buttons.addStretch(1)
        buttons.addWidget(self.reprint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(buttons)
        self.more.clicked.connect(self._load_more)
        self.reprint.clicked.connect(self._reprint)
        self.show_history(None, ())

    def show_history(self, customer_id: int | None, first_page: tuple[PastSale, ...]) -> None:
        """Show `customer_id`'s first page (None: nobody, an empty table)."""
        self._customer_id = customer_id
        self._sales = []
        self.table.setRowCount(0)
        self._append(first_page)

    def _append(self, sales: tuple[PastSale, ...]) -> None:
        start = len(self._sales)
        self._sales.extend(sales)
        self.table.setRowCount(len(self._sales))
        for row, sale in enumerate(sales, start):
            for column, text in enumerate(history_row(sale)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.more.setEnabled(self._customer_id is not None and len(sales) == PAGE)

    @Slot()
    def _load_more(self) -> None:
        customer_id, offset = self._customer_id, len(self._sales)
        if customer_id is None:
            return
        self.more.setEnabled(False)
        self._tasks.submit(
            Lane.DB_READ,
            lambda: self._customers.history(customer_id, offset=offset, limit=PAGE),
            lambda sales: self._more_loaded(customer_id, sales), self._failed,
        )

    def _more_loaded(self, customer_id: int, sales: tuple[PastSale, ...]) -> None:
        if customer_id == self._customer_id:
            self._append(sales)

    @Slot()
    def _reprint(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._sales):
            show_message(self._message, "choose a sale in the customer's history first")
            return
        sale = self._sales[row]
        self._tasks.submit(Lane.DB_WRITE, lambda: self._printing.reprint(sale.id),
                           lambda job: self._reprinted(sale, job), self._failed)

    def _reprinted(self, sale: PastSale, _job: PrintJobInfo) -> None:
        self._wake_printer()
        show_message(self._message, f"Receipt {sale.receipt_number} sent to the printer again",
                     error=False)

    def _failed(self, error: PosError) -> None:
        show_message(self._message, error.message)
