"""The back office's customers: find anyone as you type, see who they are and everything
they bought (reprinting any receipt), edit their details and consents, merge a duplicate
into them, export everything held on them, or erase them at their request.

The till shows a customer in the middle of a sale; this is where a manager looks after
the records at a desk. Every read and write runs in the background (`TaskRunner` lanes).
"""

from collections.abc import Callable
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError
from pos.domain.money import format_minor
from pos.services.customer_types import (
    CustomerHit,
    CustomerPanel,
    ErasedCustomer,
    NewCustomer,
    PastSale,
)
from pos.services.customers import CustomerService
from pos.services.printing import PrintService
from pos.services.till_session import Cashier
from pos.ui.office.customers_data import CustomerDataActions
from pos.ui.office.customers_form import CustomerForm
from pos.ui.office.customers_history import PAGE, CustomerHistoryView
from pos.ui.office.customers_search import LiveSearch
from pos.ui.tables import fill_rows, list_table
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.customer_panel_text import panel_html
from pos.ui.widgets import message_label, named, show_message

LIST_COLUMNS = ("Name", "Phone", "E-mail", "Visits", "Last visit", "Spend")
CHOOSE = "Find a customer above (name, phone in any format, e-mail or card), then choose them."


class CustomersSection(QWidget):
    def __init__(
        self, customers: CustomerService, printing: PrintService, tasks: TaskRunner,
        exports_dir: Path, wake_printer: Callable[[], None],
    ) -> None:
        super().__init__()
        self._customers = customers
        self._tasks = tasks
        self._hits: tuple[CustomerHit, ...] = ()
        self._current: CustomerHit | None = None
        self._current_erased = False
        self._details_task: int | None = None
        self.search = named(QLineEdit(), "Customers search")
        self.search.setPlaceholderText("Name, phone (any piece, any format), e-mail, card")
        self.table = list_table("Customers list", LIST_COLUMNS, fit_contents=True)
        self.details = named(QLabel(CHOOSE), "Customer details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = message_label("Customers message")
        self.history = CustomerHistoryView(customers, printing, tasks, self.message, wake_printer)
        self.form = CustomerForm(customers, tasks, self.message, self._saved)
        self.data = CustomerDataActions(customers, tasks, self.message, exports_dir,
                                        self._saved, self._erased)
        self._search = LiveSearch(self.search, customers, tasks, self._show_hits, self._failed)
        self.table.itemSelectionChanged.connect(self._chosen)
        self._lay_out()

    def _lay_out(self) -> None:
        finder = QWidget()
        left = QVBoxLayout(finder)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.search)
        left.addWidget(self.table, stretch=1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        scroll.setMinimumHeight(200)
        tabs = QTabWidget()
        tabs.addTab(self.history, "History")
        tabs.addTab(self.form, "Edit")
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(scroll)
        right.addWidget(tabs)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(finder)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(self.data)
        layout.addWidget(self.message)

    def activate(self, viewer: Cashier) -> None:
        self.data.actor = f"back office ({viewer.name})"
        self._search.run()
        if self._current is not None and not self._current_erased:
            self._load(self._current)
        else:
            self.search.setFocus()

    # -- the list ---------------------------------------------------------------------------
    def _show_hits(self, hits: tuple[CustomerHit, ...]) -> None:
        self._hits = hits
        current_id = self._current.id if self._current else None
        self.table.blockSignals(True)
        self.table.clearSelection()
        fill_rows(self.table, (
            (hit.name, hit.phone, hit.email, str(hit.visits),
             "never" if hit.last_visit_at is None else _day(hit.last_visit_at),
             format_minor(hit.spend_minor))
            for hit in hits
        ))
        for row, hit in enumerate(hits):
            if hit.id == current_id:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        if hits and self._current is None:
            self.table.selectRow(0)

    @Slot()
    def _chosen(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._hits) and self.table.selectedItems():
            self._load(self._hits[row])

    # -- one customer -----------------------------------------------------------------------
    def _load(self, hit: CustomerHit) -> None:
        self._current, self._current_erased = hit, False
        if self._details_task is not None:
            self._tasks.forget(self._details_task)
        customer_id = hit.id
        self._details_task = self._tasks.submit(
            Lane.DB_READ,
            lambda: (self._customers.panel(customer_id), self._customers.details(customer_id),
                     self._customers.history(customer_id, limit=PAGE)),
            lambda loaded: self._show(hit, *loaded), self._load_failed,
        )

    def _show(self, hit: CustomerHit, panel: CustomerPanel, details: NewCustomer,
              history: tuple[PastSale, ...]) -> None:
        self._details_task = None
        consents = panel.consents
        given = ("never given" if consents.given_at is None
                 else f"given {_day(consents.given_at)}")
        agreed = [what for what, yes in (("marketing e-mail", consents.marketing_email),
                                         ("SMS", consents.sms),
                                         ("keep history", consents.keep_history)) if yes]
        self.details.setText(
            panel_html(panel)
            + f"<p><b>Consents:</b> {escape(', '.join(agreed) or 'none')} ({given})</p>"
        )
        self.form.show_customer(hit.id, details, f"Consents {given}")
        self.data.show_customer(hit)
        self.history.show_history(hit.id, history)

    def _load_failed(self, error: PosError) -> None:
        self._details_task = None
        self._clear(escape(error.message))
        self._failed(error)

    def _clear(self, text: str) -> None:
        self.details.setText(text)
        self.form.show_customer(None, None)
        self.data.show_customer(None)
        self.history.show_history(None, ())

    def _saved(self, hit: CustomerHit) -> None:
        self._load(hit)
        self._search.run()

    def _erased(self, erased: ErasedCustomer) -> None:
        self._current_erased = True  # stays on show (not replaced by the list's first row)
        self._clear(
            f"<h3>Erased customer</h3><p>Customer {erased.id}'s personal data was removed on "
            f"{_day(erased.erased_at)}; {erased.sales_kept} sales stay in the accounts, no "
            "longer linked to anyone. There is nothing left to edit.</p>"
        )
        self._search.run()

    def _failed(self, error: PosError) -> None:
        show_message(self.message, error.message)


def _day(moment: datetime) -> str:
    return f"{moment.astimezone():%d %b %Y}"
