"""`Customer search`, `Customer results`, `Customer panel` and `Add customer` at the till.

Search runs as you type (debounced, latest wins) on the read lane; attaching a customer
shows their panel from one background read, without waiting on the sale.
"""

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem

from pos.domain.errors import PosError, UserError
from pos.services.customer_types import (
    CustomerHit,
    CustomerPanel,
    DuplicateCustomerError,
    NewCustomer,
)
from pos.services.customers import CustomerService
from pos.services.greeting import Greeting, greeting_for
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.customer_panel_text import panel_html
from pos.ui.till.sale_controller import SaleController
from pos.ui.till.screen import TillScreen
from pos.ui.widgets import show_message

SEARCH_DEBOUNCE_MS = 120
NO_CUSTOMER = "No customer attached. Find one above (F3), or Add customer (Ctrl+N)."


def parse_new_customer(text: str) -> NewCustomer:
    """ "Asha Patel; 07700 900123; asha@example.com" (phone and e-mail optional)."""
    parts = [part.strip() for part in text.split(";")]
    if not parts or not parts[0]:
        raise UserError("type at least a name, like: Asha Patel; 07700 900123; asha@example.com")
    phone = next((p for p in parts[1:] if p and "@" not in p), "")
    email = next((p for p in parts[1:] if "@" in p), "")
    return NewCustomer(name=parts[0], phone=phone, email=email)


class CustomerActions(QObject):
    sig_attached = Signal(object)  # the attached customer's id, or None
    def __init__(
        self, screen: TillScreen, sale: SaleController, customers: CustomerService,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._sale = sale
        self._customers = customers
        self._tasks = tasks
        self._hits: tuple[CustomerHit, ...] = ()
        self._search_task: int | None = None
        self._panel: CustomerPanel | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        screen.customer_summary.setText(NO_CUSTOMER)
        screen.customer_summary.setTextFormat(Qt.TextFormat.RichText)
        screen.buttons["Add customer"].setEnabled(True)
        screen.buttons["Add customer"].setToolTip("")
        screen.customer_search.textEdited.connect(self._debounce.start)
        screen.customer_search.returnPressed.connect(self._attach_highlighted)
        screen.customer_results.itemActivated.connect(self._attach_item)
        for key, handler in (("F3", self.focus_search), ("Ctrl+Shift+C", self.detach)):
            shortcut = QShortcut(QKeySequence(key), screen)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)
        QShortcut(QKeySequence("Down"), screen.customer_search).activated.connect(
            self._focus_results
        )
        sale.sig_sale_completed.connect(self._sale_done)

    @property
    def panel(self) -> CustomerPanel | None:
        return self._panel

    @Slot()
    def focus_search(self) -> None:
        self._screen.customer_search.setFocus()
        self._screen.customer_search.selectAll()

    @Slot()
    def _focus_results(self) -> None:
        results = self._screen.customer_results
        if results.count():
            results.setFocus()
            results.setCurrentRow(max(results.currentRow(), 0))

    @Slot()
    def _search(self) -> None:
        if self._search_task is not None:
            self._tasks.forget(self._search_task)
        text = self._screen.customer_search.text()
        if not text.strip():
            self._show_hits(())
            return
        self._search_task = self._tasks.submit(
            Lane.DB_READ, lambda: self._customers.search(text), self._show_hits, self._failed
        )

    def _show_hits(self, hits: tuple[CustomerHit, ...]) -> None:
        self._hits = hits
        results = self._screen.customer_results
        results.clear()
        for hit in hits:
            details = " · ".join(x for x in (hit.phone, hit.email) if x)
            results.addItem(f"{hit.name}   {details}   ({hit.visits} visits)")
        if hits:
            results.setCurrentRow(0)

    @Slot()
    def _attach_highlighted(self) -> None:
        self._debounce.stop()
        if not self._hits:
            self._search()
            return
        row = max(self._screen.customer_results.currentRow(), 0)
        self.attach(self._hits[row].id)

    @Slot(QListWidgetItem)
    def _attach_item(self, item: QListWidgetItem) -> None:
        row = self._screen.customer_results.row(item)
        if 0 <= row < len(self._hits):
            self.attach(self._hits[row].id)

    def attach(self, customer_id: int) -> None:
        self._sale.attach_customer(customer_id)
        self.sig_attached.emit(customer_id)
        self._tasks.submit(Lane.DB_READ, lambda: self._panel_and_greeting(customer_id),
                           self._show_panel, self._failed)

    @Slot()
    def refresh_panel(self) -> None:
        """Read the attached customer's panel and greeting again (an open item changed)."""
        customer_id = self._sale.customer_id
        if customer_id is not None:
            self._tasks.submit(Lane.DB_READ, lambda: self._panel_and_greeting(customer_id),
                               self._show_panel, self._failed)

    def _panel_and_greeting(self, customer_id: int) -> tuple[CustomerPanel, Greeting]:
        panel = self._customers.panel(customer_id)
        return panel, greeting_for(panel, self._customers.today())

    def _show_panel(self, loaded: tuple[CustomerPanel, Greeting]) -> None:
        panel, greeting = loaded
        if self._sale.customer_id != panel.id:
            return  # detached or changed while the panel was loading
        self._panel = panel
        self._screen.customer_summary.setText(panel_html(panel))
        self._screen.greeting.setText(greeting.text())
        self._screen.customer_search.clear()
        self._show_hits(())
        if self._screen.isVisible():  # not when a return page opened meanwhile
            self._screen.product_entry.setFocus()

    @Slot()
    def detach(self) -> None:
        self._sale.attach_customer(None)
        self._clear()
        self.sig_attached.emit(None)

    def _clear(self) -> None:
        self._panel = None
        self._screen.customer_summary.setText(NO_CUSTOMER)
        self._screen.greeting.setText("")

    @Slot(object)
    def _sale_done(self, _sale: object) -> None:
        self._clear()

    @Slot()
    def add_customer(self) -> None:
        self._screen.prompt.ask(
            "New customer: name; phone; e-mail (phone and e-mail optional):", self._create,
            return_focus=self._screen.product_entry,
        )

    def _create(self, text: str, allow_duplicate: bool = False) -> None:
        try:
            new = parse_new_customer(text)
        except UserError as error:
            self._failed(error)
            return
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._customers.create(new, allow_duplicate=allow_duplicate),
            lambda hit: self.attach(hit.id), lambda error: self._create_failed(text, error),
        )

    def _create_failed(self, text: str, error: PosError) -> None:
        if not isinstance(error, DuplicateCustomerError):
            self._failed(error)
            return
        self._show_hits(error.candidates)
        self._screen.prompt.ask(
            f"{error.message}. Pick one in Customer results, or type YES to add anyway:",
            lambda answer: self._create(text, True) if answer.strip().upper() == "YES" else None,
            return_focus=self._screen.customer_results,
        )

    def _failed(self, error: PosError) -> None:
        show_message(self._screen.message, error.message)
