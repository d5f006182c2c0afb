"""The back office's follow-up queue: every open follow-up, filtered by when, owner and
kind, with why it exists (the sale or quotation and its lines) and the outcome form.

The till shows the same queue in a small list; this is where a manager works through it
at a desk, and where the owner's automatic rules are edited (`FollowUpRulesEditor`).
"""

from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError
from pos.domain.followups import KINDS, FollowUpItem, Outcome
from pos.domain.money import format_minor
from pos.services.customer_types import CustomerPanel
from pos.services.customers import CustomerService
from pos.services.followups import FollowUpChoices, FollowUpService
from pos.services.till_session import Cashier
from pos.ui.office.followup_rules import FollowUpRulesEditor
from pos.ui.tables import fill_rows, list_table
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.customer_panel_text import panel_html
from pos.ui.widgets import message_label, named, show_message

COLUMNS = ("Due", "Kind", "Customer", "Phone", "E-mail", "Owner", "About", "Note")
OUTCOME_TITLES = {
    Outcome.REACHED: "Reached", Outcome.NO_ANSWER: "No answer",
    Outcome.LEFT_MESSAGE: "Left a message", Outcome.PROBLEM_FOUND: "Problem found",
    Outcome.NEW_SALE: "New sale",
}
DUE_CHOICES = ("Due today and overdue", "All open")


@dataclass(frozen=True, slots=True)
class _Loaded:
    items: tuple[FollowUpItem, ...]
    today: date
    choices: FollowUpChoices


