"""Quotations at the till: priced like a sale, numbered, followed up, converted in one step.

`create` prices the cart with the shop's rules, takes the register's next quotation
number and adds the follow-ups the quotation rules ask for (by default a call the
next working day), all in one transaction. `convert_to_cart` gives the till the
quoted cart back (an expired quotation too, with a warning); the till completes the
sale as usual and then calls `mark_converted`. Expired quotations are marked by
`expire_due`, never deleted.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from pos.db import models
from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.followup_repository import FollowUpRepository
from pos.db.followup_rules import apply_rules
from pos.db.quotations import QuotationRepository
from pos.db.report_queries.common import shop_profile
from pos.db.repositories import ShopRepository
from pos.db.sales import SalesRepository
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.cart import Cart, CartLine
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import NotFoundError, UserError
from pos.domain.followup_rules import Trigger
from pos.domain.pricing import price_cart
from pos.domain.quotations import (
    QuotationStatus,
    format_quotation_number,
    is_expired,
    valid_until,
)
from pos.reports.quotation_pdf import QuotationPdf, QuotationPdfLine, write_quotation_pdf
from pos.services import cart_codec
from pos.services.checkout import CheckoutService, SoldLine, sold_line_values
from pos.services.followups import check_customer
from pos.services.shop_days import shop_today

DEFAULT_VALID_DAYS = 30


QuotedLine = SoldLine
"""A quotation's line is priced, and shown, exactly like a sale's."""


@dataclass(frozen=True, slots=True)
class Quotation:
    id: int
    number: str
    customer_id: int | None
    cashier_id: int
    status: str
    """open, converted or expired (as stored; see `expired`)."""
    created_at: datetime
    valid_until: date
    """The last day its prices hold (the shop's local day)."""
    expired: bool
    """Past its last valid day (marked or not yet) and not converted."""
    subtotal_minor: int
    discount_minor: int
    tax_minor: int
    total_minor: int
    prices_include_tax: bool
    lines: tuple[QuotedLine, ...]
    follow_up_ids: tuple[int, ...]
    converted_sale_id: int | None


@dataclass(frozen=True, slots=True)
class QuotationCart:
    """A quotation turned back into a cart for the till to complete as a sale."""

    quotation_id: int
    number: str
    customer_id: int | None
    cart: Cart
    quoted_prices: bool
    """True: the prices quoted; False: today's catalogue prices (discounts kept)."""
    expired: bool
    warning: str
    """What the cashier should know ("" when nothing): an expired quotation's date."""


@dataclass(frozen=True, slots=True)
class QuotationSummary:
    """A quotation in a short list (the customer's quotations not converted yet)."""

    id: int
    number: str
    valid_until: date
    total_minor: int
    expired: bool


class QuotationService:
    def __init__(self, database: Database, register_code: str, clock: Clock = utc_now) -> None:
        self._database = database
        self._register_code = register_code
        self._clock = clock

    def create(
        self,
        cart: Cart,
        customer_id: int | None,
        cashier_id: int,
        valid_days: int = DEFAULT_VALID_DAYS,
    ) -> Quotation:
        """Quote `cart` (priced with the shop's rules) for `valid_days` days.

        With a customer, the quotation rules' follow-ups (by default a call the next
        working day) are saved in the same transaction; without one there is nobody
        to call, so none is made.
        """
        if not cart.lines:
            raise UserError("the quotation has no items; scan or search a product first")
        rules = CheckoutService(self._database, self._register_code, self._clock).pricing_rules()
        totals = price_cart(cart, rules)
        now = self._clock()
        today = shop_today(self._database, now)
        last_day = valid_until(today, valid_days)
        with translate_database_errors(), self._database.writer() as uow:
            if customer_id is not None:
                check_customer(FollowUpRepository(uow.session), customer_id)
            repo = QuotationRepository(uow.session)
            taken = repo.take_number(self._register_code)
            if taken is None:
                raise UserError(f"register {self._register_code} is not set up; sign in again")
            register_id, sequence = taken
            row = models.Quotation(
                number=format_quotation_number(self._register_code, sequence),
                register_id=register_id, quote_seq=sequence, customer_id=customer_id,
                cashier_id=cashier_id, status=QuotationStatus.OPEN.value, valid_until=last_day,
                subtotal_minor=totals.subtotal_minor, discount_minor=totals.discount_minor,
                tax_minor=totals.tax_minor, total_minor=totals.total_minor,
                prices_include_tax=rules.prices_include_tax, cart_json=cart_codec.encode(cart),
                created_at=now,
            )
            repo.add(row, [models.QuotationLine(**line) for line in sold_line_values(cart, totals)])
            if customer_id is not None:
                apply_rules(uow.session, Trigger.QUOTATION, customer_id=customer_id, day=today,
                            now=now, source="quotation", source_id=row.id,
                            created_by_id=cashier_id)
            quotation = self._read(uow, row, today)
            uow.commit()
        return quotation

    def get(self, quotation_id: int) -> Quotation:
        today = self._today()
        with translate_database_errors(), self._database.reader() as uow:
            return self._read(uow, self._row(uow, quotation_id), today)

    def find(self, number: str) -> Quotation:
        """The quotation numbered `number` (as printed; case and spaces do not matter)."""
        wanted = number.strip().upper()
        if not wanted:
            raise UserError("type the quotation's number, e.g. Q1-000001")
        today = self._today()
        with translate_database_errors(), self._database.reader() as uow:
            row = QuotationRepository(uow.session).by_number(wanted)
            if row is None:
                raise NotFoundError(f"there is no quotation {wanted}; check the number on it")
            return self._read(uow, row, today)

    def not_converted_of(self, customer_id: int, limit: int = 5) -> tuple[QuotationSummary, ...]:
        """The customer's quotations that have not become a sale (open or expired), newest
        first: the ones the till offers to take back."""
        today = self._today()
        with translate_database_errors(), self._database.reader() as uow:
            rows = QuotationRepository(uow.session).not_converted_of(customer_id, limit)
            return tuple(
                QuotationSummary(row.id, row.number, row.valid_until, row.total_minor,
                                 is_expired(row.status, row.valid_until, today))
                for row in rows
            )

    def convert_to_cart(self, quotation_id: int, use_quoted_prices: bool = True) -> QuotationCart:
        """The quotation's cart, at the quoted prices or today's. An expired quotation
        converts too, with a warning; a converted one is refused."""
        today = self._today()
        with translate_database_errors(), self._database.reader() as uow:
            row = self._row(uow, quotation_id)
            if row.status == QuotationStatus.CONVERTED:
                raise UserError(_already_converted(uow, row))
            expired = is_expired(row.status, row.valid_until, today)
            cart = _decode(row)
            if not use_quoted_prices:
                cart = _at_current_prices(SalesRepository(uow.session), cart)
        warning = ""
        if expired:
            prices = "the quoted prices" if use_quoted_prices else "today's prices"
            warning = (f"quotation {row.number} expired after {row.valid_until.isoformat()}; "
                       f"the sale uses {prices}")
        return QuotationCart(row.id, row.number, row.customer_id,
                             replace(cart, quotation_id=row.id), use_quoted_prices,
                             expired, warning)

    def mark_converted(self, quotation_id: int, sale_id: int) -> Quotation:
        """Record that the quotation became sale `sale_id`; its open follow-ups close
        with the outcome "new sale". Marking it again with the same sale changes nothing."""
        today = self._today()
        with translate_database_errors(), self._database.writer() as uow:
            repo = QuotationRepository(uow.session)
            row = repo.get(quotation_id, lock=True)
            if row is None:
                raise NotFoundError(f"there is no quotation {quotation_id}")
            if row.status == QuotationStatus.CONVERTED and row.converted_sale_id != sale_id:
                raise UserError(_already_converted(uow, row))
            sale = repo.sale(sale_id)
            if sale is None or sale.kind != "sale":
                raise NotFoundError(f"there is no sale {sale_id} to convert {row.number} into")
            now = self._clock()
            if row.status != QuotationStatus.CONVERTED:
                row.status = QuotationStatus.CONVERTED.value
                row.converted_sale_id = sale_id
                row.converted_at = now
                for follow_up in FollowUpRepository(uow.session).open_from("quotation", row.id):
                    follow_up.status, follow_up.outcome, follow_up.done_at = "done", "new_sale", now
                    follow_up.sale_id = sale_id
            uow.session.flush()
            quotation = self._read(uow, row, today)
            uow.commit()
        return quotation

    def expire_due(self, today: date) -> int:
        """Mark open quotations past their last valid day as expired; how many were."""
        with translate_database_errors(), self._database.writer() as uow:
            count = QuotationRepository(uow.session).expire_due(today, self._clock())
            uow.commit()
        return count

    def pdf(self, quotation_id: int, path: Path) -> Path:
        """Write the quotation as a PDF to `path` (to print or attach to an e-mail)."""
        today = self._today()
        with translate_database_errors(), self._database.reader() as uow:
            document = self._pdf_document(uow, quotation_id, today)
        return _write_pdf(document, path)

    def save_pdf(self, quotation_id: int, folder: Path) -> Path:
        """Write the quotation's PDF as `folder`/<number>.pdf, making the folder if needed."""
        today = self._today()
        with translate_database_errors(), self._database.reader() as uow:
            document = self._pdf_document(uow, quotation_id, today)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UserError(f"cannot make the folder {folder} ({error.strerror or error}); "
                            "check the data directory can be written") from None
        return _write_pdf(document, folder / f"{document.number}.pdf")

    def _pdf_document(
        self, uow: SqlAlchemyUnitOfWork, quotation_id: int, today: date
    ) -> QuotationPdf:
        row = self._row(uow, quotation_id)
        profile = shop_profile(uow.session)
        if profile is None:
            raise UserError("the shop is not set up yet")
        repo = QuotationRepository(uow.session)
        customer = None if row.customer_id is None else repo.customer(row.customer_id)
        cashier = ShopRepository(uow.session).user(row.cashier_id)
        contact = " · ".join(part for part in (customer.phone, customer.email) if part) \
            if customer is not None else ""
        return QuotationPdf(
            number=row.number, shop=profile,
            customer_name=customer.name if customer is not None else "",
            customer_contact=contact, cashier_name=cashier.name if cashier else "",
            created_at=row.created_at, valid_until=row.valid_until,
            lines=tuple(
                QuotationPdfLine(line.name, line.product_code, line.quantity,
                                 line.unit_price_minor, line.discount_minor, line.tax_rate_bp,
                                 line.total_minor)
                for line in repo.lines(row.id)
            ),
            subtotal_minor=row.subtotal_minor, discount_minor=row.discount_minor,
            tax_minor=row.tax_minor, total_minor=row.total_minor,
            prices_include_tax=row.prices_include_tax,
            expired=is_expired(row.status, row.valid_until, today),
        )

    def _row(self, uow: SqlAlchemyUnitOfWork, quotation_id: int) -> models.Quotation:
        row = QuotationRepository(uow.session).get(quotation_id)
        if row is None:
            raise NotFoundError(f"there is no quotation {quotation_id}")
        return row

    def _read(self, uow: SqlAlchemyUnitOfWork, row: models.Quotation, today: date) -> Quotation:
        lines = QuotationRepository(uow.session).lines(row.id)
        return Quotation(
            id=row.id, number=row.number, customer_id=row.customer_id,
            cashier_id=row.cashier_id, status=row.status, created_at=row.created_at,
            valid_until=row.valid_until,
            expired=is_expired(row.status, row.valid_until, today),
            subtotal_minor=row.subtotal_minor, discount_minor=row.discount_minor,
            tax_minor=row.tax_minor, total_minor=row.total_minor,
            prices_include_tax=row.prices_include_tax,
            lines=tuple(
                QuotedLine(line.line_no, line.product_id, line.product_code, line.name,
                           line.quantity, line.weight_grams, line.unit_price_minor,
                           line.discount_minor, line.tax_rate_bp, line.tax_minor,
                           line.total_minor)
                for line in lines
            ),
            follow_up_ids=tuple(FollowUpRepository(uow.session).ids_from("quotation", row.id)),
            converted_sale_id=row.converted_sale_id,
        )

    def _today(self) -> date:
        return shop_today(self._database, self._clock())


def _write_pdf(document: QuotationPdf, path: Path) -> Path:
    try:
        return write_quotation_pdf(document, path)
    except OSError as error:
        raise UserError(f"cannot write {path} ({error.strerror or error}); "
                        "choose another file") from None


def _decode(row: models.Quotation) -> Cart:
    try:
        return cart_codec.decode(row.cart_json)
    except cart_codec.CartFormatError as error:
        raise UserError(
            f"quotation {row.number} cannot be read ({error}); ring the items up again"
        ) from error


def _at_current_prices(repo: SalesRepository, cart: Cart) -> Cart:
    """The cart with catalogue lines at today's price and tax rate. Price-overridden,
    weighed and price-marked lines, and products no longer on file, keep their price."""
    products = repo.products_with_rates(
        line.product_id for line in cart.lines if line.product_id is not None
    )

    def current(line: CartLine) -> CartLine:
        found = products.get(line.product_id) if line.product_id is not None else None
        if found is None or line.price_overridden or line.priced_as_whole:
            return line
        product, rate_bp = found
        return replace(line, unit_price_minor=product.price_minor, tax_rate_bp=rate_bp)

    return replace(cart, lines=tuple(current(line) for line in cart.lines))


def _already_converted(uow: SqlAlchemyUnitOfWork, row: models.Quotation) -> str:
    sale = None if row.converted_sale_id is None else \
        QuotationRepository(uow.session).sale(row.converted_sale_id)
    receipt = sale.receipt_number if sale is not None else "a sale"
    return f"quotation {row.number} was already converted to {receipt}"
