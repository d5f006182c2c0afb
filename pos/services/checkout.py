"""Complete a sale: price it, check the payment, and commit it once, numbered.

The sale, its lines, its payments, voucher balances, voided-line records and the
customer's statistics are written in one transaction. The receipt number is taken
from the register row inside that transaction (gapless per register, also with
several tills on PostgreSQL). The sale's UUID, made when the cart was started, makes
a retried or double-pressed `Complete sale` return the first sale instead of a second.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from pos.db.database import Database
from pos.db.errors import is_unique_violation, translate_database_errors
from pos.db.gifts import gifts_of_sale
from pos.db.models import Payment, Sale, SaleGift, SaleLine, VoidedLine
from pos.db.repositories import ShopRepository
from pos.db.sales import SalesRepository
from pos.db.settings import SettingRepository
from pos.domain.cart import Cart
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.domain.money import format_minor
from pos.domain.pricing import CartTotals, PricingRules, price_cart
from pos.domain.tender import Settlement, Tender, settle
from pos.services.numbering import number_next_document

CASH_ROUNDING_SETTING = "checkout.cash_rounding_minor"
CASH_ROUNDING_STEPS = (1, 5, 10, 50, 100)
"""The smallest cash the shop hands over, in minor units (1: exact; 5: CHF 0.05)."""


@dataclass(frozen=True, slots=True)
class SaleRequest:
    """What the till sends to complete a sale."""

    uuid: str
    cashier_id: int
    cart: Cart
    tenders: tuple[Tender, ...]
    customer_id: int | None = None


@dataclass(frozen=True, slots=True)
class SoldLine:
    line_no: int
    product_id: int | None
    product_code: str
    name: str
    quantity: int
    weight_grams: int | None
    unit_price_minor: int
    discount_minor: int
    tax_rate_bp: int
    tax_minor: int
    total_minor: int


@dataclass(frozen=True, slots=True)
class PaidTender:
    method: str
    amount_minor: int
    tendered_minor: int | None
    change_minor: int
    reference: str


@dataclass(frozen=True, slots=True)
class SoldGift:
    """A gift mark as saved with the sale (`line_no` None: the whole sale)."""

    line_no: int | None
    recipient: str
    occasion: str
    occasion_on: date | None


@dataclass(frozen=True, slots=True)
class CompletedSale:
    id: int
    uuid: str
    receipt_number: str
    completed_at: datetime
    cashier_id: int
    customer_id: int | None
    subtotal_minor: int
    discount_minor: int
    tax_minor: int
    total_minor: int
    change_minor: int
    lines: tuple[SoldLine, ...]
    payments: tuple[PaidTender, ...]
    already_completed: bool = False
    """True when this UUID had been committed before (a retry): nothing new was written."""
    gifts: tuple[SoldGift, ...] = ()
    """The gift marks (the whole sale's, then by line); empty when nothing was a gift."""
    quotation_id: int | None = None
    """The quotation the sale's cart was taken back from (the till marks it converted)."""

    @property
    def is_gift(self) -> bool:
        return bool(self.gifts)


class CheckoutService:
    def __init__(self, database: Database, register_code: str, clock: Clock = utc_now) -> None:
        self._database = database
        self._register_code = register_code
        self._clock = clock

    def pricing_rules(self) -> PricingRules:
        with self._database.reader() as uow:
            shop = ShopRepository(uow.session).shop()
            rounding = SettingRepository(uow.session).value(CASH_ROUNDING_SETTING)
        if shop is None:
            raise UserError("the shop is not set up yet")
        return PricingRules(prices_include_tax=shop.prices_include_tax,
                            cash_rounding_minor=stored_cash_rounding(rounding))

    def complete_sale(self, request: SaleRequest, rules: PricingRules) -> CompletedSale:
        if not request.cart.lines:
            raise UserError("the sale has no items; scan or search a product first")
        totals = price_cart(request.cart, rules)
        settlement = settle(
            totals.total_minor, request.tenders, cash_rounding_minor=rules.cash_rounding_minor
        )
        if not settlement.complete:
            raise UserError(
                f"{format_minor(settlement.remaining_minor)} still to pay; take another payment"
            )
        try:
            return self._commit(request, totals, settlement)
        except Exception as error:
            if is_unique_violation(error, "uuid"):
                # Another attempt with the same UUID won the race: that sale stands.
                existing = self.find_by_uuid(request.uuid)
                if existing is not None:
                    return replace(existing, quotation_id=request.cart.quotation_id)
            raise

    def find_by_uuid(self, uuid: str) -> CompletedSale | None:
        with self._database.reader() as uow:
            repo = SalesRepository(uow.session)
            sale = repo.by_uuid(uuid)
            return None if sale is None else _completed(repo, sale, already_completed=True)

    def _commit(
        self, request: SaleRequest, totals: CartTotals, settlement: Settlement
    ) -> CompletedSale:
        """Write the sale with as few statements as it takes: the till waits on this."""
        with translate_database_errors(), self._database.writer() as uow:
            repo = SalesRepository(uow.session)
            inactive = repo.inactive_products(
                line.product_id for line in request.cart.lines if line.product_id is not None
            )
            if inactive:
                raise UserError(
                    f"{', '.join(sorted(inactive))} is no longer sold; void the line to go on"
                )
            document = number_next_document(repo, self._register_code)
            now = self._clock()
            sale_id = repo.insert_returning_id(Sale, {
                "uuid": request.uuid, "kind": "sale", "register_id": document.register_id,
                "receipt_seq": document.receipt_seq, "receipt_number": document.receipt_number,
                "shift_id": document.shift_id, "cashier_id": request.cashier_id,
                "customer_id": request.customer_id, "subtotal_minor": totals.subtotal_minor,
                "discount_minor": totals.discount_minor, "tax_minor": totals.tax_minor,
                "total_minor": totals.total_minor, "completed_at": now,
            })
            lines = sold_line_values(request.cart, totals)
            repo.insert_many(SaleLine, [{"sale_id": sale_id, **row} for row in lines])
            payments = _paid_tenders(repo, request.tenders, settlement)
            repo.insert_many(Payment, [
                {"sale_id": sale_id, "method": p.method, "amount_minor": p.amount_minor,
                 "tendered_minor": p.tendered_minor, "change_minor": p.change_minor,
                 "reference": p.reference, "created_at": now}
                for p in payments
            ])
            gifts = sold_gifts(request.cart)
            repo.insert_many(SaleGift, [
                {"sale_id": sale_id, "line_no": g.line_no, "recipient": g.recipient,
                 "occasion": g.occasion, "occasion_on": g.occasion_on, "created_at": now}
                for g in gifts
            ])
            repo.insert_many(VoidedLine, [
                {"register_id": document.register_id, "cashier_id": request.cashier_id,
                 "sale_uuid": request.uuid, "product_code": voided.line.code,
                 "name": voided.line.name, "quantity": voided.line.quantity,
                 "amount_minor": voided.line.gross_minor, "reason": voided.reason,
                 "created_at": now}
                for voided in request.cart.voided
            ])
            if request.customer_id is not None:
                repo.record_visit(request.customer_id, totals.total_minor, now)
            uow.commit()
        return CompletedSale(
            id=sale_id, uuid=request.uuid, receipt_number=document.receipt_number,
            completed_at=now, cashier_id=request.cashier_id, customer_id=request.customer_id,
            subtotal_minor=totals.subtotal_minor, discount_minor=totals.discount_minor,
            tax_minor=totals.tax_minor, total_minor=totals.total_minor,
            change_minor=settlement.change_minor,
            lines=tuple(SoldLine(**row) for row in lines),
            payments=payments, gifts=gifts, quotation_id=request.cart.quotation_id,
        )


def sold_gifts(cart: Cart) -> tuple[SoldGift, ...]:
    """The cart's gift marks as the sale keeps them (line numbers as in `sale_line`)."""
    return tuple(
        SoldGift(line_no, mark.recipient, mark.occasion.value, mark.occasion_on)
        for line_no, mark in cart.gifts
    )


def sold_line_values(cart: Cart, totals: CartTotals) -> list[dict[str, Any]]:
    """The sale_line values of each cart line as priced (also the receipt's lines)."""
    return [
        {
            "line_no": number, "product_id": line.product_id, "product_code": line.code,
            "name": line.name, "quantity": line.quantity, "weight_grams": line.weight_grams,
            "unit_price_minor": line.unit_price_minor, "discount_minor": priced.discount_minor,
            "tax_rate_bp": line.tax_rate_bp, "tax_minor": priced.tax_minor,
            "total_minor": priced.total_minor,
        }
        for number, (line, priced) in enumerate(zip(cart.lines, totals.lines, strict=True), 1)
    ]


def _paid_tenders(
    repo: SalesRepository, tenders: tuple[Tender, ...], settlement: Settlement
) -> tuple[PaidTender, ...]:
    """What each tender paid; the change comes out of the last cash tender."""
    last_cash = max((i for i, t in enumerate(tenders) if t.method == "cash"), default=None)
    paid = []
    for index, tender in enumerate(tenders):
        change = settlement.change_minor if index == last_cash else 0
        if tender.method in ("voucher", "store_credit"):
            _spend_voucher(repo, tender)
        paid.append(PaidTender(
            tender.method, tender.amount_minor - change,
            tender.amount_minor if tender.method == "cash" else None, change, tender.reference,
        ))
    return tuple(paid)


def _spend_voucher(repo: SalesRepository, tender: Tender) -> None:
    voucher = repo.voucher(tender.reference.strip())
    if voucher is None:
        raise UserError(f"no voucher or store credit has the code {tender.reference!r}")
    if voucher.balance_minor < tender.amount_minor:
        raise UserError(
            f"voucher {voucher.code} has only {format_minor(voucher.balance_minor)} left; "
            "take the rest another way"
        )
    voucher.balance_minor -= tender.amount_minor


def _completed(repo: SalesRepository, sale: Sale, *, already_completed: bool) -> CompletedSale:
    payments = repo.payments(sale.id)
    return CompletedSale(
        id=sale.id,
        uuid=sale.uuid,
        receipt_number=sale.receipt_number,
        completed_at=sale.completed_at,
        cashier_id=sale.cashier_id,
        customer_id=sale.customer_id,
        subtotal_minor=sale.subtotal_minor,
        discount_minor=sale.discount_minor,
        tax_minor=sale.tax_minor,
        total_minor=sale.total_minor,
        change_minor=sum(p.change_minor for p in payments),
        lines=tuple(
            SoldLine(
                line.line_no, line.product_id, line.product_code, line.name, line.quantity,
                line.weight_grams, line.unit_price_minor, line.discount_minor, line.tax_rate_bp,
                line.tax_minor, line.total_minor,
            )
            for line in repo.lines(sale.id)
        ),
        payments=tuple(
            PaidTender(p.method, p.amount_minor, p.tendered_minor, p.change_minor, p.reference)
            for p in payments
        ),
        already_completed=already_completed,
        gifts=tuple(
            SoldGift(g.line_no, g.recipient, g.occasion, g.occasion_on)
            for g in gifts_of_sale(repo.session, sale.id)
        ),
    )


def stored_cash_rounding(value: str | None) -> int:
    """The cash rounding step stored as `value` (1, no rounding, when none or not usable:
    only `check_cash_rounding`'s values are ever saved)."""
    try:
        step = int(value or 1)
    except ValueError:
        return 1
    return step if step in CASH_ROUNDING_STEPS else 1


def check_cash_rounding(value: str | int) -> int:
    """A cash rounding step from the owner, or `UserError` saying which are allowed."""
    text = str(value).strip()
    for step in CASH_ROUNDING_STEPS:
        if text == str(step):
            return step
    allowed = ", ".join(map(str, CASH_ROUNDING_STEPS[:-1]))
    raise UserError(
        f"cash rounding is {allowed} or {CASH_ROUNDING_STEPS[-1]} minor units "
        f"(5 rounds cash to the nearest 0.05; 1 is exact), not {text!r}"
    )
