"""The back office's win-back list: customers who stopped coming, most valuable first.

One step per customer: Enter (or `Schedule win-back call`) puts a call "ask how they are
and why" in the follow-up queue for the next working day, owned by the manager looking;
`Record lapse reason` keeps the answer they gave (pick a reason given before by its
number, or type a new one). The reasons recorded so far are summed up under the list.
Everything is read and written in the background.
"""

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError, UserError
from pos.domain.followups import FollowUpItem
from pos.domain.lapsed import LapsedCustomer
from pos.services.lapsed import LapsedService, LapseReasonRecord, WinBackList
from pos.services.till_session import Cashier
from pos.ui.tables import list_table
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.prompt import PromptBar
from pos.ui.widgets import message_label, named, show_message

COLUMNS = ("Customer", "Phone", "E-mail", "Visits", "Usually every", "Days away",
           "Lifetime value", "Last products", "Reason given")
VALUE_COLUMN = COLUMNS.index("Lifetime value")
REASON_COLUMN = COLUMNS.index("Reason given")
RECORD_REASON_KEY = "Ctrl+E"


def usual_interval(days: float) -> str:
    return f"{days:.0f} days" if days == round(days) else f"{days:.1f} days"


def reason_choice(text: str, known: tuple[str, ...]) -> str:
    """A typed reason, or the number of one given before ("2" -> the second one)."""
    answer = text.strip()
    if answer.isdigit():
        index = int(answer) - 1
        if not 0 <= index < len(known):
            raise UserError(f"there is no reason {answer}; type 1 to {len(known)} or a reason")
        return known[index]
    return answer


