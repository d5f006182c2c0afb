"""Returns: against a receipt (never more than was bought) or, with a reason, without one.

A return is a `sale` row of kind "return" with negative quantities, totals and tax,
numbered from the same gapless per-register counter as sales and written in one
transaction with its lines, its refund payments (negative amounts), any store credit
it issues and the customer's statistics. The original sale is locked while a return
against it is written, so two tills returning the same line queue and the second
sees what the first took back.
"""

import secrets
import string
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, get_args

from pos.db.customer_history import CustomerHistory
from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.models import Payment, Sale, SaleLine, Voucher
from pos.db.sales import SalesRepository
from pos.domain.cart import Cart, CartLine
from pos.domain.clock import Clock, utc_now
from pos.domain.customer_records import PastSale
from pos.domain.errors import NotFoundError, UserError
from pos.domain.pricing import PricingRules, price_cart
from pos.domain.receipts import format_receipt_number
from pos.domain.returns import ReturnableLine, ReturnLine, plan_return
from pos.domain.tender import TENDER_METHODS, TenderMethod
from pos.services.checkout import CheckoutService, PaidTender
from pos.services.numbering import checked_note, number_next_document

RefundMethod = Literal["original", "store_credit"]
REFUND_METHODS: tuple[RefundMethod, ...] = get_args(RefundMethod)
REASON_MAX_LENGTH = 200
STORE_CREDIT_PREFIX = "SC-"
STORE_CREDIT_ALPHABET = string.ascii_uppercase + string.digits
STORE_CREDIT_CODE_LENGTH = 8
RECENT_SALES = 10
"""How many of a customer's sales the returns screen lists."""
_REFUND_ORDER: tuple[TenderMethod, ...] = ("card", "voucher", "store_credit")
"""Tenders paid back before cash, in this order (see `split_to_original_tenders`)."""


@dataclass(frozen=True, slots=True)
class ReturnableSale:
    """A sale as the returns screen shows it, with what has already come back per line."""

    id: int
    receipt_number: str
    completed_at: datetime
    customer_id: int | None
    total_minor: int
    payments: tuple[PaidTender, ...]
    lines: tuple[ReturnableLine, ...]

    @property
    def fully_returned(self) -> bool:
        return all(line.quantity_returnable == 0 for line in self.lines)


@dataclass(frozen=True, slots=True)
class CompletedReturn:
    """A committed return. `refund_minor` and `tax_minor` are positive (what went back);
    the payments are negative, as stored."""

    id: int
    uuid: str
    receipt_number: str
    original_receipt_number: str | None
    completed_at: datetime
    cashier_id: int
    customer_id: int | None
    reason: str
    lines: tuple[ReturnLine, ...]
    refund_minor: int
    tax_minor: int
    payments: tuple[PaidTender, ...]
    store_credit_code: str | None
    """The code of the store credit issued, when the refund went to store credit."""


@dataclass(frozen=True, slots=True)
class Refund:
    """Money going back to the customer on one tender (`amount_minor` > 0)."""

    method: TenderMethod
    reference: str
    amount_minor: int


@dataclass(frozen=True, slots=True)
class _ReturnedLine:
    """A planned line with what its `sale_line` row needs besides the refund."""

    planned: ReturnLine
    product_code: str
    unit_price_minor: int
    tax_rate_bp: int
    weight_grams: int | None
    gross_minor: int
    """The returned units' price before discounts (their share of the line's)."""
    original_line_id: int | None


@dataclass(frozen=True, slots=True)
class _Draft:
    """A return ready to write: its lines, whom it is for, and its original sale."""

    lines: tuple[_ReturnedLine, ...]
    reason: str
    customer_id: int | None
    original: Sale | None
    tax_added: bool
    """Prices excluded tax: the customer paid (and gets back) the lines plus their tax."""

    @property
    def tax_minor(self) -> int:
        return sum(line.planned.tax_minor for line in self.lines)

    @property
    def gross_minor(self) -> int:
        return sum(line.gross_minor for line in self.lines)

    @property
    def lines_minor(self) -> int:
        return sum(line.planned.refund_minor for line in self.lines)

    @property
    def refund_minor(self) -> int:
        return self.lines_minor + (self.tax_minor if self.tax_added else 0)


