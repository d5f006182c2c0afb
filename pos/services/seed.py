"""Writing a whole shop at once: the parts the demo shop and the benchmark data sets share.

A builder fills an EMPTY, migrated database inside one unit of work. Rows go in with
Core bulk inserts (`pos.db.bulk`) and explicit ids counted from 1, so years of
history take seconds; PostgreSQL's sequences are moved past those ids at the end.
Everything random comes from a seeded `random.Random`, so the same clock gives the
same shop. Times are aware UTC; the shop's zone decides what a "day" is.
"""

import random
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Self
from zoneinfo import ZoneInfo

from pos.config import RESOURCES_DIR
from pos.db.bulk import Row, insert_rows
from pos.db.models import (
    Category,
    Customer,
    CustomerStats,
    Payment,
    Product,
    ProductBarcode,
    Register,
    Sale,
    SaleLine,
    Shift,
    Shop,
    TaxRate,
    User,
)
from pos.db.repositories import ShopRepository
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.barcodes import make_ean13
from pos.domain.errors import UserError
from pos.domain.receipts import format_receipt_number
from pos.domain.tax import tax_of
from pos.domain.text import search_key
from pos.services.pins import hash_pin

DEMO_RESOURCES = RESOURCES_DIR / "demo"
SHOP_ZONE = ZoneInfo("Europe/London")
REGISTER_CODE = "1"
OPENING_FLOAT_MINOR = 100_00
CASH_SHARE = 0.6
"""About this share of past sales were paid in cash, the rest by card."""


@dataclass(frozen=True)
class StaffMember:
    name: str
    pin: str
    role: str


STAFF = (
    StaffMember("Alex", "1234", "cashier"),
    StaffMember("Sam", "2345", "cashier"),
    StaffMember("Owner", "9999", "owner"),
)


@dataclass(frozen=True)
class TaxRateSpec:
    code: str
    name: str
    rate_bp: int


STANDARD_RATE = TaxRateSpec("STD", "Standard 20%", 2000)
REDUCED_RATE = TaxRateSpec("RED", "Reduced 5%", 500)
ZERO_RATE = TaxRateSpec("ZERO", "Zero 0%", 0)
TAX_RATES = (STANDARD_RATE, REDUCED_RATE, ZERO_RATE)


@dataclass(frozen=True)
class ShopSetup:
    """What `write_shop_setup` wrote, for the builders that follow."""

    opened_at: datetime
    register_id: int
    register_code: str
    cashier_ids: tuple[int, ...]
    tax_rate_ids: dict[str, int]
    """Tax rate ids by code."""
    tax_rate_bp: dict[str, int]
    """Tax rates in basis points by code."""
    category_ids: dict[str, int]
    """Category ids by name."""
    staff: int


def write_shop_setup(
    uow: SqlAlchemyUnitOfWork, categories: Sequence[str], opened_at: datetime
) -> ShopSetup:
    """Write the demo shop's identity, till, tax rates, categories and staff.

    The database must be empty: ids are given explicitly from 1, and a demo must never
    be mixed into a real shop.
    """
    _require_empty(ShopRepository(uow.session))
    session = uow.session
    insert_rows(session, Shop, [_shop_row(opened_at)])
    insert_rows(
        session,
        TaxRate,
        [
            {"id": number, "code": rate.code, "name": rate.name, "rate_bp": rate.rate_bp,
             "active": True}
            for number, rate in enumerate(TAX_RATES, start=1)
        ],
    )
    insert_rows(
        session,
        Category,
        [{"id": number, "name": name} for number, name in enumerate(categories, start=1)],
    )
    insert_rows(
        session,
        User,
        [
            {"id": number, "name": member.name, "role": member.role,
             "pin_hash": hash_pin(member.pin), "active": True, "created_at": opened_at}
            for number, member in enumerate(STAFF, start=1)
        ],
    )
    insert_rows(
        session,
        Register,
        [{"id": 1, "code": REGISTER_CODE, "name": f"Till {REGISTER_CODE}",
          "last_receipt_seq": 0, "created_at": opened_at}],
    )
    return ShopSetup(
        opened_at=opened_at,
        register_id=1,
        register_code=REGISTER_CODE,
        cashier_ids=tuple(
            number for number, member in enumerate(STAFF, start=1) if member.role == "cashier"
        ),
        tax_rate_ids={rate.code: number for number, rate in enumerate(TAX_RATES, start=1)},
        tax_rate_bp={rate.code: rate.rate_bp for rate in TAX_RATES},
        category_ids={name: number for number, name in enumerate(categories, start=1)},
        staff=len(STAFF),
    )


