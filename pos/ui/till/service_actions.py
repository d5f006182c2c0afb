"""Keeping our word at the till: the customer's open `Promises`, `Log complaint` and
`Rate this visit` for the sale just completed."""

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QListWidgetItem

from pos.domain.complaints import CATEGORIES, ComplaintItem
from pos.domain.errors import PosError, UserError
from pos.domain.promises import PromiseItem
from pos.services.checkout import CompletedSale
from pos.services.complaints import ComplaintService
from pos.services.promises import PromiseService
from pos.services.ratings import RatingService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.sale_controller import SaleController
from pos.ui.till.screen import TillScreen
from pos.ui.widgets import show_message


def parse_complaint(text: str) -> tuple[str, str]:
    """ "product_fault: the handle came off" -> (category, what they said)."""
    category, _, said = text.partition(":")
    category = category.strip().lower().replace(" ", "_")
    if category not in CATEGORIES or not said.strip():
        raise UserError(f"type a category ({', '.join(CATEGORIES)}), a colon, then what "
                        "they said")
    return category, said.strip()


class ServiceActions(QObject):
    sig_follow_ups_changed = Signal()
    """A complaint added a follow-up, or a marked promise closed one: the queue is stale."""
    sig_open_items_changed = Signal()
    """A promise was marked or a complaint logged: the customer panel and greeting are stale."""

    def __init__(
        self, screen: TillScreen, sale: SaleController, promises: PromiseService,
        complaints: ComplaintService, ratings: RatingService, tasks: TaskRunner,
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._sale = sale
        self._promises = promises
        self._complaints = complaints
        self._ratings = ratings
        self._tasks = tasks
        self._cashier_id: int | None = None
        self._last_sale: CompletedSale | None = None
        screen.buttons["Log complaint"].setEnabled(True)
        screen.buttons["Log complaint"].setToolTip("")
        screen.promises.itemActivated.connect(self._mark_promise)
        screen.rate_visit.activated.connect(self._rate)
        sale.sig_sale_completed.connect(self._remember_sale)

    def start(self, cashier_id: int) -> None:
        self._cashier_id = cashier_id

    @Slot(object)
    def _remember_sale(self, sale: CompletedSale) -> None:
        self._last_sale = sale
        self._screen.rate_visit.setEnabled(True)
        self._screen.rate_visit.setCurrentIndex(0)

    def show_promises_of(self, customer_id: int | None) -> None:
        if customer_id is None:
            self._show_promises(())
            return
        self._tasks.submit(Lane.DB_READ, lambda: self._promises.open_for(customer_id),
                           self._show_promises, self._failed)

    def _show_promises(self, promises: tuple[PromiseItem, ...]) -> None:
        widget = self._screen.promises
        widget.clear()
        for promise in promises:
            item = QListWidgetItem(f"{promise.due_on:%d %b}: {promise.text}")
            item.setData(Qt.ItemDataRole.UserRole, promise.id)
            widget.addItem(item)

    @Slot(QListWidgetItem)
    def _mark_promise(self, item: QListWidgetItem) -> None:
        promise_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._screen.prompt.ask(
            "Promise kept? k kept, b broken, then a note:",
            lambda text: self._record_promise(promise_id, text),
            return_focus=self._screen.promises,
        )

    def _record_promise(self, promise_id: int, text: str) -> None:
        answer, _, note = text.strip().partition(" ")
        if answer.lower() not in ("k", "b"):
            self._failed(UserError("type k (kept) or b (broken), then a note"))
            return
        kept = answer.lower() == "k"
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._promises.mark(promise_id, kept, note.strip()),
            self._marked, self._failed,
        )

    def _marked(self, promise: PromiseItem) -> None:
        show_message(self._screen.message, f"promise marked {promise.status}", error=False)
        self.show_promises_of(promise.customer_id)
        self.sig_follow_ups_changed.emit()
        self.sig_open_items_changed.emit()

    @Slot()
    def log_complaint(self) -> None:
        customer_id = self._sale.customer_id
        sale = self._last_sale
        if customer_id is None and sale is not None:
            customer_id = sale.customer_id
        self._screen.prompt.ask(
            f"Complaint ({', '.join(CATEGORIES)}): category: what they said",
            lambda text: self._log(customer_id, sale.id if sale else None, text),
            return_focus=self._screen.product_entry,
        )

    def _log(self, customer_id: int | None, sale_id: int | None, text: str) -> None:
        cashier_id = self._cashier_id
        assert cashier_id is not None
        try:
            category, said = parse_complaint(text)
        except UserError as error:
            self._failed(error)
            return
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._complaints.log(customer_id, sale_id, None, category, said, "medium",
                                         cashier_id, cashier_id),
            self._logged, self._failed,
        )

    def _logged(self, complaint: ComplaintItem) -> None:
        show_message(self._screen.message, "complaint logged; a follow-up is in the queue to "
                     "check they are satisfied", error=False)
        if complaint.follow_up_id is not None:
            self.sig_follow_ups_changed.emit()
        self.sig_open_items_changed.emit()

    @Slot(int)
    def _rate(self, index: int) -> None:
        sale = self._last_sale
        if index <= 0 or sale is None:
            return
        self._record_rating(sale, 6 - index, "cashier")  # the list runs five stars to one

    @Slot(int)
    def rate_from_display(self, stars: int) -> None:
        """The customer rated the visit on the customer display."""
        if self._last_sale is not None:
            self._record_rating(self._last_sale, stars, "display")

    def _record_rating(self, sale: CompletedSale, stars: int, source: str) -> None:
        self._tasks.submit(Lane.DB_WRITE, lambda: self._ratings.rate(sale.id, stars,
                                                                     source=source),
                           lambda _rating: self._rated(stars, source), self._failed)

    def _rated(self, stars: int, source: str) -> None:
        who = "the customer rated the visit" if source == "display" else "visit rated"
        show_message(self._screen.message, f"{who} {stars} of 5; thank you", error=False)

    def _failed(self, error: PosError) -> None:
        show_message(self._screen.message, error.message)