class ReturnsService:
    def __init__(self, database: Database, register_code: str, clock: Clock = utc_now) -> None:
        self._database = database
        self._register_code = register_code
        self._clock = clock

    def find_sale(self, receipt_number: str) -> ReturnableSale:
        """The sale with this receipt number (typed in any case, with or without spaces)."""
        number = self._normalised(receipt_number)
        with translate_database_errors(), self._database.reader() as uow:
            repo = SalesRepository(uow.session)
            sale = _original_sale(repo.by_receipt_number(number), number)
            returnable, _ = _returnable(repo, sale)
        return returnable

    def recent_sales(self, customer_id: int, limit: int = RECENT_SALES) -> tuple[PastSale, ...]:
        """The customer's last `limit` sales (not their returns), newest first: the
        receipts a return "by customer" picks from."""
        with translate_database_errors(), self._database.reader() as uow:
            history = CustomerHistory(uow.session)
            return tuple(history.sales(customer_id, limit=limit, kind="sale"))

    def return_items(
        self,
        receipt_number: str,
        requested: Mapping[int, int],
        refund_method: RefundMethod,
        cashier_id: int,
        reason: str = "",
    ) -> CompletedReturn:
        """Take back `requested` (line number -> quantity) of a sale and refund it.

        "original" pays back to the sale's own tenders (`split_to_original_tenders`);
        "store_credit" issues a store-credit voucher for the customer of the sale.
        """
        _check_refund_method(refund_method)
        note = _reason(reason, required=False)
        number = self._normalised(receipt_number)
        with translate_database_errors(), self._database.writer() as uow:
            repo = SalesRepository(uow.session)
            original = _original_sale(repo.lock_sale(number), number)
            draft = _draft_from_receipt(repo, original, requested, note)
            completed = self._write(repo, draft, refund_method, cashier_id)
            uow.commit()
        return completed

    def return_without_receipt(
        self,
        lines: Sequence[tuple[int, int]],
        reason: str,
        cashier_id: int,
        refund_method: RefundMethod,
    ) -> CompletedReturn:
        """Take back `lines` ((product id, quantity)) at today's prices; a reason is required.

        With no receipt there is no original tender: "original" refunds cash.
        """
        _check_refund_method(refund_method)
        note = _reason(reason, required=True)
        if not lines:
            raise UserError("choose at least one item to return")
        rules = CheckoutService(self._database, self._register_code, self._clock).pricing_rules()
        with translate_database_errors(), self._database.writer() as uow:
            repo = SalesRepository(uow.session)
            cart = _cart_at_current_prices(repo, lines)
            draft = _Draft(
                lines=_priced_lines(cart, rules),
                reason=note,
                customer_id=None,
                original=None,
                tax_added=not rules.prices_include_tax,
            )
            completed = self._write(repo, draft, refund_method, cashier_id)
            uow.commit()
        return completed

    def _normalised(self, receipt_number: str) -> str:
        number = "".join(receipt_number.split()).upper()
        if not number:
            example = format_receipt_number(self._register_code, 123)
            raise UserError(f"enter the receipt number printed on the receipt, like {example}")
        return number

    def _write(
        self, repo: SalesRepository, draft: _Draft, refund_method: RefundMethod, cashier_id: int
    ) -> CompletedReturn:
        """Number and write the return, its lines, refunds and the customer's statistics."""
        document = number_next_document(repo, self._register_code)
        now = self._clock()
        sale = Sale(
            uuid=str(uuid.uuid4()),
            kind="return",
            register_id=document.register_id,
            receipt_seq=document.receipt_seq,
            receipt_number=document.receipt_number,
            shift_id=document.shift_id,
            cashier_id=cashier_id,
            customer_id=draft.customer_id,
            original_sale_id=None if draft.original is None else draft.original.id,
            return_reason=draft.reason,
            subtotal_minor=-draft.gross_minor,
            discount_minor=-(draft.gross_minor - draft.lines_minor),
            tax_minor=-draft.tax_minor,
            total_minor=-draft.refund_minor,
            completed_at=now,
        )
        repo.add_all([sale])
        repo.add_all(_return_lines(sale.id, draft.lines))
        if refund_method == "store_credit":
            refunds, credit_code = _issue_store_credit(repo, sale, draft.refund_minor, now)
        else:
            refunds, credit_code = _refunds_to_original(repo, draft), None
        payments = [_refund_payment(sale.id, refund, now) for refund in refunds]
        repo.add_all(payments)
        if draft.customer_id is not None:
            repo.record_visit(draft.customer_id, -draft.refund_minor, now)
        return CompletedReturn(
            id=sale.id,
            uuid=sale.uuid,
            receipt_number=sale.receipt_number,
            original_receipt_number=(
                None if draft.original is None else draft.original.receipt_number
            ),
            completed_at=now,
            cashier_id=cashier_id,
            customer_id=draft.customer_id,
            reason=draft.reason,
            lines=tuple(line.planned for line in draft.lines),
            refund_minor=draft.refund_minor,
            tax_minor=draft.tax_minor,
            payments=tuple(_paid(payment) for payment in payments),
            store_credit_code=credit_code,
        )


