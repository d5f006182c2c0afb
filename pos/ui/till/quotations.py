"""`Quotation` and `Quotations` at the till.

`Quotation` turns the sale on screen (and its customer, if any) into a quotation valid
for a number of days, clears the till and writes the quotation's PDF to the data
directory's quotations/ folder, to print or e-mail. `Quotations` takes one back by its
number (the attached customer's are offered) and puts it on the till in one step at the
quoted prices; an expired one asks first: keep the quoted prices, or today's. When that
sale is completed, the quotation is marked converted to it.
"""

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from pos.domain.cart import Cart
from pos.domain.errors import PosError, UserError
from pos.domain.money import format_minor
from pos.services.checkout import CompletedSale
from pos.services.quotations import (
    DEFAULT_VALID_DAYS,
    Quotation,
    QuotationCart,
    QuotationService,
    QuotationSummary,
)
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.sale_controller import SaleController
from pos.ui.till.screen import TillScreen
from pos.ui.widgets import show_message

PRICE_CHOICES = {"q": True, "c": False}


def parse_valid_days(text: str) -> int:
    answer = text.strip() or str(DEFAULT_VALID_DAYS)
    if not answer.isdigit():
        raise UserError(f"'{text.strip()}' is not a number of days; type e.g. "
                        f"{DEFAULT_VALID_DAYS}")
    return int(answer)


