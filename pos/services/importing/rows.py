"""Each record of a file as checked values, or the reason it cannot be imported.

Nothing here touches the database: a row is judged on its own (and against the rows
before it in the same file). What the database already holds is the importers' part.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

from pos.domain.customer_details import parse_birthday
from pos.domain.errors import UserError
from pos.services.customer_input import ValidCustomer, check_customer
from pos.services.customer_types import NewCustomer
from pos.services.importing.mapping import ColumnMap
from pos.services.importing.reader import CsvRecord, CsvTable
from pos.services.importing.values import (
    check_length,
    parse_amount,
    parse_local_time,
    parse_quantity,
    parse_tax_rate,
    whole_number_code,
)
from pos.services.shop_facts import ShopFacts

T = TypeVar("T")
RECEIPT_MAX = 32
PRODUCT_CODE_MAX = 40
PRODUCT_NAME_MAX = 200
BARCODE_MAX = 64
CATEGORY_MAX = 80
TAG_SEPARATOR = ";"


@dataclass(frozen=True, slots=True)
class Reject:
    line: int
    reason: str
    holds_receipt: str = ""
    """A sales line that cannot be read holds back its whole receipt (this one)."""


@dataclass
class Parsed(Generic[T]):
    rows: list[T] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProductRow:
    line: int
    code: str
    name: str
    price_minor: int
    tax_rate_bp: int | None
    category: str
    barcode: str


@dataclass(frozen=True, slots=True)
class CustomerRow:
    line: int
    customer: ValidCustomer


@dataclass(frozen=True, slots=True)
class SaleLineRow:
    line: int
    receipt: str
    at: datetime
    customer_code: str
    product_code: str
    product_name: str
    quantity: int
    unit_price_minor: int
    country: str


class NotASaleError(UserError):
    """A line that is no sale (price 0 or below: an adjustment): left out, receipt kept."""


def parse_each(
    table: CsvTable,
    read: Callable[[CsvRecord], T],
    *,
    receipt_of: Callable[[CsvRecord], str] | None = None,
) -> Parsed[T]:
    """`read` each record; a record it refuses becomes a reject with the reason.

    With `receipt_of` (sales), a refused record holds back its receipt, unless it was
    only not a sale (`NotASaleError`).
    """
    parsed: Parsed[T] = Parsed()
    width = len(table.header)
    for record in table.records:
        try:
            if len(record.cells) != width:
                raise UserError(
                    f"has {len(record.cells)} columns where the header has {width}; check "
                    "the quotes and delimiters on this line"
                )
            parsed.rows.append(read(record))
        except NotASaleError as error:
            parsed.rejects.append(Reject(record.line, error.message))
        except UserError as error:
            held = receipt_of(record) if receipt_of else ""
            parsed.rejects.append(Reject(record.line, error.message, held))
    return parsed


def product_reader(columns: ColumnMap, shop: ShopFacts) -> Callable[[CsvRecord], ProductRow]:
    def read(record: CsvRecord) -> ProductRow:
        cell = columns.getter(record.cells)
        code = check_length(cell("code"), PRODUCT_CODE_MAX, "the product code")
        name = check_length(" ".join(cell("name").split()), PRODUCT_NAME_MAX, "the name")
        if not code or not name:
            raise UserError("a product needs a code and a name")
        price = parse_amount(cell("price"), shop.exponent)
        if price < 0:
            raise UserError(f"price '{cell('price')}' is negative")
        rate = parse_tax_rate(cell("tax_rate")) if cell("tax_rate") else None
        return ProductRow(
            record.line, code, name, price, rate,
            check_length(cell("category"), CATEGORY_MAX, "the category"),
            check_length(cell("barcode"), BARCODE_MAX, "the barcode"),
        )

    return read


def customer_reader(
    columns: ColumnMap, shop: ShopFacts, today: date
) -> Callable[[CsvRecord], CustomerRow]:
    def read(record: CsvRecord) -> CustomerRow:
        cell = columns.getter(record.cells)
        birthday = parse_birthday(cell("birthday"), today=today)
        new = NewCustomer(
            name=cell("name"), address_as=cell("address_as"), phone=cell("phone"),
            email=cell("email"),
            birthday_day=birthday.day if birthday else None,
            birthday_month=birthday.month if birthday else None,
            birthday_year=birthday.year if birthday else None,
            notes=cell("notes"), language=cell("language"),
            loyalty_card=cell("loyalty_card"), code=cell("code"),
            tags=tuple(cell("tags").split(TAG_SEPARATOR)),
        )
        return CustomerRow(record.line, check_customer(new, region=shop.country, today=today))

    return read


def sale_line_reader(
    columns: ColumnMap, shop: ShopFacts, *, whole_number_customers: bool
) -> Callable[[CsvRecord], SaleLineRow]:
    """Lines of receipts; `whole_number_customers` for files that write customer numbers as
    floats (Online Retail's "12923.0")."""

    def read(record: CsvRecord) -> SaleLineRow:
        cell = columns.getter(record.cells)
        receipt = check_length(cell("receipt"), RECEIPT_MAX, "the receipt number")
        product_code = check_length(cell("product_code"), PRODUCT_CODE_MAX, "the product code")
        if not receipt or not product_code:
            raise UserError("a sales line needs a receipt number and a product code")
        customer = cell("customer_code")
        if whole_number_customers and customer:
            customer = whole_number_code(customer)
        quantity = parse_quantity(cell("quantity"))
        if quantity == 0:
            raise UserError("quantity is 0")
        price = parse_amount(cell("unit_price"), shop.exponent, what="unit price")
        line = SaleLineRow(
            record.line, receipt, parse_local_time(cell("date"), shop.zone), customer,
            product_code, " ".join(cell("product_name").split())[:PRODUCT_NAME_MAX], quantity,
            price, cell("country"),
        )
        if price <= 0:
            raise NotASaleError(
                f"unit price {cell('unit_price')} is not a sale price (a stock adjustment, "
                "a free line or bad debt); line left out"
            )
        return line

    return read