def split_to_original_tenders(
    refund_minor: int,
    paid: Sequence[Refund],
    already_refunded: Mapping[tuple[str, str], int],
) -> tuple[Refund, ...]:
    """Share a refund over the tenders that paid the sale.

    Cards first, then vouchers and store credit (back onto the same code), each up to
    what it paid less what earlier returns already put back on it, in the order they
    were paid; whatever is left goes back in cash. So a sale paid 10.00 by card and
    3.50 in cash refunds card first, and cash only once the card is paid back in full.
    """
    available: dict[tuple[str, str], int] = {}
    for tender in paid:
        key = (tender.method, tender.reference)
        available[key] = available.get(key, 0) + tender.amount_minor
    for earlier, refunded in already_refunded.items():
        if earlier in available:
            available[earlier] -= refunded
    remaining, refunds = refund_minor, []
    for method in _REFUND_ORDER:
        for (paid_method, reference), amount in available.items():
            share = min(remaining, amount) if paid_method == method else 0
            if share > 0:
                refunds.append(Refund(method, reference, share))
                remaining -= share
    if remaining > 0:
        refunds.append(Refund("cash", "", remaining))
    return tuple(refunds)


def _check_refund_method(refund_method: str) -> None:
    if refund_method not in REFUND_METHODS:
        raise ValueError(f"a refund method is one of {REFUND_METHODS}, not {refund_method!r}")


def _reason(text: str, *, required: bool) -> str:
    return checked_note(
        text, what="reason for the return", max_length=REASON_MAX_LENGTH, required=required
    )


def _original_sale(sale: Sale | None, number: str) -> Sale:
    if sale is None:
        raise NotFoundError(
            f"no sale has the receipt number {number}; check the number on the receipt"
        )
    if sale.kind != "sale":
        raise UserError(f"{number} is a return, not a sale; enter the receipt number of the sale")
    return sale


def _returnable(repo: SalesRepository, sale: Sale) -> tuple[ReturnableSale, list[SaleLine]]:
    """The sale with each line's quantity already returned, and its stored lines."""
    rows = repo.lines(sale.id)
    returned = repo.returned_quantities(sale.id)
    lines = tuple(
        ReturnableLine(
            line_no=row.line_no,
            product_id=row.product_id,
            name=row.name,
            quantity_sold=row.quantity,
            quantity_returned=returned.get(row.id, 0),
            line_total_minor=row.total_minor,
            line_tax_minor=row.tax_minor,
        )
        for row in rows
    )
    payments = tuple(_paid(payment) for payment in repo.payments(sale.id))
    returnable = ReturnableSale(
        sale.id, sale.receipt_number, sale.completed_at, sale.customer_id, sale.total_minor,
        payments, lines,
    )
    return returnable, rows


def _draft_from_receipt(
    repo: SalesRepository, original: Sale, requested: Mapping[int, int], reason: str
) -> _Draft:
    returnable, rows = _returnable(repo, original)
    by_number = {row.line_no: row for row in rows}
    sold = {line.line_no: line for line in returnable.lines}
    lines = tuple(
        _returned_line(planned, sold[planned.line_no], by_number[planned.line_no])
        for planned in plan_return(returnable.lines, requested)
    )
    return _Draft(
        lines=lines,
        reason=reason,
        customer_id=original.customer_id,
        original=original,
        tax_added=_tax_was_added(original, rows),
    )


def _returned_line(planned: ReturnLine, sold: ReturnableLine, row: SaleLine) -> _ReturnedLine:
    return _ReturnedLine(
        planned=planned,
        product_code=row.product_code,
        unit_price_minor=row.unit_price_minor,
        tax_rate_bp=row.tax_rate_bp,
        weight_grams=row.weight_grams,
        gross_minor=_gross_share(sold, row, planned.quantity),
        original_line_id=row.id,
    )


def _gross_share(sold: ReturnableLine, row: SaleLine, quantity: int) -> int:
    """The next `quantity` units' share of the line's price before discounts.

    Shared over the units the same way as the refund, so over all returns of a line
    the shares add up to the line's gross and each unit's discount is never negative.
    """
    gross = replace(sold, line_total_minor=row.total_minor + row.discount_minor, line_tax_minor=0)
    return gross.refund_for(quantity)[0]


def _tax_was_added(sale: Sale, rows: Sequence[SaleLine]) -> bool:
    """Whether the sale's total is its lines plus their tax (prices excluding tax).

    Read from the sale itself rather than today's setting, which may have changed.
    """
    return sale.total_minor != sum(row.total_minor for row in rows)


