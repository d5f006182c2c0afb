"""Close the shift (Z): the X report, the drawer counted by denomination, the difference."""

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos.domain.cash import DENOMINATIONS_GBP, count_cash
from pos.domain.errors import PosError
from pos.domain.money import format_minor
from pos.services.shifts import ShiftReport, ShiftService, ZReport
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

TENDER_NAMES = {"cash": "Cash", "card": "Card", "voucher": "Vouchers",
                "store_credit": "Store credit"}


class ShiftClosePage(QWidget):
    """Shows where the shift stands; counting the drawer and closing makes the Z report."""

    sig_closed = Signal(object)  # ZReport
    sig_back = Signal()

    def __init__(self, shifts: ShiftService, tasks: TaskRunner) -> None:
        super().__init__()
        self._shifts = shifts
        self._tasks = tasks
        self._cashier_id: int | None = None
        self._report: ShiftReport | None = None
        title = QLabel("Close the shift")
        title.setProperty("role", "title")
        self.report_view = named(QLabel("Loading…"), "Shift report")
        self.report_view.setTextFormat(Qt.TextFormat.PlainText)
        self.counts: dict[int, QSpinBox] = {}
        count_box = named(QGroupBox("Count the drawer"), "Cash count")
        grid = QGridLayout(count_box)
        for index, denomination in enumerate(DENOMINATIONS_GBP):
            spin = named(QSpinBox(), f"Count of {format_minor(denomination)}")
            spin.setRange(0, 100_000)
            spin.valueChanged.connect(self._update_difference)
            self.counts[denomination] = spin
            grid.addWidget(QLabel(format_minor(denomination)), index % 6, (index // 6) * 2)
            grid.addWidget(spin, index % 6, (index // 6) * 2 + 1)
        self.difference = named(QLabel(""), "Cash difference")
        self.difference.setProperty("role", "total")
        self.close_button = named(QPushButton("Close shift (Z)  [Ctrl+Return]"), "Close shift")
        self.close_button.setShortcut("Ctrl+Return")
        back = named(QPushButton("Back to the till  [Esc]"), "Back to till")
        back.setShortcut("Esc")
        self.message = message_label("Shift message")

        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        body = QHBoxLayout()
        body.addWidget(self.report_view, stretch=1)
        side = QVBoxLayout()
        side.addWidget(count_box)
        form = QFormLayout()
        form.addRow("Counted - expected", self.difference)
        side.addLayout(form)
        body.addLayout(side, stretch=1)
        layout.addLayout(body)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.close_button.clicked.connect(self._close)
        back.clicked.connect(self.sig_back.emit)

    def load(self, cashier_id: int) -> None:
        self._cashier_id = cashier_id
        for spin in self.counts.values():
            spin.setValue(0)
        show_message(self.message, "")
        self._tasks.submit(Lane.DB_READ, self._shifts.x_report, self._show_report,
                           self._failed)
        next(iter(self.counts.values())).setFocus()

    def _show_report(self, report: ShiftReport) -> None:
        self._report = report
        self.report_view.setText(describe(report))
        self._update_difference()

    @Slot()
    def _update_difference(self) -> None:
        if self._report is None:
            return
        counted = count_cash({d: spin.value() for d, spin in self.counts.items()})
        difference = counted - self._report.expected_cash_minor
        self.difference.setText(
            f"{format_minor(counted)} - {format_minor(self._report.expected_cash_minor)} = "
            f"{format_minor(difference)}"
        )

    @Slot()
    def _close(self) -> None:
        cashier_id = self._cashier_id
        assert cashier_id is not None
        counts = {d: spin.value() for d, spin in self.counts.items()}
        self.close_button.setEnabled(False)
        self._tasks.submit(Lane.DB_WRITE, lambda: self._shifts.close_shift(cashier_id, counts),
                           self._closed, self._failed)

    def _closed(self, z_report: ZReport) -> None:
        self.close_button.setEnabled(True)
        self.sig_closed.emit(z_report)

    def _failed(self, error: PosError) -> None:
        self.close_button.setEnabled(True)
        show_message(self.message, error.message)


def describe(report: ShiftReport) -> str:
    """The X report as plain text (screen now; the receipt printer later)."""
    opened = report.opened_at.astimezone().strftime("%d %b %Y %H:%M")
    lines = [
        f"Till {report.register_code}, opened {opened} by {report.opened_by_name}",
        f"Sales: {report.sales_count}  ({format_minor(report.sales_total_minor)})",
        f"Returns: {report.returns_count}  ({format_minor(report.returns_total_minor)})",
        "",
    ]
    for tender in report.tenders:
        lines.append(
            f"{TENDER_NAMES.get(tender.method, tender.method):14} "
            f"taken {format_minor(tender.taken_minor):>10}   "
            f"refunded {format_minor(tender.refunded_minor):>9}"
        )
    lines += [
        "",
        f"Opening float    {format_minor(report.opening_float_minor):>10}",
        f"Cash from sales  {format_minor(report.cash_sales_minor):>10}",
        f"Cash refunds     {format_minor(-report.cash_refunds_minor):>10}",
        f"Cash in          {format_minor(report.cash_in_minor):>10}",
        f"Cash out         {format_minor(-report.cash_out_minor):>10}",
        f"Expected in drawer {format_minor(report.expected_cash_minor):>8}",
        f"No-sale openings: {report.no_sale_count}",
    ]
    return "\n".join(lines)
