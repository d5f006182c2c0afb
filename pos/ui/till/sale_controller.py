"""The sale on screen: the cart, its payments, and talking to the services.

Cart changes are pure domain operations done at once on the UI thread (pricing a
cart is microseconds); look-ups and the commit run in the background. Every result
comes back as a signal. A failed commit leaves the sale on screen with its UUID, so
pressing `Complete sale` again retries the same sale and can never make two.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from pos.domain.cart import Cart, CartLine
from pos.domain.discount_text import parse_discount
from pos.domain.errors import NotFoundError, PosError, UserError
from pos.domain.gifts import parse_gift
from pos.domain.money import format_minor
from pos.domain.pricing import CartTotals, PricingRules, price_cart
from pos.domain.roles import discount_limit_bp
from pos.domain.tender import (
    Settlement,
    Tender,
    TenderMethod,
    parse_tendered,
    quick_cash_amounts,
    settle,
)
from pos.services.catalogue import PRODUCT_EDITORS, CatalogueService, ProductHit, ScannedItem
from pos.services.checkout import CheckoutService, CompletedSale, SaleRequest
from pos.services.till_session import SignedIn
from pos.ui.tasks import Lane, TaskRunner


@dataclass(frozen=True)
class Notice:
    """A message for the cashier, shown in place."""

    text: str
    error: bool = True


@dataclass(frozen=True)
class SaleState:
    """Everything the till screen shows about the sale in progress."""

    cart: Cart
    totals: CartTotals
    tenders: tuple[Tender, ...]
    settlement: Settlement
    quick_cash: tuple[int, ...]


class SaleController(QObject):
    sig_state_changed = Signal(object)  # SaleState
    sig_message = Signal(object)  # Notice (no bools in signals: see pos.ui.tasks)
    sig_search_results = Signal(object)  # tuple[ProductHit, ...]
    sig_sale_completed = Signal(object)  # CompletedSale
    sig_commit_started = Signal()
    sig_commit_finished = Signal()
    sig_line_added = Signal(int)  # index of the line that changed
    sig_thank_you = Signal(str)  # the thank-you chosen for the sale just completed
    sig_thanked = Signal(object, str)  # the sale and its thank-you (for the receipt)
    sig_unknown_code = Signal(str, int, str)  # code, quantity, message: offer to add it

    def __init__(
        self, catalogue: CatalogueService, checkout: CheckoutService, tasks: TaskRunner
    ) -> None:
        super().__init__()
        self._catalogue = catalogue
        self._checkout = checkout
        self._tasks = tasks
        self._rules = PricingRules()
        self._signed_in: SignedIn | None = None
        self._thank_you = ""
        self._pick_thank_you: Callable[[CompletedSale], str] | None = None
        self._search_task: int | None = None
        self._committing = False
        self._new_sale()

    # -- lifecycle ---------------------------------------------------------------
    def start(self, signed_in: SignedIn) -> None:
        self._signed_in = signed_in
        self._thank_you = signed_in.shop.thank_you
        self._tasks.submit(Lane.DB_READ, self._checkout.pricing_rules, self._set_rules,
                           self._report)

    def _set_rules(self, rules: PricingRules) -> None:
        self._rules = rules
        self._publish()

    def _new_sale(self) -> None:
        self._cart = Cart()
        self._uuid = str(uuid.uuid4())
        self._tenders: tuple[Tender, ...] = ()
        self._customer_id: int | None = None

    @property
    def cart(self) -> Cart:
        return self._cart

    @property
    def customer_id(self) -> int | None:
        return self._customer_id

    @property
    def sale_uuid(self) -> str:
        """The sale in progress's UUID (a new one for each new, resumed or dropped sale)."""
        return self._uuid

    @property
    def committing(self) -> bool:
        return self._committing

    def state(self) -> SaleState:
        totals = price_cart(self._cart, self._rules)
        settlement = settle(totals.total_minor, self._tenders,
                            cash_rounding_minor=self._rules.cash_rounding_minor)
        due = settlement.remaining_minor
        return SaleState(self._cart, totals, self._tenders, settlement,
                         quick_cash_amounts(due) if due > 0 else ())

    def _publish(self) -> None:
        self.sig_state_changed.emit(self.state())

    def _report(self, error: PosError) -> None:
        self._say(error.message)

    def _say(self, text: str, *, error: bool = True) -> None:
        self.sig_message.emit(Notice(text, error=error))

    def _change_cart(self, change: Callable[[Cart], Cart]) -> bool:
        """Apply a cart operation; a refused one leaves the cart as it was and says why."""
        if self._committing:
            self._say("wait: the sale is being saved")
            return False
        if self._tenders:
            self._say("payment has started; remove the payments (Esc) before changing the sale")
            return False
        try:
            self._cart = change(self._cart)
        except UserError as error:
            self._report(error)
            return False
        self._publish()
        return True

    # -- ringing up ---------------------------------------------------------------
    def scan(self, code: str, quantity: int = 1) -> None:
        """Look a scanned or typed code up in the background, then add it."""
        self._tasks.submit(
            Lane.DB_READ, lambda: self._catalogue.scan(code),
            lambda item: self._add_scanned(item, quantity),
            lambda error: self._scan_failed(code, quantity, error),
        )

    def _scan_failed(self, code: str, quantity: int, error: PosError) -> None:
        if isinstance(error, NotFoundError) and self.may_add_products:
            self.sig_unknown_code.emit(code, quantity, error.message)
        else:
            self._report(error)

    @property
    def may_add_products(self) -> bool:
        return self._signed_in is not None and self._signed_in.cashier.role in PRODUCT_EDITORS

    def add_new_product(self, code: str, quantity: int, answer: str) -> None:
        """"Blue Mug 4.50" for an unknown code: create the product, then ring it up."""
        name, _, price = answer.strip().rpartition(" ")
        role = self._signed_in.cashier.role if self._signed_in else ""
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._catalogue.add_from_till(code, name, price, role),
            lambda product: self.add_product(product, quantity), self._report,
        )

    def _add_scanned(self, item: ScannedItem, quantity: int) -> None:
        product = item.product
        if item.line_price_minor is not None:
            line = CartLine(product.id, product.code, product.name, product.price_minor, 1,
                            product.tax_rate_bp, weight_grams=item.weight_grams,
                            line_price_minor=item.line_price_minor)
        else:
            line = CartLine(product.id, product.code, product.name, product.price_minor,
                            quantity, product.tax_rate_bp)
        self.add_line(line)

    def add_product(self, product: ProductHit, quantity: int = 1) -> None:
        if not product.active:
            self._say(f"{product.name} is no longer sold")
            return
        self.add_line(CartLine(product.id, product.code, product.name, product.price_minor,
                               quantity, product.tax_rate_bp))

    def add_line(self, line: CartLine) -> None:
        if self._change_cart(lambda cart: cart.add(line)):
            index = next(
                (i for i in range(len(self._cart.lines) - 1, -1, -1)
                 if self._cart.lines[i].product_id == line.product_id),
                len(self._cart.lines) - 1,
            )
            self.sig_line_added.emit(index)
            self._say(f"{line.name} added", error=False)

    def search(self, text: str) -> None:
        """Search as you type: only the latest search's results are shown."""
        if self._search_task is not None:
            self._tasks.forget(self._search_task)
        if not text.strip():
            self._search_task = None
            self.sig_search_results.emit(())
            return
        self._search_task = self._tasks.submit(
            Lane.DB_READ, lambda: self._catalogue.search(text), self.sig_search_results.emit,
            self._report,
        )

    # -- editing lines ------------------------------------------------------------------
    def set_quantity(self, index: int, quantity: int) -> None:
        self._change_cart(lambda cart: cart.set_quantity(index, quantity))

    def void_line(self, index: int, reason: str) -> None:
        name = self._cart.lines[index].name if 0 <= index < len(self._cart.lines) else ""
        if self._change_cart(lambda cart: cart.void_line(index, reason)):
            self._say(f"{name} voided ({reason.strip()})", error=False)

    def discount_line(self, index: int, text: str) -> None:
        limit = self._discount_limit()
        self._change_cart(lambda cart: cart.discount_line(index, parse_discount(text), limit))

    def discount_sale(self, text: str) -> None:
        limit = self._discount_limit()
        self._change_cart(lambda cart: cart.discount_sale(parse_discount(text), limit))

    def override_price(self, index: int, text: str) -> None:
        def change(cart: Cart) -> Cart:
            return cart.override_price(index, parse_tendered(text))

        self._change_cart(change)

    def mark_gift(self, index: int | None, text: str) -> None:
        """Mark line `index` (None: the whole sale) as a gift from the cashier's answer
        ("Anna, birthday, 2026-12-24"); an empty answer removes the mark. Prices do not
        change, so this is allowed after payment has started too."""
        if self._committing:
            self._say("wait: the sale is being saved")
            return
        try:
            mark = parse_gift(text)
            self._cart = self._cart.mark_gift(index, mark)
        except UserError as error:
            self._report(error)
            return
        self._publish()
        what = "the sale" if index is None else self._cart.lines[index].name
        if mark is None:
            self._say(f"{what} is no longer marked as a gift", error=False)
        else:
            self._say(f"{what}: a gift for {mark.recipient} ({mark.occasion.label})",
                      error=False)

    def _discount_limit(self) -> int:
        role = self._signed_in.cashier.role if self._signed_in else "cashier"
        return discount_limit_bp(role)

    # -- paying -------------------------------------------------------------------------
    def add_cash(self, text: str) -> None:
        """Record cash handed over; completes the sale when it covers what is due."""
        try:
            due = self.state().settlement.remaining_minor
            amount = parse_tendered(text) if text.strip() else due
            self._add_tender(Tender("cash", amount))
        except UserError as error:
            self._report(error)

    def add_card(self, amount_text: str, reference: str) -> None:
        """Record a card payment approved on the terminal (amount defaults to what is due)."""
        try:
            due = self.state().settlement.remaining_minor
            amount = parse_tendered(amount_text) if amount_text.strip() else due
            self._add_tender(Tender("card", amount, reference.strip()))
        except UserError as error:
            self._report(error)

    def add_voucher(self, amount_text: str, code: str) -> None:
        """Pay (part) with a gift voucher or store credit ("SC-..." codes) by its code."""
        try:
            cleaned = code.strip().upper()
            if not cleaned:
                raise UserError("type or scan the voucher's code")
            due = self.state().settlement.remaining_minor
            amount = parse_tendered(amount_text) if amount_text.strip() else due
            method: TenderMethod = "store_credit" if cleaned.startswith("SC-") else "voucher"
            self._add_tender(Tender(method, amount, cleaned))
        except UserError as error:
            self._report(error)

    def _add_tender(self, tender: Tender) -> None:
        if not self._cart.lines:
            raise UserError("the sale has no items; scan or search a product first")
        if self._committing:
            raise UserError("wait: the sale is being saved")
        tenders = (*self._tenders, tender)
        totals = price_cart(self._cart, self._rules)
        settle(totals.total_minor, tenders, cash_rounding_minor=self._rules.cash_rounding_minor)
        self._tenders = tenders
        self._publish()
        if self.state().settlement.complete:
            self.complete()

    def clear_payments(self) -> None:
        if self._tenders and not self._committing:
            self._tenders = ()
            self._publish()
            self._say("payments removed", error=False)

    def complete(self) -> None:
        """Commit the sale in the background; a second press while saving does nothing."""
        if self._committing:
            return
        state = self.state()
        if not self._cart.lines:
            self._say("the sale has no items; scan or search a product first")
            return
        if not state.settlement.complete:
            self._say(f"{format_minor(state.settlement.remaining_minor)} still to pay; "
                      "take cash or a card payment first")
            return
        assert self._signed_in is not None
        request = SaleRequest(self._uuid, self._signed_in.cashier.id, self._cart,
                              self._tenders, self._customer_id)
        rules = self._rules
        self._set_committing(True)
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._checkout.complete_sale(request, rules),
            self._completed, self._commit_failed,
        )

    def _set_committing(self, committing: bool) -> None:
        self._committing = committing
        if committing:
            self.sig_commit_started.emit()
        else:
            self.sig_commit_finished.emit()

    def _completed(self, sale: CompletedSale) -> None:
        self._set_committing(False)
        self._new_sale()
        self._publish()
        self.sig_sale_completed.emit(sale)
        pick = self._pick_thank_you
        if pick is None:
            self._thank(sale, self._thank_you)
            return
        # The pick records which words this customer got (variety across visits and tills):
        # a write, so it takes the writer lane, after the sale's own commit.
        self._tasks.submit(Lane.DB_WRITE, lambda: pick(sale),
                           lambda text: self._thank(sale, text),
                           lambda _error: self._thank(sale, self._thank_you))

    def _thank(self, sale: CompletedSale, text: str) -> None:
        self.sig_thank_you.emit(text)
        self.sig_thanked.emit(sale, text)

    def set_thank_you_picker(self, pick: Callable[[CompletedSale], str]) -> None:
        """Choose each sale's thank-you with `pick` (run in the background)."""
        self._pick_thank_you = pick

    def _commit_failed(self, error: PosError) -> None:
        self._set_committing(False)
        self._say(f"the sale was NOT saved: {error.message}. It is still here; press "
                  "Complete sale to try again")

    def abandon(self) -> None:
        """Start a new, empty sale (the current one is dropped, nothing is saved)."""
        if not self._committing:
            self._new_sale()
            self._publish()

    def attach_customer(self, customer_id: int | None) -> None:
        """Who the sale is for (None: a walk-in); allowed before or after the lines."""
        if self._committing:
            self._say("wait: the sale is being saved")
            return
        self._customer_id = customer_id
        self._publish()

    def replace_cart(self, cart: Cart, customer_id: int | None) -> None:
        """Put a resumed (parked) cart on screen as the sale in progress."""
        self._new_sale()
        self._cart = cart
        self._customer_id = customer_id
        self._publish()
