"""What the till's keys and buttons do: the screen's widgets wired to the sale controller."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QPushButton

from pos.domain.gifts import GiftMark
from pos.domain.money import format_minor
from pos.services.catalogue import ProductHit
from pos.services.checkout import CompletedSale
from pos.ui.till.sale_controller import Notice, SaleController, SaleState
from pos.ui.till.screen import SHORTCUTS, TillScreen
from pos.ui.widgets import show_message

TENDER_LABELS = {"cash": "Cash", "card": "Card", "voucher": "Voucher",
                 "store_credit": "Store credit"}


class TillActions(QObject):
    def __init__(self, screen: TillScreen, sale: SaleController) -> None:
        super().__init__(screen)
        self._screen = screen
        self._sale = sale
        self._hits: tuple[ProductHit, ...] = ()
        self._connect_entry()
        self._connect_sale()
        self._connect_buttons()

    # -- wiring ---------------------------------------------------------------------------
    def _connect_entry(self) -> None:
        entry = self._screen.product_entry
        entry.sig_scanned.connect(self._sale.scan)
        entry.sig_search.connect(self._sale.search)
        entry.sig_enter.connect(self._enter_pressed)
        entry.sig_down.connect(self._focus_results)
        self._screen.product_results.itemActivated.connect(self._result_activated)
        self._screen.cash_tendered.returnPressed.connect(self._cash_entered)

    def _connect_sale(self) -> None:
        self._sale.sig_state_changed.connect(self._show_state)
        self._sale.sig_message.connect(self._show_notice)
        self._sale.sig_search_results.connect(self._show_results)
        self._sale.sig_sale_completed.connect(self._show_completed)
        self._sale.sig_thank_you.connect(self._screen.thank_you.setText)
        self._sale.sig_commit_started.connect(self._commit_started)
        self._sale.sig_commit_finished.connect(self._commit_finished)
        self._sale.sig_line_added.connect(self._select_line)
        self._sale.sig_unknown_code.connect(self._offer_to_add)

    def _connect_buttons(self) -> None:
        handlers: dict[str, Callable[[], None]] = {
            "Pay": self.pay,
            "Card payment": self.card_payment,
            "Voucher": self.voucher_payment,
            "Complete sale": self.complete,
            "Void line": self.void_line,
            "Quantity": self.set_quantity,
            "Discount": self.discount_line,
            "Sale discount": self.discount_sale,
            "Price": self.override_price,
            "New sale": self.new_sale,
            "Gift": self.gift_line,
            "Gift sale": self.gift_sale,
        }
        self.bind(handlers)
        for key in ("Delete",):
            QShortcut(QKeySequence(key), self._screen.cart).activated.connect(self.void_line)
        escape = QShortcut(QKeySequence("Esc"), self._screen.cash_tendered)
        escape.activated.connect(self._sale.clear_payments)

    # -- product entry -------------------------------------------------------------------------
    @Slot(str, int)
    def _enter_pressed(self, text: str, quantity: int) -> None:
        """Enter after typing: a code is looked up; words pick the highlighted result."""
        results = self._screen.product_results
        if text.isdigit() or not self._hits:
            self._sale.scan(text, quantity)
            return
        row = max(results.currentRow(), 0)
        self._sale.add_product(self._hits[row], quantity)

    @Slot(str, int, str)
    def _offer_to_add(self, code: str, quantity: int, message: str) -> None:
        self._show_message(message, True)
        self._ask(f"New product {code}: name and price (e.g. Blue Mug 4.50), or Esc:",
                  lambda answer: self._sale.add_new_product(code, quantity, answer))

    @Slot()
    def _focus_results(self) -> None:
        results = self._screen.product_results
        if results.count():
            results.setFocus()
            results.setCurrentRow(max(results.currentRow(), 0))

    @Slot(QListWidgetItem)
    def _result_activated(self, item: QListWidgetItem) -> None:
        row = self._screen.product_results.row(item)
        if 0 <= row < len(self._hits):
            self._sale.add_product(self._hits[row])
        self._screen.product_entry.clear_entry()
        self._screen.product_entry.setFocus()

    @Slot(object)
    def _show_results(self, hits: tuple[ProductHit, ...]) -> None:
        self._hits = hits
        results = self._screen.product_results
        results.clear()
        for hit in hits:
            results.addItem(f"{hit.name}   {format_minor(hit.price_minor)}   ({hit.code})")
        if hits:
            results.setCurrentRow(0)

    # -- showing the sale ----------------------------------------------------------------------
    @Slot(object)
    def _show_state(self, state: SaleState) -> None:
        screen = self._screen
        screen.cart_model.show(state)
        due = state.settlement.remaining_minor if state.tenders else state.totals.total_minor
        screen.total_due.setText(format_minor(due))
        screen.payments.setText(
            "  ·  ".join(
                f"{TENDER_LABELS[t.method]} {format_minor(t.amount_minor)}"
                + (f" ({t.reference})" if t.reference else "")
                for t in state.tenders
            )
        )
        screen.cash_tendered.setPlaceholderText(
            f"Cash tendered (Enter = exact {format_minor(due)})" if due else "Cash tendered"
        )
        self._show_quick_cash(state.quick_cash)
        gift = state.cart.gift
        screen.gift_mark.setText(
            "" if gift is None else f"Gift sale: for {gift.recipient} ({gift.occasion.label})"
        )
        screen.gift_mark.setVisible(gift is not None)
        if state.cart.lines:
            screen.thank_you.setText("")

    def _show_quick_cash(self, amounts: tuple[int, ...]) -> None:
        layout = self._screen.quick_cash
        for button in self._screen.quick_cash_buttons:
            layout.removeWidget(button)
            button.deleteLater()
        self._screen.quick_cash_buttons = []
        for index, amount in enumerate(amounts):
            label = f"Exact {format_minor(amount)}" if index == 0 else format_minor(amount)
            button = QPushButton(label)
            button.setAccessibleName(f"Cash {format_minor(amount)}")
            button.clicked.connect(lambda _=False, a=amount: self._sale.add_cash(format_minor(a)))
            layout.addWidget(button)
            self._screen.quick_cash_buttons.append(button)

    @Slot(object)
    def _show_notice(self, notice: Notice) -> None:
        show_message(self._screen.message, notice.text, error=notice.error)

    def _show_message(self, text: str, is_error: bool) -> None:
        show_message(self._screen.message, text, error=is_error)

    @Slot(object)
    def _show_completed(self, sale: CompletedSale) -> None:
        screen = self._screen
        screen.change_due.setText(f"Change {format_minor(sale.change_minor)}")
        screen.cash_tendered.clear()
        self._show_message(
            f"Sale {sale.receipt_number} saved: {format_minor(sale.total_minor)}"
            + (f", change {format_minor(sale.change_minor)}" if sale.change_minor else ""),
            False,
        )
        screen.product_entry.setFocus()

    @Slot()
    def _commit_started(self) -> None:
        self._enable_payment(False)
        self._show_message("Saving the sale…", False)

    @Slot()
    def _commit_finished(self) -> None:
        self._enable_payment(True)

    def _enable_payment(self, enabled: bool) -> None:
        for name in ("Complete sale", "Pay", "Card payment"):
            self._screen.buttons[name].setEnabled(enabled)

    @Slot(int)
    def _select_line(self, index: int) -> None:
        self._screen.cart.selectRow(index)
        self._screen.change_due.setText("Change 0.00")

    def bind(self, handlers: dict[str, Callable[[], None]]) -> None:
        """Connect more actions (from other controllers) to their buttons and keys."""
        for name, handler in handlers.items():
            button = self._screen.buttons.get(name)
            if button is not None:
                button.clicked.connect(handler)
            shortcut = QShortcut(QKeySequence(SHORTCUTS[name]), self._screen)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)

    def say(self, text: str, *, error: bool = True) -> None:
        self._show_message(text, error)

    # -- actions ----------------------------------------------------------------------------------
    def _selected_line(self) -> int | None:
        lines = self._sale.cart.lines
        if not lines:
            self._show_message("the sale has no items yet", True)
            return None
        row = self._screen.cart.currentIndex().row()
        return row if 0 <= row < len(lines) else len(lines) - 1

    def _ask(self, question: str, on_answer: Callable[[str], None], initial: str = "") -> None:
        self._screen.prompt.ask(question, on_answer, initial=initial,
                                return_focus=self._screen.product_entry)

    @Slot()
    def pay(self) -> None:
        self._screen.cash_tendered.setFocus()
        self._screen.cash_tendered.selectAll()

    @Slot()
    def _cash_entered(self) -> None:
        text = self._screen.cash_tendered.text()
        self._screen.cash_tendered.clear()
        self._sale.add_cash(text)

    @Slot()
    def card_payment(self) -> None:
        amount = self._screen.cash_tendered.text()
        self._screen.cash_tendered.clear()
        self._ask("Card approval code from the terminal:",
                  lambda reference: self._sale.add_card(amount, reference))

    @Slot()
    def voucher_payment(self) -> None:
        amount = self._screen.cash_tendered.text()
        self._screen.cash_tendered.clear()
        self._ask("Voucher or store credit code:",
                  lambda code: self._sale.add_voucher(amount, code))

    @Slot()
    def complete(self) -> None:
        if self._screen.cash_tendered.text().strip():
            self._cash_entered()
        else:
            self._sale.complete()

    @Slot()
    def void_line(self) -> None:
        index = self._selected_line()
        if index is not None:
            name = self._sale.cart.lines[index].name
            self._ask(f"Why void {name}?", lambda reason: self._sale.void_line(index, reason))

    @Slot()
    def set_quantity(self) -> None:
        index = self._selected_line()
        if index is None:
            return
        line = self._sale.cart.lines[index]

        def apply(text: str) -> None:
            if not text.strip().isdigit():
                self._show_message(f"'{text}' is not a quantity; type a whole number like 3",
                                   True)
                return
            self._sale.set_quantity(index, int(text))

        self._ask(f"Quantity of {line.name}:", apply, str(line.quantity))

    @Slot()
    def discount_line(self) -> None:
        index = self._selected_line()
        if index is not None:
            name = self._sale.cart.lines[index].name
            self._ask(f"Discount on {name} (10% or 2.50):",
                      lambda text: self._sale.discount_line(index, text))

    @Slot()
    def discount_sale(self) -> None:
        if self._selected_line() is not None:
            self._ask("Discount on the whole sale (10% or 2.50):", self._sale.discount_sale)

    @Slot()
    def override_price(self) -> None:
        index = self._selected_line()
        if index is not None:
            line = self._sale.cart.lines[index]
            self._ask(f"New unit price of {line.name}:",
                      lambda text: self._sale.override_price(index, text),
                      format_minor(line.unit_price_minor))

    @Slot()
    def gift_line(self) -> None:
        """Mark the selected line as a gift (with no line selected: the whole sale)."""
        lines = self._sale.cart.lines
        row = self._screen.cart.currentIndex().row()
        if not lines:
            self._show_message("the sale has no items yet; scan the present first", True)
        elif 0 <= row < len(lines):
            self._ask_gift(row, lines[row].name, lines[row].gift)
        else:
            self.gift_sale()

    @Slot()
    def gift_sale(self) -> None:
        """Mark the whole sale as a gift."""
        if self._selected_line() is not None:
            self._ask_gift(None, "the whole sale", self._sale.cart.gift)

    def _ask_gift(self, index: int | None, what: str, mark: GiftMark | None) -> None:
        self._ask(f"Gift for whom, for what? ({what}) e.g. Anna, birthday, 2026-12-24; "
                  "empty: not a gift",
                  lambda text: self._sale.mark_gift(index, text),
                  "" if mark is None else mark.text)

    @Slot()
    def new_sale(self) -> None:
        if self._sale.cart.lines:
            self._ask("Drop this sale? Type YES to confirm:", self._confirm_new_sale)

    def _confirm_new_sale(self, answer: str) -> None:
        if answer.strip().upper() == "YES":
            self._sale.abandon()
            self._show_message("sale dropped; nothing was saved", False)