def _cart_at_current_prices(repo: SalesRepository, lines: Sequence[tuple[int, int]]) -> Cart:
    products = repo.products_with_rates(product_id for product_id, _ in lines)
    cart = Cart()
    for product_id, quantity in lines:
        if product_id not in products:
            raise NotFoundError(f"no product has the id {product_id}; scan or search the item")
        product, rate_bp = products[product_id]
        if product.sold_by_weight:
            raise UserError(f"{product.name} is sold by weight; return it with its receipt")
        cart = cart.add(
            CartLine(product.id, product.code, product.name, product.price_minor, quantity, rate_bp)
        )
    return cart


def _priced_lines(cart: Cart, rules: PricingRules) -> tuple[_ReturnedLine, ...]:
    """The lines of a return without a receipt, priced as a sale of `cart` would be."""
    totals = price_cart(cart, rules)
    return tuple(
        _ReturnedLine(
            planned=ReturnLine(
                number, line.product_id, line.name, line.quantity,
                priced.total_minor, priced.tax_minor,
            ),
            product_code=line.code,
            unit_price_minor=line.unit_price_minor,
            tax_rate_bp=line.tax_rate_bp,
            weight_grams=None,
            gross_minor=priced.gross_minor,
            original_line_id=None,
        )
        for number, (line, priced) in enumerate(zip(cart.lines, totals.lines, strict=True), 1)
    )


def _return_lines(sale_id: int, lines: Sequence[_ReturnedLine]) -> list[SaleLine]:
    return [
        SaleLine(
            sale_id=sale_id,
            line_no=number,
            product_id=line.planned.product_id,
            original_line_id=line.original_line_id,
            product_code=line.product_code,
            name=line.planned.name,
            quantity=-line.planned.quantity,
            weight_grams=line.weight_grams,
            unit_price_minor=line.unit_price_minor,
            discount_minor=-(line.gross_minor - line.planned.refund_minor),
            tax_rate_bp=line.tax_rate_bp,
            tax_minor=-line.planned.tax_minor,
            total_minor=-line.planned.refund_minor,
        )
        for number, line in enumerate(lines, 1)
    ]


def _refunds_to_original(repo: SalesRepository, draft: _Draft) -> tuple[Refund, ...]:
    """Cash for a return without a receipt; the sale's own tenders otherwise."""
    if draft.original is None:
        return (Refund("cash", "", draft.refund_minor),) if draft.refund_minor else ()
    paid = [
        Refund(_tender_method(p.method), p.reference, p.amount_minor)
        for p in repo.payments(draft.original.id)
    ]
    refunds = split_to_original_tenders(
        draft.refund_minor, paid, repo.refunded_by_tender(draft.original.id)
    )
    for refund in refunds:
        if refund.method in ("voucher", "store_credit"):
            _credit_voucher(repo, refund)
    return refunds


def _credit_voucher(repo: SalesRepository, refund: Refund) -> None:
    voucher = repo.voucher(refund.reference)
    if voucher is None:
        raise UserError(
            f"voucher {refund.reference} that paid the sale no longer exists; "
            "refund to store credit instead"
        )
    voucher.balance_minor += refund.amount_minor


def _issue_store_credit(
    repo: SalesRepository, sale: Sale, amount_minor: int, now: datetime
) -> tuple[tuple[Refund, ...], str | None]:
    """A store-credit voucher for `amount_minor`, for the sale's customer (none for 0)."""
    if amount_minor == 0:
        return (), None
    code = _new_store_credit_code(repo)
    repo.add_all([
        Voucher(
            code=code, kind="store_credit", customer_id=sale.customer_id,
            issued_minor=amount_minor, balance_minor=amount_minor,
            issued_by_sale_id=sale.id, created_at=now,
        )
    ])
    return (Refund("store_credit", code, amount_minor),), code


def _new_store_credit_code(repo: SalesRepository) -> str:
    """An unused code like SC-7K2Q9XHD (36**8 codes: a clash is rare, but checked)."""
    for _ in range(10):
        code = STORE_CREDIT_PREFIX + "".join(
            secrets.choice(STORE_CREDIT_ALPHABET) for _ in range(STORE_CREDIT_CODE_LENGTH)
        )
        if repo.voucher(code) is None:
            return code
    raise RuntimeError("no unused store-credit code found in 10 tries")


def _refund_payment(sale_id: int, refund: Refund, now: datetime) -> Payment:
    return Payment(
        sale_id=sale_id,
        method=refund.method,
        amount_minor=-refund.amount_minor,
        tendered_minor=None,
        change_minor=0,
        reference=refund.reference,
        created_at=now,
    )


def _paid(payment: Payment) -> PaidTender:
    return PaidTender(
        payment.method, payment.amount_minor, payment.tendered_minor, payment.change_minor,
        payment.reference,
    )


def _tender_method(method: str) -> TenderMethod:
    for known in TENDER_METHODS:
        if method == known:
            return known
    raise ValueError(f"a stored payment has the unknown method {method!r}")
