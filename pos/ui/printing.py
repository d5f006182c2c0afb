"""The printer at the till: receipts after each sale, Reprint receipt, the drawer, and
the printer's state in the status bar.

The print queue runs on its own thread (`PrintQueueThread`); its status reports arrive
here through a queued signal, so the status bar is only touched on the GUI thread.
Recording a print job is a database write and goes on the writer lane; the sale is
always committed before, whatever the printer does.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from pos.domain.errors import PosError
from pos.services.checkout import CompletedSale
from pos.services.print_thread import PrintQueueThread
from pos.services.printing import PrinterStatus, PrintJobInfo, PrintService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.screen import TillScreen
from pos.ui.widgets import show_message


class PrinterActions(QObject):
    _sig_status = Signal(object)

    def __init__(
        self, screen: TillScreen, printing: PrintService, tasks: TaskRunner,
        show_status_text: Callable[[str], None],
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._printing = printing
        self._tasks = tasks
        self._show_status_text = show_status_text
        self._sig_status.connect(self._show_status)
        self._thread = PrintQueueThread(printing, on_status=self._sig_status.emit)
        for name in ("Reprint receipt",):
            screen.buttons[name].setEnabled(printing.configured)
            screen.buttons[name].setToolTip("" if printing.configured else
                                            "No receipt printer is set up (POS_RECEIPT_PRINTER)")

    def start(self) -> None:
        if self._printing.configured:
            self._thread.start()
            self._tasks.submit(Lane.PRINTER, self._printing.printer_status, self._show_status,
                               self._failed)

    def stop(self) -> None:
        if self._thread.running:
            self._thread.stop(timeout=5)

    @Slot(object, str)
    def sale_thanked(self, sale: CompletedSale, thank_you: str) -> None:
        """Record the receipt, with the customer's thank-you (and the drawer kick for
        cash), and for a sale holding a gift a gift receipt after it, as print jobs, then
        wake the queue."""
        if self._printing.configured:
            self._tasks.submit(
                Lane.DB_WRITE, lambda: self._enqueue_receipts(sale, thank_you),
                self._queued, self._failed,
            )

    def _enqueue_receipts(
        self, sale: CompletedSale, thank_you: str
    ) -> tuple[PrintJobInfo, ...]:
        """In the background: the sale's receipt, then its gift receipt when it has one."""
        jobs = self._printing.enqueue_receipt(sale.id, thank_you=thank_you)
        if sale.is_gift:
            jobs += self._printing.enqueue_receipt(sale.id, gift=True)
        return jobs

    @Slot()
    def reprint(self) -> None:
        self._tasks.submit(Lane.DB_WRITE, self._printing.reprint_last, self._queued,
                           self._failed)

    @Slot()
    def open_drawer(self) -> None:
        if self._printing.configured:
            self._tasks.submit(Lane.DB_WRITE, self._printing.open_drawer, self._queued,
                               self._failed)

    def wake(self) -> None:
        """Send what waits in the print queue now (after a job was recorded elsewhere)."""
        if self._thread.running:
            self._thread.wake()

    def _queued(self, _jobs: object) -> None:
        self.wake()

    @Slot(object)
    def _show_status(self, status: PrinterStatus) -> None:
        self._show_status_text(status.text)

    def _failed(self, error: PosError) -> None:
        show_message(self._screen.message, error.message)
