"""Reads and bulk writes for `pos import`. Never commits: the import commits per chunk.

Look-ups take a whole chunk's keys at once (`IN (...)`), and inserts go through one
Core `executemany` per table with ids taken beforehand (PostgreSQL: from the table's
sequence; SQLite: after the largest id, under the writer's lock), so a chunk of a
thousand receipts costs a handful of statements. (`INSERT ... RETURNING` for many rows
made psycopg parse one huge statement per page: three times slower.)
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from pos.db.base import Base
from pos.db.bulk import table_of
from pos.db.models import (
    Category,
    Customer,
    CustomerTag,
    Product,
    ProductBarcode,
    Register,
    Sale,
    SaleLine,
    TaxRate,
    User,
)

IMPORT_REGISTER_CODE = "IMPORT"
IMPORT_REGISTER_NAME = "Imported history"
IMPORT_USER_NAME = "Imported history"
NO_PIN = "!"
"""Not an argon2 hash: no PIN ever matches it (and the user is inactive)."""


@dataclass(frozen=True, slots=True)
class KnownProduct:
    id: int
    name: str
    tax_rate_bp: int


@dataclass(frozen=True, slots=True)
class KnownCustomer:
    id: int
    erased: bool


@dataclass(frozen=True, slots=True)
class PastLine:
    """A line of an earlier sale that a return may take back."""

    sale_id: int
    completed_at: datetime
    line_id: int
    product_code: str


class ImportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- Generic -------------------------------------------------------------------

    def insert_returning_ids(
        self, model: type[Base], rows: Sequence[Mapping[str, Any]]
    ) -> list[int]:
        """Insert `rows` in one executemany; their new ids, in the order given."""
        ids = self._new_ids(model, len(rows))
        self.insert(model, [{**row, "id": row_id} for row, row_id in zip(rows, ids, strict=True)])
        return ids

    def _new_ids(self, model: type[Base], count: int) -> list[int]:
        if count == 0:
            return []
        table = table_of(model)
        if self.session.get_bind().dialect.name == "postgresql":
            return [int(row_id) for row_id in self.session.scalars(
                text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                     "FROM generate_series(1, :count)"),
                {"table": table.name, "count": count},
            )]
        # SQLite: the writer holds the database's write lock, so nobody else takes ids.
        first = int(self.session.scalar(select(func.max(table.c.id))) or 0) + 1
        return list(range(first, first + count))

    def insert(self, model: type[Base], rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self.session.execute(insert(table_of(model)), list(rows))

    # --- Catalogue -----------------------------------------------------------------

    def products(self, codes: Collection[str]) -> dict[str, KnownProduct]:
        if not codes:
            return {}
        rows = self.session.execute(
            select(Product.code, Product.id, Product.name, TaxRate.rate_bp)
            .join(TaxRate, TaxRate.id == Product.tax_rate_id)
            .where(Product.code.in_(list(codes)))
        )
        return {code: KnownProduct(pid, name, rate) for code, pid, name, rate in rows}

    def barcode_owners(self, barcodes: Collection[str]) -> dict[str, str]:
        """Barcode -> the code of the product that has it."""
        if not barcodes:
            return {}
        rows = self.session.execute(
            select(ProductBarcode.barcode, Product.code)
            .join(Product, Product.id == ProductBarcode.product_id)
            .where(ProductBarcode.barcode.in_(list(barcodes)))
        )
        return {barcode: code for barcode, code in rows}

    def tax_rates(self) -> dict[int, tuple[int, str]]:
        """Active rates: basis points -> (id, code)."""
        rows = self.session.execute(
            select(TaxRate.rate_bp, TaxRate.id, TaxRate.code)
            .where(TaxRate.active.is_(True))
            .order_by(TaxRate.id)
        )
        rates: dict[int, tuple[int, str]] = {}
        for rate_bp, rate_id, code in rows:
            rates.setdefault(int(rate_bp), (int(rate_id), str(code)))
        return rates

    def add_tax_rate(self, rate_bp: int) -> int:
        code = f"T{rate_bp}"
        return self.insert_returning_ids(
            TaxRate, [{"code": code, "name": f"{rate_bp / 100:g}%", "rate_bp": rate_bp,
                       "active": True}]
        )[0]

    def categories(self) -> dict[str, int]:
        return {name: cid for cid, name in self.session.execute(select(Category.id, Category.name))}

    def add_category(self, name: str) -> int:
        return self.insert_returning_ids(Category, [{"name": name}])[0]

    # --- Customers -----------------------------------------------------------------

    def customers_by_code(self, codes: Collection[str]) -> dict[str, KnownCustomer]:
        if not codes:
            return {}
        rows = self.session.execute(
            select(Customer.code, Customer.id, Customer.erased_at).where(
                Customer.code.in_(list(codes))
            )
        )
        return {
            str(code): KnownCustomer(cid, erased is not None) for code, cid, erased in rows
        }

    def customers_by(self, column: str, values: Collection[str]) -> dict[str, int]:
        """Living customers by e-mail (`email_normalised`), phone (`phone_normalised`),
        card (`loyalty_card`) or name (`search_text`): value -> id (the lowest)."""
        if not values:
            return {}
        attribute = getattr(Customer, column)
        rows = self.session.execute(
            select(attribute, func.min(Customer.id))
            .where(attribute.in_(list(values)), Customer.erased_at.is_(None))
            .group_by(attribute)
        )
        return {value: int(cid) for value, cid in rows}

    def add_tags(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.insert(CustomerTag, rows)

    # --- Sales ---------------------------------------------------------------------

    def import_register(self, now: datetime) -> int:
        """The register imported sales are numbered on (made on first use)."""
        register_id = self.session.scalar(
            select(Register.id).where(Register.code == IMPORT_REGISTER_CODE)
        )
        if register_id is not None:
            return int(register_id)
        return self.insert_returning_ids(Register, [{
            "code": IMPORT_REGISTER_CODE, "name": IMPORT_REGISTER_NAME, "last_receipt_seq": 0,
            "created_at": now,
        }])[0]

    def import_user(self, now: datetime) -> int:
        """The inactive user imported sales are recorded as taken by (made on first use)."""
        user_id = self.session.scalar(select(User.id).where(User.name == IMPORT_USER_NAME))
        if user_id is not None:
            return int(user_id)
        return self.insert_returning_ids(User, [{
            "name": IMPORT_USER_NAME, "role": "cashier", "pin_hash": NO_PIN, "active": False,
            "created_at": now,
        }])[0]

    def take_sequence(self, register_id: int, count: int) -> int:
        """Reserve `count` receipt sequence numbers on the register; the first of them."""
        last = self.session.execute(
            update(Register)
            .where(Register.id == register_id)
            .values(last_receipt_seq=Register.last_receipt_seq + count)
            .returning(Register.last_receipt_seq)
        ).scalar_one()
        return int(last) - count + 1

    def receipts(self, numbers: Collection[str]) -> dict[str, int]:
        """Receipt number -> register id, for the numbers already in use."""
        if not numbers:
            return {}
        rows = self.session.execute(
            select(Sale.receipt_number, Sale.register_id).where(
                Sale.receipt_number.in_(list(numbers))
            )
        )
        return {number: int(register_id) for number, register_id in rows}

    def past_lines(
        self, customer_ids: Collection[int], until: datetime, product_codes: Collection[str]
    ) -> dict[int, list[PastLine]]:
        """These customers' sale lines of these products up to `until`, per customer,
        newest sale first."""
        if not customer_ids or not product_codes:
            return {}
        rows = self.session.execute(
            select(Sale.customer_id, Sale.id, Sale.completed_at, SaleLine.id,
                   SaleLine.product_code)
            .join(SaleLine, SaleLine.sale_id == Sale.id)
            .where(
                Sale.customer_id.in_(list(customer_ids)),
                Sale.kind == "sale",
                Sale.completed_at <= until,
                SaleLine.product_code.in_(list(product_codes)),
            )
            .order_by(Sale.completed_at.desc(), Sale.id.desc(), SaleLine.line_no)
        )
        found: dict[int, list[PastLine]] = {}
        for customer_id, sale_id, completed_at, line_id, product_code in rows:
            if customer_id is not None:  # always, by the WHERE clause
                found.setdefault(customer_id, []).append(
                    PastLine(sale_id, completed_at, line_id, product_code)
                )
        return found
