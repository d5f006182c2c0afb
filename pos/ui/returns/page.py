"""Return against a receipt: find the sale, choose what comes back, refund it."""

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError
from pos.domain.money import format_minor
from pos.services.returns import CompletedReturn, RefundMethod, ReturnableSale, ReturnsService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

COLUMNS = ("Item", "Bought", "Already returned", "Paid each", "Return")


class ReturnPage(QWidget):
    sig_done = Signal(object)  # CompletedReturn
    sig_back = Signal()

    def __init__(self, returns: ReturnsService, tasks: TaskRunner) -> None:
        super().__init__()
        self._returns = returns
        self._tasks = tasks
        self._cashier_id: int | None = None
        self._sale: ReturnableSale | None = None
        title = QLabel("Return")
        title.setProperty("role", "title")
        self.receipt = named(QLineEdit(), "Receipt number")
        self.receipt.setPlaceholderText("Scan the receipt's barcode or type its number (R1-000123)")
        self.receipt.setProperty("role", "entry")
        self.summary = named(QLabel(""), "Original sale")
        self.lines = named(QTableWidget(0, len(COLUMNS)), "Return lines")
        self.lines.setHorizontalHeaderLabels(list(COLUMNS))
        self.lines.horizontalHeader().setStretchLastSection(False)
        self.lines.setColumnWidth(0, 380)
        self.to_original = named(QRadioButton("Refund to the original payment"), "Refund original")
        self.to_credit = named(QRadioButton("Refund as store credit"), "Refund store credit")
        self.to_original.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.to_original)
        group.addButton(self.to_credit)
        self.reason = named(QLineEdit(), "Return reason")
        self.reason.setPlaceholderText("Reason (optional with a receipt)")
        self.refund = named(QPushButton("Refund  [Ctrl+Return]"), "Refund")
        self.refund.setShortcut("Ctrl+Return")
        back = named(QPushButton("Back to the till  [Esc]"), "Back to till")
        back.setShortcut("Esc")
        self.message = message_label("Return message")

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.receipt)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, stretch=1)
        options = QHBoxLayout()
        options.addWidget(self.to_original)
        options.addWidget(self.to_credit)
        options.addWidget(self.reason, stretch=1)
        layout.addLayout(options)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(self.refund)
        layout.addLayout(buttons)
        self.receipt.returnPressed.connect(self._find)
        self.refund.clicked.connect(self._refund)
        back.clicked.connect(self.sig_back.emit)

    def start(self, cashier_id: int) -> None:
        self._cashier_id = cashier_id
        self._sale = None
        self.receipt.clear()
        self.reason.clear()
        self.summary.setText("")
        self.lines.setRowCount(0)
        self.refund.setEnabled(False)
        show_message(self.message, "")
        self.receipt.setFocus()

    @Slot()
    def _find(self) -> None:
        number = self.receipt.text()
        self._tasks.submit(Lane.DB_READ, lambda: self._returns.find_sale(number),
                           self._show_sale, self._failed)

    def _show_sale(self, sale: ReturnableSale) -> None:
        self._sale = sale
        when = sale.completed_at.astimezone().strftime("%d %b %Y %H:%M")
        paid = ", ".join(f"{p.method} {format_minor(p.amount_minor)}" for p in sale.payments)
        self.summary.setText(f"{sale.receipt_number}  ·  {when}  ·  "
                             f"{format_minor(sale.total_minor)}  ·  paid {paid}")
        self.lines.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            cells = (line.name, str(line.quantity_sold), str(line.quantity_returned),
                     format_minor(line.unit_paid_minor))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.lines.setItem(row, column, item)
            spin = named(QSpinBox(), f"Return quantity {row + 1}")
            spin.setRange(0, line.quantity_returnable)
            spin.setValue(line.quantity_returnable)
            self.lines.setCellWidget(row, 4, spin)
        self.refund.setEnabled(not sale.fully_returned)
        if sale.fully_returned:
            show_message(self.message, "everything on this receipt has already been returned")
        else:
            show_message(self.message, "")
            first = self.lines.cellWidget(0, 4)
            if first is not None:
                first.setFocus()

    def requested(self) -> dict[int, int]:
        """Line number -> quantity to return, for lines with a quantity."""
        assert self._sale is not None
        chosen = {}
        for row, line in enumerate(self._sale.lines):
            spin = self.lines.cellWidget(row, 4)
            assert isinstance(spin, QSpinBox)
            if spin.value():
                chosen[line.line_no] = spin.value()
        return chosen

    @Slot()
    def _refund(self) -> None:
        if self._sale is None or self._cashier_id is None:
            return
        number, cashier_id, reason = self._sale.receipt_number, self._cashier_id, self.reason.text()
        requested = self.requested()
        method: RefundMethod = "store_credit" if self.to_credit.isChecked() else "original"
        self.refund.setEnabled(False)
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._returns.return_items(number, requested, method, cashier_id, reason),
            self._done, self._failed,
        )

    def _done(self, completed: CompletedReturn) -> None:
        self.sig_done.emit(completed)

    def _failed(self, error: PosError) -> None:
        self.refund.setEnabled(self._sale is not None)
        show_message(self.message, error.message)