def _require_empty(repo: ShopRepository) -> None:
    shop = repo.shop()
    if shop is not None:
        kind = "a demo shop" if shop.is_demo else f"the shop {shop.name!r}"
        raise UserError(
            f"this database already holds {kind}; build the demo in an empty database "
            "(another data directory or POS_DATABASE_URL)"
        )
    if any(repo.counts().values()):
        raise UserError(
            "this database has products, customers or sales but no shop; "
            "build the demo in an empty database"
        )


def _shop_row(opened_at: datetime) -> Row:
    return {
        "id": 1,
        "name": "Hartley & Finch Gifts",
        "address": "14 Weavers Row\nHebden Bridge\nWest Yorkshire HX7 8AD",
        "vat_number": "GB 123 4567 89",
        "country": "GB",
        "currency": "GBP",
        "timezone": SHOP_ZONE.key,
        "locale": "en_GB",
        "prices_include_tax": True,
        "is_demo": True,
        "created_at": opened_at,
    }


def local_time(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A wall-clock time on `day` in the shop's zone, as aware UTC."""
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=SHOP_ZONE)
    return local.astimezone(UTC)


# --- Catalogue ---------------------------------------------------------------------------

SUPPLIER_PREFIXES = ("5012345", "5034567", "5056789", "5060123", "5098765")
"""GS1 UK-style company prefixes of invented suppliers (7 digits, EAN-13 "50")."""
SECOND_BARCODE_EVERY = 7
"""Every 7th product also carries an in-store barcode (prefix 20, restricted circulation)."""


@dataclass(frozen=True, slots=True)
class NewProduct:
    code: str
    name: str
    price_minor: int
    tax_code: str
    category: str


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    """A product as a sale line needs it."""

    id: int
    code: str
    name: str
    price_minor: int
    tax_rate_bp: int


def product_barcodes(index: int) -> tuple[str, ...]:
    """The EAN-13 barcodes of the `index`-th product (from 0): unique across products."""
    supplier = SUPPLIER_PREFIXES[index % len(SUPPLIER_PREFIXES)]
    item_reference = index // len(SUPPLIER_PREFIXES)
    barcodes = [make_ean13(f"{supplier}{item_reference:05d}")]
    if index % SECOND_BARCODE_EVERY == 0:
        # A UPC-A style second code: prefix 0. (Prefixes 20-29 mean price/weight embedded.)
        barcodes.append(make_ean13(f"00{index:010d}"))
    return tuple(barcodes)


def write_products(
    uow: SqlAlchemyUnitOfWork, setup: ShopSetup, products: Sequence[NewProduct]
) -> tuple[list[CatalogueItem], int]:
    """Insert the products and their barcodes; returns the catalogue and the barcode count."""
    product_rows: list[Row] = []
    barcode_rows: list[Row] = []
    catalogue: list[CatalogueItem] = []
    for index, product in enumerate(products):
        product_id = index + 1
        product_rows.append(
            {
                "id": product_id,
                "code": product.code,
                "name": product.name,
                "search_text": search_key(product.name, product.code),
                "price_minor": product.price_minor,
                "tax_rate_id": setup.tax_rate_ids[product.tax_code],
                "category_id": setup.category_ids[product.category],
                "sold_by_weight": False,
                "active": True,
                "created_at": setup.opened_at,
                "updated_at": setup.opened_at,
            }
        )
        barcode_rows.extend(
            {"product_id": product_id, "barcode": barcode} for barcode in product_barcodes(index)
        )
        catalogue.append(
            CatalogueItem(
                product_id, product.code, product.name, product.price_minor,
                setup.tax_rate_bp[product.tax_code],
            )
        )
    insert_rows(uow.session, Product, product_rows)
    insert_rows(uow.session, ProductBarcode, barcode_rows)
    return catalogue, len(barcode_rows)


# --- Customers ---------------------------------------------------------------------------

EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
"""Reserved for examples (RFC 2606): a demo can never mail a real person."""
EMAIL_SHARE = 0.9
NOTE_SHARE = 1 / 3
BIRTH_YEAR_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Birthday:
    day: int
    month: int
    year: int | None


def read_word_list(path: Path) -> tuple[str, ...]:
    """Non-empty lines of a resource file, without `#` comment lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def demo_phone(index: int) -> tuple[str, str]:
    """A phone number (as written, normalised E.164) from Ofcom's drama range 07700 900xxx.

    That range holds 1,000 numbers that are never given to anyone, so numbers repeat
    after the 1,000th customer.
    """
    suffix = f"{index % 1000:03d}"
    return f"07700 900{suffix}", f"+447700900{suffix}"


class PersonFactory:
    """Invents believable British customers: names, phone, e-mail, birthday, notes, consent."""

    def __init__(
        self,
        rng: random.Random,
        first_names: Sequence[str],
        last_names: Sequence[str],
        notes: Sequence[str],
    ) -> None:
        self._rng = rng
        self._first_names = first_names
        self._last_names = last_names
        self._notes = notes
        self._emails: set[str] = set()

    @classmethod
    def from_resources(cls, rng: random.Random, directory: Path = DEMO_RESOURCES) -> Self:
        return cls(
            rng,
            read_word_list(directory / "first_names.txt"),
            read_word_list(directory / "last_names.txt"),
            read_word_list(directory / "customer_notes.txt"),
        )

    def random_birthday(self) -> Birthday:
        """Any day of the year; the year for about half of the customers."""
        day = date(2000, 1, 1) + timedelta(days=self._rng.randrange(366))  # 2000: leap year
        return self.birthday_on(day)

    def birthday_on(self, day: date) -> Birthday:
        """A birthday on `day`'s day and month, with a plausible year about half the time."""
        year: int | None = None
        if self._rng.random() < BIRTH_YEAR_SHARE:
            year = self._rng.randrange(1945, 2007)
            if (day.month, day.day) == (2, 29):
                year -= year % 4  # 29 February needs a leap year (1945-2006 has no 1900)
        return Birthday(day.day, day.month, year)

    def customer_row(
        self,
        *,
        customer_id: int,
        code: str,
        index: int,
        created_at: datetime,
        birthday: Birthday | None = None,
    ) -> Row:
        """A `customer` row; `index` picks the phone number, `birthday` overrides a random one."""
        rng = self._rng
        first, last = rng.choice(self._first_names), rng.choice(self._last_names)
        name = f"{first} {last}"
        email = self._email(first, last) if rng.random() < EMAIL_SHARE else ""
        phone, phone_normalised = demo_phone(index)
        born = birthday or self.random_birthday()
        return {
            "id": customer_id,
            "code": code,
            "name": name,
            "address_as": first,
            "search_text": search_key(name, code, email),
            "phone": phone,
            "phone_normalised": phone_normalised,
            "email": email,
            "email_normalised": email.lower(),
            "birthday_day": born.day,
            "birthday_month": born.month,
            "birthday_year": born.year,
            "notes": rng.choice(self._notes) if rng.random() < NOTE_SHARE else "",
            "language": "",
            "loyalty_card": None,
            "consent_marketing_email": bool(email) and rng.random() < 0.55,
            "consent_sms": rng.random() < 0.3,
            "consent_keep_history": True,
            "consent_given_at": created_at,
            "created_at": created_at,
            "erased_at": None,
        }

    def _email(self, first: str, last: str) -> str:
        """A unique address in one of the usual shapes, on a reserved example domain."""
        rng = self._rng
        first_part = "".join(ch for ch in first.lower() if ch.isalnum())
        last_part = "".join(ch for ch in last.lower() if ch.isalnum())
        local = rng.choice(
            (
                f"{first_part}.{last_part}",
                f"{first_part}{last_part}",
                f"{first_part[0]}{last_part}",
                f"{first_part}.{last_part}{rng.randrange(60, 100)}",
            )
        )
        domain = rng.choice(EMAIL_DOMAINS)
        email, number = f"{local}@{domain}", 1
        while email in self._emails:
            number += 1
            email = f"{local}{number}@{domain}"
        self._emails.add(email)
        return email


def write_customers(uow: SqlAlchemyUnitOfWork, rows: Sequence[Row]) -> int:
    return insert_rows(uow.session, Customer, rows)