class WinBackSection(QWidget):
    def __init__(self, lapsed: LapsedService, tasks: TaskRunner) -> None:
        super().__init__()
        self._lapsed = lapsed
        self._tasks = tasks
        self._viewer: Cashier | None = None
        self._load_task: int | None = None
        self._customers: tuple[LapsedCustomer, ...] = ()
        self._reasons: tuple[tuple[str, int], ...] = ()
        self._called: dict[int, str] = {}
        """Customers given a call while this list is on show -> when (no second one)."""

        self.heading = named(QLabel("Customers who stopped coming"), "Win-back heading")
        self.table = list_table("Win-back list", COLUMNS, fit_contents=True,
                                stretch=COLUMNS.index("Last products"))
        self.table.itemActivated.connect(self._activated)
        self.schedule_button = named(QPushButton("Schedule call to ask why  [Enter]"),
                                     "Schedule win-back call")
        self.schedule_button.clicked.connect(self.schedule_call)
        self.reason_button = named(QPushButton(f"Record reason  [{RECORD_REASON_KEY}]"),
                                   "Record lapse reason")
        self.reason_button.clicked.connect(self.record_reason)
        shortcut = QShortcut(QKeySequence(RECORD_REASON_KEY), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.record_reason)
        self.prompt = named(PromptBar(), "Win-back prompt")
        named(self.prompt.answer, "Win-back answer")  # apart from the till's "Prompt answer"
        self.message = message_label("Win-back message")
        self.reasons = named(QLabel(""), "Lapse reasons")
        self.reasons.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.schedule_button)
        buttons.addWidget(self.reason_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(buttons)
        layout.addWidget(self.prompt)
        layout.addWidget(self.message)
        layout.addWidget(self.reasons)

    # -- loading ---------------------------------------------------------------------------
    def activate(self, viewer: Cashier) -> None:
        self._viewer = viewer
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._load_task is not None:
            self._tasks.forget(self._load_task)
        self.heading.setText("Customers who stopped coming: loading…")
        self._load_task = self._tasks.submit(Lane.DB_READ, self._lapsed.win_back_list,
                                             self._show, self._load_failed)

    def _load_failed(self, error: PosError) -> None:
        self._load_task = None
        self.heading.setText("Customers who stopped coming: not loaded")
        self._failed(error)

    def _show(self, found: WinBackList) -> None:
        self._load_task = None
        self._customers = found.customers
        self._reasons = found.reasons
        self._called.clear()
        count = len(found.customers)
        self.heading.setText(
            f"Customers who stopped coming ({count}) on {found.today:%a %d %b %Y}, "
            "most valuable first" if count else
            f"Nobody has stopped coming (as of {found.today:%a %d %b %Y})"
        )
        table = self.table
        table.setRowCount(count)
        for row, customer in enumerate(found.customers):
            cells = (customer.name, customer.phone, customer.email, str(customer.visits),
                     usual_interval(customer.usual_gap_days), str(customer.days_away),
                     found.money(customer.lifetime_value_minor),
                     ", ".join(customer.last_products), customer.last_reason)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in (3, 4, 5, VALUE_COLUMN):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        if count:
            table.selectRow(0)
            table.setFocus()
        self._show_reasons()

    def _show_reasons(self) -> None:
        self.reasons.setText(
            "Reasons given: " + "  ·  ".join(f"{reason} ({n})" for reason, n in self._reasons)
            if self._reasons else "No reasons recorded yet."
        )

    # -- acting on the selected customer ---------------------------------------------------
    def _selected(self) -> LapsedCustomer | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._customers):
            self._failed(UserError("choose a customer in the list first"))
            return None
        return self._customers[row]

    @Slot(QTableWidgetItem)
    def _activated(self, _item: QTableWidgetItem) -> None:
        self.schedule_call()

    @Slot()
    def schedule_call(self) -> None:
        customer, viewer = self._selected(), self._viewer
        if customer is None or viewer is None:
            return
        if customer.customer_id in self._called:
            self._failed(UserError(f"a call with {customer.name} is already in the queue for "
                                   f"{self._called[customer.customer_id]}"))
            return
        customer_id = customer.customer_id
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._lapsed.schedule_win_back_call(customer_id, viewer.id, viewer.id),
            lambda item: self._scheduled(customer, item), self._failed,
        )

    def _scheduled(self, customer: LapsedCustomer, item: FollowUpItem) -> None:
        when = f"{item.due_on:%a %d %b}"
        self._called[customer.customer_id] = when
        show_message(self.message, f"call with {customer.name} scheduled for {when}: "
                                   "it is in the follow-up queue", error=False)

    @Slot()
    def record_reason(self) -> None:
        customer = self._selected()
        if customer is None:
            return
        known = tuple(reason for reason, _ in self._reasons)
        choices = "  ".join(f"{n} {reason}" for n, reason in enumerate(known, 1))
        question = f"Why did {customer.name} stop coming?" + (
            f" Type a number ({choices}) or a new reason:" if known else "")
        self.prompt.ask(question, lambda text: self._record(customer, known, text),
                        return_focus=self.table)

    def _record(self, customer: LapsedCustomer, known: tuple[str, ...], text: str) -> None:
        try:
            reason = reason_choice(text, known)
        except UserError as error:
            self._failed(error)
            return
        customer_id = customer.customer_id
        recorded_by = self._viewer.id if self._viewer is not None else None
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: (self._lapsed.record_lapse_reason(customer_id, reason, recorded_by),
                     self._lapsed.reason_counts()),
            lambda done: self._recorded(customer, *done), self._failed,
        )

    def _recorded(self, customer: LapsedCustomer, record: LapseReasonRecord,
                  reasons: tuple[tuple[str, int], ...]) -> None:
        self._reasons = reasons
        self._show_reasons()
        row = self._customers.index(customer) if customer in self._customers else -1
        if row >= 0:
            self.table.setItem(row, REASON_COLUMN, QTableWidgetItem(record.reason))
        show_message(self.message, f"reason kept for {customer.name}: {record.reason}",
                     error=False)

    def _failed(self, error: PosError) -> None:
        show_message(self.message, error.message)
