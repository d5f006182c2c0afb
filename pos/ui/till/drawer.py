"""The cash drawer outside sales: no-sale opening, cash in, cash out."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from pos.domain.errors import PosError, UserError
from pos.domain.money import format_minor
from pos.domain.tender import parse_tendered
from pos.services.shifts import CashMovementRecord, ShiftService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.screen import TillScreen
from pos.ui.widgets import show_message


def split_amount_and_reason(text: str) -> tuple[int, str]:
    """ "20.00 float top-up" -> (2000, "float top-up")."""
    amount, _, reason = text.strip().partition(" ")
    if not amount:
        raise UserError("type the amount and why, e.g. 20.00 banking drop")
    return parse_tendered(amount), reason.strip()


class DrawerActions(QObject):
    def __init__(self, screen: TillScreen, shifts: ShiftService, tasks: TaskRunner,
                 printer_configured: bool, kick: Callable[[], None]) -> None:
        super().__init__(screen)
        self._screen = screen
        self._shifts = shifts
        self._tasks = tasks
        self._printer_configured = printer_configured
        self._kick = kick
        self._cashier_id: int | None = None
        screen.buttons["Open drawer"].setEnabled(True)
        screen.buttons["Open drawer"].setToolTip("")

    def start(self, cashier_id: int) -> None:
        self._cashier_id = cashier_id

    def _ask(self, question: str, on_answer: Callable[[str], None]) -> None:
        self._screen.prompt.ask(question, on_answer, return_focus=self._screen.product_entry)

    @Slot()
    def open_drawer(self) -> None:
        self._ask("Why open the drawer without a sale? (optional)", self._no_sale)

    def _no_sale(self, reason: str) -> None:
        cashier_id = self._cashier_id
        assert cashier_id is not None
        self._tasks.submit(Lane.DB_WRITE, lambda: self._shifts.no_sale(cashier_id, reason),
                           self._recorded, self._failed)

    @Slot()
    def cash_in(self) -> None:
        self._ask("Cash put in: amount and why (e.g. 20.00 change from bank):",
                  lambda text: self._movement(text, self._shifts.cash_in))

    @Slot()
    def cash_out(self) -> None:
        self._ask("Cash taken out: amount and why (e.g. 50.00 banking drop):",
                  lambda text: self._movement(text, self._shifts.cash_out))

    def _movement(
        self, text: str, record: Callable[[int, int, str], CashMovementRecord]
    ) -> None:
        cashier_id = self._cashier_id
        assert cashier_id is not None
        try:
            amount, reason = split_amount_and_reason(text)
        except UserError as error:
            self._failed(error)
            return
        self._tasks.submit(Lane.DB_WRITE, lambda: record(cashier_id, amount, reason),
                           self._recorded, self._failed)

    def _recorded(self, movement: CashMovementRecord) -> None:
        if movement.kind == "no_sale":
            self._kick()
            text = "no-sale recorded; " + (
                "drawer opening" if self._printer_configured
                else "no receipt printer is set up, so open the drawer by hand"
            )
        else:
            word = "in" if movement.kind == "in" else "out"
            text = f"cash {word} {format_minor(movement.amount_minor)} recorded ({movement.reason})"
        show_message(self._screen.message, text, error=False)

    def _failed(self, error: PosError) -> None:
        show_message(self._screen.message, error.message)
