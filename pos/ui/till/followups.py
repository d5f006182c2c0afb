"""`Schedule follow-up` and the `Follow-up queue` at the till.

Scheduling takes two keystrokes: the shortcut, then 1 (tomorrow), 3, 7 or 30 days, or a
date, optionally followed by a note. It is for the customer on screen, or the customer of
the sale just completed (and linked to that sale).

Enter on a queue item records its outcome. The check that follows a complaint is where
the complaint is put right: the answer is the remedy (refund, replacement, ...) and a
note, which resolves the complaint and closes the check; it is asked for again until one
is given (n or m try again tomorrow instead).
"""

from datetime import date

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QListWidgetItem

from pos.domain.complaints import REMEDIES, ComplaintItem
from pos.domain.errors import PosError, UserError
from pos.domain.followups import FollowUpItem, Outcome, Preset
from pos.services.checkout import CompletedSale
from pos.services.complaints import ComplaintService
from pos.services.followups import FollowUpService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.sale_controller import SaleController
from pos.ui.till.screen import TillScreen
from pos.ui.widgets import show_message

PRESETS = {"1": Preset.TOMORROW, "3": Preset.IN_3_DAYS, "7": Preset.IN_A_WEEK,
           "30": Preset.IN_A_MONTH}
OUTCOMES = {"r": Outcome.REACHED, "n": Outcome.NO_ANSWER, "m": Outcome.LEFT_MESSAGE,
            "p": Outcome.PROBLEM_FOUND, "s": Outcome.NEW_SALE}
TRY_AGAIN = {"n": Outcome.NO_ANSWER, "m": Outcome.LEFT_MESSAGE}
REMEDY_QUESTION = (f"Complaint: how was it put right? {', '.join(REMEDIES)}, then a note "
                   "(n no answer, m left message: try again tomorrow):")


def parse_when(text: str) -> tuple[Preset | date, str]:
    """ "1 check the lamp works" -> (tomorrow, "check the lamp works"); a date works too."""
    first, _, note = text.strip().partition(" ")
    if first in PRESETS:
        return PRESETS[first], note.strip()
    try:
        return date.fromisoformat(first), note.strip()
    except ValueError:
        raise UserError(
            "type 1 (tomorrow), 3, 7 or 30 days, or a date like 2026-12-01, then a note"
        ) from None


