"""Returns: find the sale by receipt or by customer, choose what comes back, refund it;
or, with a reason, take an item back without a receipt at today's price."""

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError
from pos.domain.money import format_minor
from pos.services.catalogue import CatalogueService, ProductHit
from pos.services.customer_types import CustomerHit, PastSale
from pos.services.customers import CustomerService
from pos.services.returns import CompletedReturn, RefundMethod, ReturnableSale, ReturnsService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

COLUMNS = ("Item", "Bought", "Already returned", "Paid each", "Return")
WITHOUT_RECEIPT_KEY = "Ctrl+U"
CUSTOMER_SEARCH_KEY = "F3"
MAX_QUANTITY_WITHOUT_RECEIPT = 999
_CUSTOMER, _SALE = "customer", "sale"
"""What a row of `Customer sales` holds: a customer to list the sales of, or a sale."""


def _when(sale: ReturnableSale | PastSale) -> str:
    return sale.completed_at.astimezone().strftime("%d %b %Y %H:%M")


class ReturnPage(QWidget):
    sig_done = Signal(object)  # CompletedReturn
    sig_back = Signal()

    def __init__(
        self,
        returns: ReturnsService,
        tasks: TaskRunner,
        customers: CustomerService,
        catalogue: CatalogueService,
    ) -> None:
        super().__init__()
        self._returns = returns
        self._customers = customers
        self._catalogue = catalogue
        self._tasks = tasks
        self._cashier_id: int | None = None
        self._sale: ReturnableSale | None = None
        self._product: ProductHit | None = None
        title = QLabel("Return")
        title.setProperty("role", "title")
        self.without_receipt = named(
            QPushButton(f"Without receipt  [{WITHOUT_RECEIPT_KEY}]"), "Without receipt"
        )
        self.without_receipt.setCheckable(True)
        self.without_receipt.setShortcut(WITHOUT_RECEIPT_KEY)
        self.receipt = named(QLineEdit(), "Receipt number")
        self.receipt.setPlaceholderText("Scan the receipt's barcode or type its number (R1-000123)")
        self.receipt.setProperty("role", "entry")
        self.customer_search = named(QLineEdit(), "Return customer search")
        self.customer_search.setPlaceholderText(
            f"No receipt? Find the customer: name, phone, e-mail or card, then Enter "
            f"[{CUSTOMER_SEARCH_KEY}]"
        )
        self.customer_sales = named(QListWidget(), "Customer sales")
        self.customer_sales.setMaximumHeight(160)
        self.customer_sales.hide()
        self.summary = named(QLabel(""), "Original sale")
        self.lines = named(QTableWidget(0, len(COLUMNS)), "Return lines")
        self.lines.setHorizontalHeaderLabels(list(COLUMNS))
        self.lines.horizontalHeader().setStretchLastSection(False)
        self.lines.setColumnWidth(0, 380)
        self.product = named(QLineEdit(), "Return product")
        self.product.setPlaceholderText("Scan the item or type its code, then Enter")
        self.product.setProperty("role", "entry")
        self.product_found = named(QLabel(""), "Returned product")
        self.quantity = named(QSpinBox(), "Return quantity")
        self.quantity.setRange(1, MAX_QUANTITY_WITHOUT_RECEIPT)
        self.quantity.setPrefix("Quantity ")
        self.to_original = named(QRadioButton("Refund to the original payment"), "Refund original")
        self.to_credit = named(QRadioButton("Refund as store credit"), "Refund store credit")
        self.to_original.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.to_original)
        group.addButton(self.to_credit)
        self.reason = named(QLineEdit(), "Return reason")
        self.refund = named(QPushButton("Refund  [Ctrl+Return]"), "Refund")
        self.refund.setShortcut("Ctrl+Return")
        back = named(QPushButton("Back to the till  [Esc]"), "Back to till")
        back.setShortcut("Esc")
        self.message = message_label("Return message")
        self._modes = QStackedWidget()
        self._modes.addWidget(self._receipt_mode())
        self._modes.addWidget(self._no_receipt_mode())

        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(title, stretch=1)
        heading.addWidget(self.without_receipt)
        layout.addLayout(heading)
        layout.addWidget(self._modes, stretch=1)
        options = QHBoxLayout()
        options.addWidget(self.to_original)
        options.addWidget(self.to_credit)
        options.addWidget(self.reason, stretch=1)
        layout.addLayout(options)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(self.refund)
        layout.addLayout(buttons)
        self.receipt.returnPressed.connect(self._find)
        self.customer_search.returnPressed.connect(self._search_customers)
        self.customer_sales.itemActivated.connect(self._pick)
        self.product.returnPressed.connect(self._find_product)
        self.product.textEdited.connect(self._forget_product)
        self.without_receipt.toggled.connect(self._switch_mode)
        self.refund.clicked.connect(self._refund)
        back.clicked.connect(self.sig_back.emit)
        search_key = QShortcut(QKeySequence(CUSTOMER_SEARCH_KEY), self)
        search_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search_key.activated.connect(self._focus_customer_search)
        self._switch_mode(False)

    def _receipt_mode(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.receipt)
        layout.addWidget(self.customer_search)
        layout.addWidget(self.customer_sales)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, stretch=1)
        return page

    def _no_receipt_mode(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Without a receipt the item comes back at today's price; "
                      "a reason is required.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        row.addWidget(self.product, stretch=1)
        row.addWidget(self.quantity)
        layout.addLayout(row)
        layout.addWidget(self.product_found)
        layout.addStretch(1)
        return page

    def start(self, cashier_id: int, customer_id: int | None = None) -> None:
        """Open the page for `cashier_id`; with the till's customer, list their sales."""
        self._cashier_id = cashier_id
        self._sale = None
        self._product = None
        self.without_receipt.setChecked(False)
        for entry in (self.receipt, self.customer_search, self.reason, self.product):
            entry.clear()
        self.quantity.setValue(1)
        self.product_found.setText("")
        self.customer_sales.clear()
        self.customer_sales.hide()
        self._clear_sale()
        self.to_original.setChecked(True)
        show_message(self.message, "")
        self.receipt.setFocus()
        if customer_id is not None:
            self._list_sales_of(customer_id)

    # --- Mode --------------------------------------------------------------------------

    @Slot(bool)
    def _switch_mode(self, without_receipt: bool) -> None:
        self._modes.setCurrentIndex(1 if without_receipt else 0)
        self.to_original.setText(
            "Refund in cash" if without_receipt else "Refund to the original payment"
        )
        self.reason.setPlaceholderText(
            "Reason (required without a receipt)" if without_receipt
            else "Reason (optional with a receipt)"
        )
        show_message(self.message, "")
        self._update_refund()
        (self.product if without_receipt else self.receipt).setFocus()

    def _update_refund(self) -> None:
        if self.without_receipt.isChecked():
            self.refund.setEnabled(self._product is not None)
        else:
            self.refund.setEnabled(self._sale is not None and not self._sale.fully_returned)

    # --- Against a receipt ------------------------------------------------------------

    @Slot()
    def _find(self) -> None:
        number = self.receipt.text()
        highlighted = self.customer_sales.currentItem()
        if not number.strip() and self.customer_sales.isVisible() and highlighted is not None:
            self._pick(highlighted)  # one Enter takes the customer's highlighted sale
            return
        self._load_sale(number)

    def _load_sale(self, number: str) -> None:
        self._tasks.submit(Lane.DB_READ, lambda: self._returns.find_sale(number),
                           self._show_sale, self._failed)

    def _clear_sale(self) -> None:
        self._sale = None
        self.summary.setText("")
        self.lines.setRowCount(0)
        self._update_refund()

    def _show_sale(self, sale: ReturnableSale) -> None:
        self._sale = sale
        paid = ", ".join(f"{p.method} {format_minor(p.amount_minor)}" for p in sale.payments)
        self.summary.setText(f"{sale.receipt_number}  ·  {_when(sale)}  ·  "
                             f"{format_minor(sale.total_minor)}  ·  paid {paid}")
        self.lines.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            cells = (line.name, str(line.quantity_sold), str(line.quantity_returned),
                     format_minor(line.unit_paid_minor))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.lines.setItem(row, column, item)
            spin = named(QSpinBox(), f"Return quantity {row + 1}")
            spin.setRange(0, line.quantity_returnable)
            spin.setValue(line.quantity_returnable)
            self.lines.setCellWidget(row, 4, spin)
        self._update_refund()
        if sale.fully_returned:
            show_message(self.message, "everything on this receipt has already been returned")
        else:
            show_message(self.message, "")
            first = self.lines.cellWidget(0, 4)
            if first is not None:
                first.setFocus()

    def requested(self) -> dict[int, int]:
        """Line number -> quantity to return, for lines with a quantity."""
        assert self._sale is not None
        chosen = {}
        for row, line in enumerate(self._sale.lines):
            spin = self.lines.cellWidget(row, 4)
            assert isinstance(spin, QSpinBox)
            if spin.value():
                chosen[line.line_no] = spin.value()
        return chosen

    # --- By customer ------------------------------------------------------------------

    @Slot()
    def _focus_customer_search(self) -> None:
        if not self.without_receipt.isChecked():
            self.customer_search.setFocus()
            self.customer_search.selectAll()

    @Slot()
    def _search_customers(self) -> None:
        text = self.customer_search.text()
        if not text.strip():
            show_message(self.message, "type a name, phone number, e-mail or card to search")
            return
        self._tasks.submit(Lane.DB_READ, lambda: self._customers.search(text),
                           lambda hits: self._show_customers(text, hits), self._failed)

    def _show_customers(self, text: str, hits: tuple[CustomerHit, ...]) -> None:
        if not hits:
            show_message(self.message, f"no customer matches {text.strip()!r}; "
                                       "check the spelling or search by phone number")
            return
        if len(hits) == 1:
            self._list_sales_of(hits[0].id)
            return
        rows = [(_CUSTOMER, hit.id, " · ".join(
            part for part in (hit.name, hit.phone, hit.email, f"{hit.visits} visits") if part
        )) for hit in hits]
        self._fill_list(rows)
        show_message(self.message, f"{len(hits)} customers match: pick one with Enter",
                     error=False)
        self.customer_sales.setFocus()

    def _list_sales_of(self, customer_id: int) -> None:
        self._tasks.submit(Lane.DB_READ, lambda: self._returns.recent_sales(customer_id),
                           self._show_customer_sales, self._failed)

    def _show_customer_sales(self, sales: tuple[PastSale, ...]) -> None:
        if not sales:
            self.customer_sales.hide()
            show_message(self.message, "this customer has no sales to return; "
                                       "use the receipt or return without one")
            return
        self._fill_list([
            (_SALE, sale.receipt_number, f"{sale.receipt_number}  ·  {_when(sale)}  ·  "
                                         f"{format_minor(sale.total_minor)}  ·  {sale.items} items")
            for sale in sales
        ])
        show_message(self.message, "the customer's recent sales: Enter takes the highlighted one",
                     error=False)

    def _fill_list(self, rows: Sequence[tuple[str, object, str]]) -> None:
        self.customer_sales.clear()
        for kind, key, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (kind, key))
            self.customer_sales.addItem(item)
        self.customer_sales.setCurrentRow(0)
        self.customer_sales.show()

    @Slot(QListWidgetItem)
    def _pick(self, item: QListWidgetItem) -> None:
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        if kind == _CUSTOMER:
            self._list_sales_of(int(key))
        else:
            self.receipt.setText(str(key))
            self._load_sale(str(key))

    # --- Without a receipt ------------------------------------------------------------

    @Slot()
    def _forget_product(self) -> None:
        self._product = None
        self.product_found.setText("")
        self._update_refund()

    @Slot()
    def _find_product(self) -> None:
        code = self.product.text()
        if not code.strip():
            show_message(self.message, "scan the item or type its code")
            return
        self._tasks.submit(Lane.DB_READ, lambda: self._catalogue.lookup(code),
                           self._show_product, self._failed)

    def _show_product(self, product: ProductHit) -> None:
        self._product = product
        self.product_found.setText(
            f"{product.name}  ·  {product.code}  ·  {format_minor(product.price_minor)} each today"
        )
        show_message(self.message, "")
        self._update_refund()
        self.quantity.setFocus()
        self.quantity.selectAll()

    # --- Refund -----------------------------------------------------------------------

    @Slot()
    def _refund(self) -> None:
        if self._cashier_id is None:
            return
        cashier_id, reason = self._cashier_id, self.reason.text()
        method: RefundMethod = "store_credit" if self.to_credit.isChecked() else "original"
        if self.without_receipt.isChecked():
            if self._product is None:
                return
            lines = [(self._product.id, self.quantity.value())]
            self.refund.setEnabled(False)
            self._tasks.submit(
                Lane.DB_WRITE,
                lambda: self._returns.return_without_receipt(lines, reason, cashier_id, method),
                self._done, self._failed,
            )
            return
        if self._sale is None:
            return
        number, requested = self._sale.receipt_number, self.requested()
        self.refund.setEnabled(False)
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._returns.return_items(number, requested, method, cashier_id, reason),
            self._done, self._failed,
        )

    def _done(self, completed: CompletedReturn) -> None:
        self.sig_done.emit(completed)

    def _failed(self, error: PosError) -> None:
        self._update_refund()
        show_message(self.message, error.message)