class FollowUpsSection(QWidget):
    def __init__(self, followups: FollowUpService, customers: CustomerService,
                 tasks: TaskRunner) -> None:
        super().__init__()
        self._followups = followups
        self._customers = customers
        self._tasks = tasks
        self._panel_task: int | None = None
        self._items: tuple[FollowUpItem, ...] = ()
        self._today: date | None = None
        self._choices_loaded = False
        self.due_filter = named(QComboBox(), "Follow-up due filter")
        self.due_filter.addItems(list(DUE_CHOICES))
        self.owner_filter = named(QComboBox(), "Follow-up owner filter")
        self.owner_filter.addItem("Everyone", None)
        self.kind_filter = named(QComboBox(), "Follow-up kind filter")
        self.kind_filter.addItem("Every kind", None)
        for kind in KINDS:
            self.kind_filter.addItem(kind.capitalize(), kind)
        self.table = list_table("Follow-up list", COLUMNS)
        self.details = named(QLabel("Choose a follow-up to see why it is there."),
                             "Follow-up details")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.customer_panel = named(QLabel(""), "Follow-up customer panel")
        self.customer_panel.setWordWrap(True)
        self.customer_panel.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.outcome = named(QComboBox(), "Follow-up outcome")
        for outcome, title in OUTCOME_TITLES.items():
            self.outcome.addItem(title, outcome.value)
        self.note = named(QLineEdit(), "Follow-up outcome note")
        self.note.setPlaceholderText("What they said (optional)")
        self.try_again = named(QDateEdit(), "Try again on")
        self.try_again.setCalendarPopup(True)
        self.try_again.setDisplayFormat("ddd d MMM yyyy")
        self.record = named(QPushButton("Record outcome  [Ctrl+Return]"), "Record outcome")
        self.record.setShortcut("Ctrl+Return")
        self.message = message_label("Follow-ups message")
        self.rules = FollowUpRulesEditor(followups, tasks)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for label, widget in (("Show", self.due_filter), ("Owner", self.owner_filter),
                              ("Kind", self.kind_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        form = QGridLayout()
        form.addWidget(QLabel("Outcome"), 0, 0)
        form.addWidget(self.outcome, 0, 1)
        form.addWidget(QLabel("Try again on (no answer or message left)"), 0, 2)
        form.addWidget(self.try_again, 0, 3)
        form.addWidget(self.note, 1, 0, 1, 3)
        form.addWidget(self.record, 1, 3)
        queue = QWidget()
        left = QVBoxLayout(queue)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(filters)
        left.addWidget(self.table, stretch=1)
        about = QHBoxLayout()
        about.addWidget(self.details, stretch=1)
        about.addWidget(self.customer_panel, stretch=1)
        left.addLayout(about)
        left.addLayout(form)
        left.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(queue)
        splitter.addWidget(self.rules)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(splitter)

    def _connect(self) -> None:
        for combo in (self.due_filter, self.owner_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.record.clicked.connect(self._record)
        self.note.returnPressed.connect(self._record)
        self._outcome_changed()

    # -- loading ----------------------------------------------------------------------------
    def activate(self, viewer: Cashier) -> None:
        self.rules.activate(viewer)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        owner_id = self.owner_filter.currentData()
        kind = self.kind_filter.currentData()
        everything = self.due_filter.currentIndex() == 1
        self._tasks.submit(
            Lane.DB_READ, lambda: self._load(owner_id, kind, everything), self._show,
            self._failed,
        )

    def _load(self, owner_id: int | None, kind: str | None, everything: bool) -> _Loaded:
        """In the background: the shop's today, the filtered queue and the owners."""
        today = self._followups.today()
        items = self._followups.queue(today, owner_id=owner_id, kind=kind,
                                      include_future=everything)
        return _Loaded(items, today, self._followups.choices())

    def _show(self, loaded: _Loaded) -> None:
        self._items, self._today = loaded.items, loaded.today
        if not self._choices_loaded:
            self._choices_loaded = True
            self.owner_filter.blockSignals(True)
            for owner_id, name in loaded.choices.owners:
                self.owner_filter.addItem(name, owner_id)
            self.owner_filter.blockSignals(False)
        self.try_again.setMinimumDate(_qdate(loaded.today))
        self.try_again.setDate(_qdate(loaded.today).addDays(1))
        fill_rows(self.table, (
            (("OVERDUE " if item.is_overdue(loaded.today) else "") + f"{item.due_on:%a %d %b}",
             item.kind, item.customer_name, item.phone, item.email, item.owner_name or "-",
             item.why, item.note)
            for item in loaded.items
        ))
        self.table.resizeColumnsToContents()
        if loaded.items:
            self.table.selectRow(0)
        else:
            self.details.setText("Nothing to follow up here: every follow-up is done.")

    # -- one follow-up ----------------------------------------------------------------------
    def _selected(self) -> FollowUpItem | None:
        row = self.table.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    @Slot()
    def _show_details(self) -> None:
        item = self._selected()
        if item is None:
            return
        lines = "".join(
            f"<br>{line.quantity} x {escape(line.name)}  {format_minor(line.total_minor)}"
            for line in item.why_lines
        )
        contact = escape(" · ".join(part for part in (item.phone, item.email) if part))
        self.details.setText(
            f"<b>{escape(item.customer_name)}</b>  {contact}<br>{escape(item.why)}: "
            f"{escape(item.note or 'no note')}{lines}"
            + (f"<br><i>Tried before: {escape(item.outcome)}</i>" if item.outcome else "")
        )
        self._load_panel(item.customer_id)

    def _load_panel(self, customer_id: int | None) -> None:
        """Who they are (visits, spend, usual products, open items), read in the background;
        only the latest choice is shown."""
        self.customer_panel.setText("")
        if customer_id is None:
            return
        self._panel_task = self._tasks.submit(
            Lane.DB_READ, lambda: self._customers.panel(customer_id), self._show_panel,
            self._failed,
        )

    def _show_panel(self, panel: CustomerPanel) -> None:
        item = self._selected()
        if item is not None and item.customer_id == panel.id:
            self.customer_panel.setText(panel_html(panel))

    @Slot()
    def _outcome_changed(self) -> None:
        outcome = Outcome(self.outcome.currentData())
        self.try_again.setEnabled(not outcome.closes)

    @Slot()
    def _record(self) -> None:
        item = self._selected()
        if item is None:
            show_message(self.message, "choose a follow-up in the list first")
            return
        outcome = Outcome(self.outcome.currentData())
        again = None if outcome.closes else _pydate(self.try_again.date())
        note = self.note.text()
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._followups.record_outcome(item.id, outcome, note, again),
            self._recorded, self._failed,
        )

    def _recorded(self, item: FollowUpItem) -> None:
        self.note.clear()
        done = "closed" if item.status == "done" else f"moved to {item.due_on:%a %d %b}"
        text = f"{item.customer_name}: {OUTCOME_TITLES[Outcome(item.outcome)]}, {done}"
        if item.outcome == Outcome.PROBLEM_FOUND.value:
            text += "; log the complaint at the till (Ctrl+L) with the customer attached"
        show_message(self.message, text, error=False)
        self.refresh()

    def _failed(self, error: PosError) -> None:
        show_message(self.message, error.message)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