class QuotationActions(QObject):
    sig_quoted = Signal(object)  # Quotation: saved (its follow-up call is in the queue)
    sig_customer = Signal(int)  # the customer of a quotation taken back (show their panel)
    sig_converted = Signal(object)  # Quotation: became a sale (its follow-ups are closed)

    def __init__(
        self, screen: TillScreen, sale: SaleController, quotations: QuotationService,
        tasks: TaskRunner, pdf_folder: Path,
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._sale = sale
        self._quotations = quotations
        self._tasks = tasks
        self._pdf_folder = pdf_folder
        self._cashier_id: int | None = None
        sale.sig_sale_completed.connect(self._sale_completed)

    def start(self, cashier_id: int) -> None:
        self._cashier_id = cashier_id

    # -- Quotation: the sale on screen becomes a quotation ------------------------------
    @Slot()
    def quote(self) -> None:
        if not self._sale.cart.lines:
            self._failed(UserError("the quotation has no items; scan or search a product first"))
            return
        if self._sale.committing or self._sale.state().tenders:
            self._failed(UserError("payment has started; remove the payments (Esc) before "
                                   "making a quotation"))
            return
        self._screen.prompt.ask(
            f"Quotation valid for how many days? (Enter = {DEFAULT_VALID_DAYS})",
            self._create, initial=str(DEFAULT_VALID_DAYS),
            return_focus=self._screen.product_entry,
        )

    def _create(self, text: str) -> None:
        try:
            days = parse_valid_days(text)
        except UserError as error:
            self._failed(error)
            return
        cart, customer_id, cashier_id = self._sale.cart, self._sale.customer_id, self._cashier_id
        if cashier_id is None:
            return
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._quotations.create(cart, customer_id, cashier_id, days),
            lambda quotation: self._created(quotation, cart), self._failed,
        )

    def _created(self, quotation: Quotation, cart: Cart) -> None:
        saved = (f"Quotation {quotation.number} saved, valid until "
                 f"{quotation.valid_until:%a %d %b %Y}")
        if self._sale.cart is cart:
            self._sale.abandon()
        else:
            saved += " (the sale on screen changed meanwhile and is kept)"
        if quotation.follow_up_ids:
            saved += "; a follow-up call is in the queue"
        show_message(self._screen.message, saved, error=False)
        self.sig_quoted.emit(quotation)
        quotation_id, folder = quotation.id, self._pdf_folder
        self._tasks.submit(Lane.REPORTS,
                           lambda: self._quotations.save_pdf(quotation_id, folder),
                           lambda path: self._pdf_written(saved, path),
                           lambda error: self._failed(
                               PosError(f"{saved}, but its PDF was not written: "
                                        f"{error.message}")))

    def _pdf_written(self, saved: str, path: Path) -> None:
        show_message(self._screen.message, f"{saved}. PDF to print or e-mail: {path}",
                     error=False)

    # -- Quotations: one taken back onto the till -------------------------------------------
    @Slot()
    def recall(self) -> None:
        if self._sale.cart.lines or self._sale.committing:
            self._failed(UserError("finish or park the sale on screen before taking a "
                                   "quotation back"))
            return
        customer_id = self._sale.customer_id
        if customer_id is None:
            self._offer(())
            return
        self._tasks.submit(Lane.DB_READ,
                           lambda: self._quotations.not_converted_of(customer_id),
                           self._offer, self._failed)

    def _offer(self, offered: tuple[QuotationSummary, ...]) -> None:
        listed = "  ".join(
            f"{q.number} ({'EXPIRED ' if q.expired else ''}until {q.valid_until:%d %b}, "
            f"{format_minor(q.total_minor)})"
            for q in offered
        )
        question = "Quotation number to put on the till" + (
            f"; this customer's: {listed}:" if listed else " (e.g. Q1-000001):")
        self._screen.prompt.ask(question, self._find,
                                initial=offered[0].number if offered else "",
                                return_focus=self._screen.product_entry)

    def _find(self, number: str) -> None:
        self._tasks.submit(Lane.DB_READ, lambda: self._quotations.find(number), self._found,
                           self._failed)

    def _found(self, quotation: Quotation) -> None:
        if not quotation.expired:
            self._convert(quotation.id, use_quoted_prices=True)
            return
        self._screen.prompt.ask(
            f"Quotation {quotation.number} expired after {quotation.valid_until:%d %b %Y}: "
            "q = keep the quoted prices, c = use today's prices:",
            lambda answer: self._choose_prices(quotation.id, answer),
            return_focus=self._screen.product_entry,
        )

    def _choose_prices(self, quotation_id: int, answer: str) -> None:
        quoted = PRICE_CHOICES.get(answer.strip().lower()[:1])
        if quoted is None:
            self._failed(UserError("type q (the quoted prices) or c (today's prices); "
                                   "press Quotations again"))
            return
        self._convert(quotation_id, use_quoted_prices=quoted)

    def _convert(self, quotation_id: int, *, use_quoted_prices: bool) -> None:
        self._tasks.submit(
            Lane.DB_READ,
            lambda: self._quotations.convert_to_cart(quotation_id, use_quoted_prices),
            self._converted, self._failed,
        )

    def _converted(self, converted: QuotationCart) -> None:
        if self._sale.cart.lines or self._sale.committing:
            self._failed(UserError("finish or park the sale on screen before taking a "
                                   "quotation back"))
            return
        self._sale.replace_cart(converted.cart, converted.customer_id)  # it names the quotation
        if converted.customer_id is not None:
            self.sig_customer.emit(converted.customer_id)
        prices = "the quoted prices" if converted.quoted_prices else "today's prices"
        text = (converted.warning[0].upper() + converted.warning[1:] if converted.warning
                else f"Quotation {converted.number} is on the till at {prices}")
        show_message(self._screen.message, f"{text}; complete the sale as usual",
                     error=converted.expired)
        self._screen.product_entry.setFocus()

    # -- the sale it became -------------------------------------------------------------------
    @Slot(object)
    def _sale_completed(self, sale: CompletedSale) -> None:
        """A sale whose cart came from a quotation (even parked and resumed meanwhile)
        converts it."""
        quotation_id = sale.quotation_id
        if quotation_id is None:
            return  # (a retried sale marks it again: marking twice changes nothing)
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._quotations.mark_converted(quotation_id, sale.id),
            lambda quotation: self._marked(sale, quotation),
            lambda error: self._failed(PosError(
                f"sale {sale.receipt_number} is saved, but its quotation was not marked "
                f"converted: {error.message}")),
        )

    def _marked(self, sale: CompletedSale, quotation: Quotation) -> None:
        self.sig_converted.emit(quotation)
        shown = self._screen.message.text() if self._screen.message.isVisible() else ""
        note = f"quotation {quotation.number} converted to {sale.receipt_number}"
        show_message(self._screen.message, f"{shown}; {note}" if shown else note, error=False)

    def _failed(self, error: PosError) -> None:
        show_message(self._screen.message, error.message)