class FollowUpActions(QObject):
    def __init__(
        self, screen: TillScreen, sale: SaleController, followups: FollowUpService,
        tasks: TaskRunner, complaints: ComplaintService | None = None,
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._sale = sale
        self._followups = followups
        self._complaints = complaints
        self._tasks = tasks
        self._cashier_id: int | None = None
        self._last_sale: CompletedSale | None = None
        self._items: tuple[FollowUpItem, ...] = ()
        screen.buttons["Schedule follow-up"].setEnabled(True)
        screen.buttons["Schedule follow-up"].setToolTip("")
        screen.follow_up_queue.itemActivated.connect(self._record)
        sale.sig_sale_completed.connect(self._remember_sale)

    def start(self, cashier_id: int) -> None:
        self._cashier_id = cashier_id
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._tasks.submit(Lane.DB_READ, self._load_queue, self._show, self._failed)

    def _load_queue(self) -> tuple[tuple[FollowUpItem, ...], date]:
        """In the background: the queue and the shop's today (both read the database)."""
        today = self._followups.today()
        return self._followups.queue(today, include_future=True), today

    @Slot(object)
    def _remember_sale(self, sale: CompletedSale) -> None:
        self._last_sale = sale

    @Slot(object, str)
    def after_sale(self, sale: CompletedSale, _thank_you: str = "") -> None:
        """Once the sale is saved and thanked: the owner's rules' follow-ups and the
        reminders of its gifts for next year (a sale for nobody in particular has none)."""
        if sale.customer_id is None:
            return
        cashier_id = self._cashier_id
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._followups.after_sale(sale.id, cashier_id),
            self._added_after_sale, self._failed,
        )

    def _added_after_sale(self, items: tuple[FollowUpItem, ...]) -> None:
        if items:
            self.refresh()

    def _target(self) -> tuple[int, int | None] | None:
        """(customer, sale): the customer on screen, else the last sale's customer."""
        if self._sale.customer_id is not None:
            return self._sale.customer_id, None
        if self._last_sale is not None and self._last_sale.customer_id is not None:
            return self._last_sale.customer_id, self._last_sale.id
        return None

    @Slot()
    def schedule(self) -> None:
        target = self._target()
        if target is None:
            self._failed(UserError("attach a customer first: a follow-up is for someone"))
            return
        customer_id, sale_id = target
        self._screen.prompt.ask(
            "Follow up in 1, 3, 7 or 30 days (or a date), then a note:",
            lambda text: self._schedule(customer_id, sale_id, text),
            return_focus=self._screen.product_entry,
        )

    def _schedule(self, customer_id: int, sale_id: int | None, text: str) -> None:
        cashier_id = self._cashier_id
        try:
            when, note = parse_when(text)
        except UserError as error:
            self._failed(error)
            return
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._followups.schedule(customer_id, when, "call", note, cashier_id,
                                             cashier_id, sale_id),
            self._scheduled, self._failed,
        )

    def _scheduled(self, item: FollowUpItem) -> None:
        show_message(self._screen.message,
                     f"follow-up for {item.customer_name} on {item.due_on:%a %d %b}", error=False)
        self.refresh()

    def _show(self, loaded: tuple[tuple[FollowUpItem, ...], date]) -> None:
        items, today = loaded
        self._items = items
        widget = self._screen.follow_up_queue
        widget.clear()
        for item in items:
            flag = "OVERDUE " if item.is_overdue(today) else ""
            entry = QListWidgetItem(
                f"{flag}{item.due_on:%d %b} {item.kind}: {item.customer_name} "
                f"{item.phone}  {item.why}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            widget.addItem(entry)

    @Slot(QListWidgetItem)
    def _record(self, entry: QListWidgetItem) -> None:
        follow_up_id = int(entry.data(Qt.ItemDataRole.UserRole))
        item = next((item for item in self._items if item.id == follow_up_id), None)
        if item is not None and item.source == "complaint" and self._complaints is not None:
            self._ask_remedy(follow_up_id)
            return
        self._screen.prompt.ask(
            "Outcome: r reached, n no answer, m left message, p problem found, s new sale:",
            lambda text: self._record_outcome(follow_up_id, text),
            return_focus=self._screen.follow_up_queue,
        )

    def _record_outcome(self, follow_up_id: int, text: str) -> None:
        key, _, note = text.strip().partition(" ")
        outcome = OUTCOMES.get(key.lower())
        if outcome is None:
            self._failed(UserError("type r, n, m, p or s for the outcome, then a note"))
            return
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._followups.record_outcome(follow_up_id, outcome, note.strip()),
            lambda _item: self.refresh(), self._failed,
        )

    def _ask_remedy(self, follow_up_id: int, initial: str = "") -> None:
        self._screen.prompt.ask(
            REMEDY_QUESTION, lambda text: self._resolve(follow_up_id, text), initial=initial,
            return_focus=self._screen.follow_up_queue,
        )

    def _resolve(self, follow_up_id: int, text: str) -> None:
        complaints = self._complaints
        assert complaints is not None
        key, _, note = text.strip().partition(" ")
        if key.lower() in TRY_AGAIN:
            outcome = TRY_AGAIN[key.lower()]
            self._tasks.submit(
                Lane.DB_WRITE,
                lambda: self._followups.record_outcome(follow_up_id, outcome, note.strip(),
                                                       Preset.TOMORROW),
                lambda _item: self.refresh(), self._failed,
            )
            return
        if key.lower() not in REMEDIES:
            # Closing the complaint needs the remedy: ask again, keeping what was typed.
            self._failed(UserError(
                f"say how the complaint was put right before closing it: {', '.join(REMEDIES)}"
            ))
            self._ask_remedy(follow_up_id, text)
            return
        remedy = key.lower()
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: complaints.resolve_follow_up(follow_up_id, remedy, note.strip()),
            self._resolved, self._failed,
        )

    def _resolved(self, complaint: ComplaintItem) -> None:
        who = complaint.customer_name or "the customer"
        show_message(self._screen.message,
                     f"complaint of {who} resolved ({complaint.remedy}); check done",
                     error=False)
        self.refresh()

    def _failed(self, error: PosError) -> None:
        show_message(self._screen.message, error.message)
