"""Park sale / Parked sales: put the sale aside, list what is parked, take one back."""

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QListWidgetItem

from pos.domain.errors import PosError
from pos.domain.money import format_minor
from pos.services.parking import ParkedSummary, ParkingService, ResumedCart
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.sale_controller import SaleController
from pos.ui.till.screen import TillScreen
from pos.ui.widgets import show_message


class ParkingActions(QObject):
    def __init__(
        self, screen: TillScreen, sale: SaleController, parking: ParkingService, tasks: TaskRunner
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._sale = sale
        self._parking = parking
        self._tasks = tasks
        self._cashier_id: int | None = None
        screen.buttons["Park sale"].setEnabled(True)
        screen.buttons["Park sale"].setToolTip("")
        screen.parked_sales.itemActivated.connect(self._resume)

    def start(self, cashier_id: int) -> None:
        self._cashier_id = cashier_id
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._tasks.submit(Lane.DB_READ, self._parking.list_parked, self._show, self._failed)

    @Slot()
    def park(self) -> None:
        if not self._sale.cart.lines:
            self._failed(PosError("there is nothing to park; scan an item first"))
            return
        self._screen.prompt.ask("Name for the parked sale (optional):", self._park_as,
                                return_focus=self._screen.product_entry)

    def _park_as(self, label: str) -> None:
        cart, cashier_id = self._sale.cart, self._cashier_id
        assert cashier_id is not None
        customer_id = self._sale.customer_id
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._parking.park(cart, cashier_id, customer_id, label),
            self._parked, self._failed,
        )

    def _parked(self, summary: ParkedSummary) -> None:
        self._sale.abandon()
        show_message(self._screen.message,
                     f"sale parked ({summary.item_count} items, "
                     f"{format_minor(summary.total_minor)}); Enter on it in Parked sales "
                     "to take it back", error=False)
        self.refresh()

    @Slot()
    def focus_list(self) -> None:
        parked = self._screen.parked_sales
        parked.setFocus()
        parked.setCurrentRow(max(parked.currentRow(), 0))

    @Slot(QListWidgetItem)
    def _resume(self, item: QListWidgetItem) -> None:
        if self._sale.cart.lines:
            self._failed(PosError("finish or park the sale on screen before taking one back"))
            return
        parked_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._tasks.submit(Lane.DB_WRITE, lambda: self._parking.resume(parked_id),
                           self._resumed, self._failed)

    def _resumed(self, resumed: ResumedCart) -> None:
        self._sale.replace_cart(resumed.cart, resumed.customer_id)
        show_message(self._screen.message, "parked sale taken back", error=False)
        self._screen.product_entry.setFocus()
        self.refresh()

    def _show(self, parked: tuple[ParkedSummary, ...]) -> None:
        widget = self._screen.parked_sales
        widget.clear()
        for summary in parked:
            when = summary.parked_at.astimezone().strftime("%H:%M")
            label = summary.label or f"{summary.item_count} items"
            item = QListWidgetItem(
                f"{when}  {label}  ·  {format_minor(summary.total_minor)}  ·  "
                f"{summary.cashier_name} (till {summary.register_code})"
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            widget.addItem(item)

    def _failed(self, error: PosError) -> None:
        show_message(self._screen.message, error.message)
        self.refresh()