# --- Sales history -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedLine:
    item: CatalogueItem
    quantity: int
    unit_price_minor: int

    @property
    def total_minor(self) -> int:
        return self.quantity * self.unit_price_minor

    @property
    def tax_minor(self) -> int:
        return _inclusive_tax(self.total_minor, self.item.tax_rate_bp)


@dataclass(frozen=True, slots=True)
class PlannedSale:
    """A past sale to write: when (aware UTC), to whom, what."""

    at: datetime
    customer_id: int | None
    lines: tuple[PlannedLine, ...]


@dataclass(frozen=True)
class HistoryCounts:
    sales: int
    sale_lines: int
    payments: int
    shifts: int


@lru_cache(maxsize=1 << 16)
def _inclusive_tax(total_minor: int, rate_bp: int) -> int:
    """`tax_of` for the demo's tax-inclusive prices, cached: a long history repeats amounts."""
    return tax_of(total_minor, rate_bp, prices_include_tax=True)


@dataclass
class _VisitStats:
    visits: int
    spend_minor: int
    first_visit_at: datetime
    last_visit_at: datetime


class SalesHistoryWriter:
    """Writes past trading days: a closed shift per day with its sales, lines and payments.

    Receipt numbers follow the order the days and their sales are given in (which must
    be time order), gapless from 1. Rows are buffered and inserted in chunks, shifts
    before the sales that point at them.
    """

    def __init__(
        self,
        uow: SqlAlchemyUnitOfWork,
        setup: ShopSetup,
        rng: random.Random,
        *,
        chunk_lines: int = 50_000,
    ) -> None:
        self._uow = uow
        self._setup = setup
        self._rng = rng
        self._chunk_lines = chunk_lines
        self._shifts: list[Row] = []
        self._sales: list[Row] = []
        self._lines: list[Row] = []
        self._payments: list[Row] = []
        self._stats: dict[int, _VisitStats] = {}
        self._last_at: datetime | None = None
        self._sale_count = 0
        self._line_count = 0
        self._shift_count = 0

    def add_day(self, sales: Sequence[PlannedSale]) -> None:
        """One trading day's sales, in time order, with the shift that took them."""
        if not sales:
            return
        if self._last_at is not None and sales[0].at < self._last_at:
            raise ValueError("days must be given in time order")
        self._last_at = sales[-1].at
        self._shift_count += 1
        cashier_id = self._rng.choice(self._setup.cashier_ids)
        cash_taken = sum(self._add_sale(sale, self._shift_count, cashier_id) for sale in sales)
        self._shifts.append(self._shift_row(self._shift_count, cashier_id, sales, cash_taken))
        if len(self._lines) >= self._chunk_lines:
            self._flush()

    def finish(self, customer_ids: Iterable[int]) -> HistoryCounts:
        """Write what is buffered, every customer's statistics and the register's counter."""
        self._flush()
        insert_rows(self._uow.session, CustomerStats, self._stats_rows(customer_ids))
        register = ShopRepository(self._uow.session).register(self._setup.register_code)
        if register is None:
            raise RuntimeError("write_shop_setup writes the register first")
        register.last_receipt_seq = self._sale_count
        return HistoryCounts(
            sales=self._sale_count,
            sale_lines=self._line_count,
            payments=self._sale_count,
            shifts=self._shift_count,
        )

    def _add_sale(self, planned: PlannedSale, shift_id: int, cashier_id: int) -> int:
        """Buffer one sale with its lines and payment; returns the cash it took."""
        self._sale_count += 1
        sale_id = self._sale_count
        total = sum(line.total_minor for line in planned.lines)
        self._lines.extend(
            self._line_row(sale_id, number, line)
            for number, line in enumerate(planned.lines, start=1)
        )
        self._line_count += len(planned.lines)
        self._sales.append(
            {
                "id": sale_id,
                "uuid": str(uuid.UUID(int=self._rng.getrandbits(128), version=4)),
                "kind": "sale",
                "register_id": self._setup.register_id,
                "receipt_seq": sale_id,
                "receipt_number": format_receipt_number(self._setup.register_code, sale_id),
                "shift_id": shift_id,
                "cashier_id": cashier_id,
                "customer_id": planned.customer_id,
                "original_sale_id": None,
                "subtotal_minor": total,
                "discount_minor": 0,
                "tax_minor": sum(line.tax_minor for line in planned.lines),
                "total_minor": total,
                "completed_at": planned.at,
            }
        )
        paid_in_cash = self._rng.random() < CASH_SHARE
        self._payments.append(self._payment_row(sale_id, total, planned.at, cash=paid_in_cash))
        if planned.customer_id is not None:
            self._count_visit(planned.customer_id, total, planned.at)
        return total if paid_in_cash else 0

    @staticmethod
    def _line_row(sale_id: int, number: int, line: PlannedLine) -> Row:
        return {
            "sale_id": sale_id,
            "line_no": number,
            "product_id": line.item.id,
            "product_code": line.item.code,
            "name": line.item.name,
            "quantity": line.quantity,
            "weight_grams": None,
            "unit_price_minor": line.unit_price_minor,
            "discount_minor": 0,
            "tax_rate_bp": line.item.tax_rate_bp,
            "tax_minor": line.tax_minor,
            "total_minor": line.total_minor,
        }

    def _payment_row(self, sale_id: int, amount: int, at: datetime, *, cash: bool) -> Row:
        """Cash: exact, or a note or two with change. Card: a masked card number."""
        rng = self._rng
        row: dict[str, object] = {"sale_id": sale_id, "amount_minor": amount, "created_at": at}
        if cash:
            exact = rng.random() < 0.3
            tendered = amount if exact else _round_up(amount, rng.choice((500, 1000, 2000)))
            row.update(method="cash", tendered_minor=tendered, change_minor=tendered - amount,
                       reference="")
        else:
            scheme = rng.choice(("Visa", "Mastercard", "Amex"))
            row.update(method="card", tendered_minor=None, change_minor=0,
                       reference=f"{scheme} ****{rng.randrange(10_000):04d}")
        return row

    def _shift_row(
        self, shift_id: int, cashier_id: int, sales: Sequence[PlannedSale], cash_taken: int
    ) -> Row:
        """The day's shift: opened before the first sale, closed after the last, cash counted."""
        expected = OPENING_FLOAT_MINOR + cash_taken
        # Now and then the drawer is a little out, as real drawers are.
        out_by = self._rng.choice((-500, -20, -5, 10, 100)) if self._rng.random() < 0.1 else 0
        return {
            "id": shift_id,
            "register_id": self._setup.register_id,
            "opened_by_id": cashier_id,
            "opened_at": _quarter_hour_floor(sales[0].at - timedelta(minutes=10)),
            "opening_float_minor": OPENING_FLOAT_MINOR,
            "closed_by_id": cashier_id,
            "closed_at": _quarter_hour_floor(sales[-1].at + timedelta(minutes=25)),
            "counted_cash_minor": expected + out_by,
            "expected_cash_minor": expected,
        }

    def _count_visit(self, customer_id: int, total: int, at: datetime) -> None:
        stats = self._stats.get(customer_id)
        if stats is None:
            self._stats[customer_id] = _VisitStats(1, total, at, at)
            return
        stats.visits += 1
        stats.spend_minor += total
        stats.last_visit_at = at

    def _stats_rows(self, customer_ids: Iterable[int]) -> list[Row]:
        """A statistics row for every customer, zero for those who never bought."""
        rows: list[Row] = []
        for customer_id in customer_ids:
            stats = self._stats.get(customer_id)
            rows.append(
                {
                    "customer_id": customer_id,
                    "visits": stats.visits if stats else 0,
                    "spend_minor": stats.spend_minor if stats else 0,
                    "first_visit_at": stats.first_visit_at if stats else None,
                    "last_visit_at": stats.last_visit_at if stats else None,
                }
            )
        return rows

    def _flush(self) -> None:
        session = self._uow.session
        for model, rows in (
            (Shift, self._shifts),
            (Sale, self._sales),
            (SaleLine, self._lines),
            (Payment, self._payments),
        ):
            insert_rows(session, model, rows)
            rows.clear()


def _round_up(amount: int, step: int) -> int:
    return -(-amount // step) * step


def _quarter_hour_floor(moment: datetime) -> datetime:
    """Down to the quarter hour (the same in UTC as in every whole-hour zone)."""
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
