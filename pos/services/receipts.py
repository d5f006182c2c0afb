"""The receipt of a committed sale or return, as plain data (`pos.domain.receipt_model`).

Read in one unit of work: the sale (or the `CompletedSale` the till already holds),
the shop, the till, the cashier's and the customer's names. Times are shown in the
shop's zone and locale; amounts with the currency's symbol and decimals from Babel.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from babel import Locale
from babel.dates import format_datetime
from babel.numbers import get_currency_precision, get_currency_symbol

from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.gifts import gifts_of_sale
from pos.db.models import SaleGift, Shop
from pos.db.receipts import ReceiptRepository, SaleParties
from pos.db.sales import SalesRepository
from pos.domain.errors import EnvironmentProblemError, NotFoundError
from pos.domain.receipt_model import (
    Currency,
    Receipt,
    ReceiptKind,
    ReceiptLine,
    ReceiptPayment,
    ShopHeader,
)
from pos.domain.tax import summarise_taxes
from pos.reports.formatting import shop_locale, shop_zone
from pos.services.checkout import CompletedSale

METHOD_LABELS = {"cash": "Cash", "card": "Card", "voucher": "Voucher",
                 "store_credit": "Store credit"}


class _Line(Protocol):
    """A sold line, stored (`SaleLine`) or just committed (`SoldLine`)."""

    @property
    def name(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit_price_minor(self) -> int: ...
    @property
    def discount_minor(self) -> int: ...
    @property
    def total_minor(self) -> int: ...
    @property
    def tax_rate_bp(self) -> int: ...
    @property
    def tax_minor(self) -> int: ...
    @property
    def weight_grams(self) -> int | None: ...


class _Tender(Protocol):
    """A payment, stored (`Payment`) or just committed (`PaidTender`)."""

    @property
    def method(self) -> str: ...
    @property
    def amount_minor(self) -> int: ...
    @property
    def tendered_minor(self) -> int | None: ...
    @property
    def change_minor(self) -> int: ...
    @property
    def reference(self) -> str: ...


class ReceiptService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def for_sale(self, sale_id: int, *, copy: bool = False, gift: bool = False) -> Receipt:
        """The receipt of the sale or return `sale_id`, as stored."""
        with translate_database_errors(), self._database.reader() as uow:
            repo = ReceiptRepository(uow.session)
            sales = SalesRepository(uow.session)
            shop, parties, qr_template = _context(repo, sale_id)
            sale = parties.sale
            lines = sales.lines(sale_id)
            receipt = _receipt(
                shop, parties, qr_template, lines, sales.payments(sale_id),
                kind="return" if sale.kind == "return" else "sale", copy=copy, gift=gift,
            )
            if not gift:
                return receipt
            marks = gifts_of_sale(uow.session, sale_id)
        return _for_the_recipient(receipt, [line.line_no for line in lines], marks)

    def for_completed(
        self, sale: CompletedSale, *, copy: bool = False, gift: bool = False
    ) -> Receipt:
        """The receipt of a sale the till has just completed (its lines need no read)."""
        with translate_database_errors(), self._database.reader() as uow:
            shop, parties, qr_template = _context(ReceiptRepository(uow.session), sale.id)
        return _receipt(
            shop, parties, qr_template, sale.lines, sale.payments, kind="sale", copy=copy,
            gift=gift,
        )

    def last_sale_id(self, register_code: str) -> int | None:
        with translate_database_errors(), self._database.reader() as uow:
            return ReceiptRepository(uow.session).last_sale_id(register_code)

    def sale_id_for(self, receipt_number: str) -> int:
        """The sale with this receipt number ("r1-000123" and spaces are forgiven)."""
        number = receipt_number.strip().upper()
        with translate_database_errors(), self._database.reader() as uow:
            sale_id = ReceiptRepository(uow.session).sale_id_by_receipt(number)
        if sale_id is None:
            raise NotFoundError(f"no sale has the receipt number {number}; check the receipt")
        return sale_id


def _for_the_recipient(
    receipt: Receipt, line_numbers: list[int], marks: list[SaleGift]
) -> Receipt:
    """The gift receipt: the lines that are presents (every line when the whole sale is
    one, or when none is marked) and whom they are for."""
    marked = {mark.line_no for mark in marks}
    lines = receipt.lines
    if marks and None not in marked:
        lines = tuple(line for line, number in zip(receipt.lines, line_numbers, strict=True)
                      if number in marked)
    names = list(dict.fromkeys(mark.recipient for mark in marks if mark.recipient))
    gift_for = " and ".join(
        [", ".join(names[:-1]), names[-1]] if len(names) > 1 else names
    )
    return replace(receipt, lines=lines, gift_for=gift_for)


def _context(repo: ReceiptRepository, sale_id: int) -> tuple[Shop, SaleParties, str | None]:
    shop = repo.shop()
    if shop is None:
        raise EnvironmentProblemError("the database has no shop set up; run `pos demo`")
    parties = repo.parties(sale_id)
    if parties is None:
        raise NotFoundError(f"no sale has the id {sale_id}; pick the sale from the list")
    return shop, parties, repo.qr_template()


def _receipt(
    shop: Shop,
    parties: SaleParties,
    qr_template: str | None,
    lines: Iterable[_Line],
    payments: Iterable[_Tender],
    *,
    kind: ReceiptKind,
    copy: bool,
    gift: bool,
) -> Receipt:
    sale, sold, paid = parties.sale, list(lines), list(payments)
    tax_added = sale.total_minor != sum(line.total_minor for line in sold)
    locale = shop_locale(shop.locale)
    return Receipt(
        shop=ShopHeader(shop.name, shop.address, shop.vat_number),
        register=parties.register_name,
        cashier=parties.cashier_name,
        issued_at=_local_time(sale.completed_at, shop.timezone, locale),
        receipt_number=sale.receipt_number,
        kind=kind,
        lines=tuple(_line(line) for line in sold),
        subtotal_minor=sale.subtotal_minor,
        discount_minor=sale.discount_minor,
        tax_minor=sale.tax_minor,
        total_minor=sale.total_minor,
        taxes=summarise_taxes(
            ((line.tax_rate_bp, line.total_minor, line.tax_minor) for line in sold),
            prices_include_tax=not tax_added,
        ),
        tax_added=tax_added,
        payments=tuple(_payment(tender) for tender in paid),
        change_minor=sum(tender.change_minor for tender in paid),
        currency=Currency(
            shop.currency,
            get_currency_symbol(shop.currency, locale=locale),
            get_currency_precision(shop.currency),
        ),
        thank_you=shop.default_thank_you,
        customer_name=parties.customer_name,
        original_receipt_number=parties.original_receipt_number,
        qr_payload=qr_template.replace("{receipt}", sale.receipt_number) if qr_template else None,
        copy=copy,
        gift=gift,
    )


def _line(line: _Line) -> ReceiptLine:
    return ReceiptLine(
        name=line.name,
        quantity=line.quantity,
        unit_price_minor=line.unit_price_minor,
        gross_minor=line.total_minor + line.discount_minor,
        discount_minor=line.discount_minor,
        total_minor=line.total_minor,
        tax_rate_bp=line.tax_rate_bp,
        weight_grams=line.weight_grams,
    )


def _payment(tender: _Tender) -> ReceiptPayment:
    label = METHOD_LABELS.get(tender.method, tender.method.replace("_", " ").capitalize())
    if tender.amount_minor < 0:
        return ReceiptPayment(f"Refund to {label.lower()}", tender.amount_minor, tender.reference)
    shown = tender.tendered_minor if tender.tendered_minor is not None else tender.amount_minor
    return ReceiptPayment(label, shown, tender.reference)


def _local_time(at: datetime, zone_name: str, locale: Locale) -> str:
    zone = shop_zone(zone_name)
    return format_datetime(at.astimezone(zone), "short", tzinfo=zone, locale=locale)
