"""Writing and reading sales. Never commits: the checkout service owns the transaction."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from functools import cache

from sqlalchemy import Insert, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from pos.db.base import Base
from pos.db.bulk import table_of
from pos.db.models import (
    CustomerStats,
    Payment,
    Product,
    Register,
    Sale,
    SaleLine,
    Shift,
    TaxRate,
    Voucher,
)

# The hot path's statements, built once: building a statement costs more than running it.
_REGISTER = table_of(Register)
_TAKE_NUMBER = (
    update(_REGISTER)
    .where(_REGISTER.c.code == bindparam("register_code"))
    .values(last_receipt_seq=_REGISTER.c.last_receipt_seq + 1)
    .returning(_REGISTER.c.id, _REGISTER.c.code, _REGISTER.c.last_receipt_seq)
)
_OPEN_SHIFT_ID = select(Shift.id).where(
    Shift.register_id == bindparam("register_id"), Shift.closed_at.is_(None)
)
_INACTIVE_NAMES = select(Product.name).where(
    Product.id.in_(bindparam("ids", expanding=True)), Product.active.is_(False)
)


@cache
def _insert_into(model: type[Base]) -> Insert:
    return insert(table_of(model))


@cache
def _insert_returning_id(model: type[Base]) -> ReturningInsert[int]:
    table = table_of(model)
    return insert(table).returning(table.c.id)


class SalesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _core(self) -> Connection:
        """The session's connection, for Core statements on the till's hot path: they
        skip the ORM's per-statement bookkeeping (a sale is written in about 1 ms)."""
        return self.session.connection()

    def lock_register(self, code: str) -> Register | None:
        """The register row, locked until commit: receipt numbers are taken one at a time.

        PostgreSQL: a row lock (`FOR UPDATE`); SQLite: the writer already holds the
        database's write lock (`BEGIN IMMEDIATE`), and `FOR UPDATE` is not emitted.
        """
        return self.session.scalars(
            select(Register).where(Register.code == code).with_for_update()
        ).one_or_none()

    def take_receipt_number(self, code: str) -> tuple[int, str, int] | None:
        """Advance the register's counter in one statement, locking its row until commit
        (PostgreSQL row lock; SQLite's writer lock). Returns (register id, code, number)."""
        row = self._core.execute(_TAKE_NUMBER, {"register_code": code}).first()
        return None if row is None else (int(row[0]), str(row[1]), int(row[2]))

    def open_shift_id(self, register_id: int) -> int | None:
        return self._core.scalar(_OPEN_SHIFT_ID, {"register_id": register_id})

    def insert_returning_id(self, model: type[Base], values: Mapping[str, object]) -> int:
        """Insert one row through the table (no ORM bookkeeping); returns its id."""
        return int(self._core.execute(_insert_returning_id(model), [values]).scalar_one())

    def insert_many(self, model: type[Base], rows: Sequence[Mapping[str, object]]) -> None:
        """Insert rows in one executemany through the table."""
        if rows:
            self._core.execute(_insert_into(model), list(rows))

    def open_shift(self, register_id: int) -> Shift | None:
        return self.session.scalars(
            select(Shift).where(Shift.register_id == register_id, Shift.closed_at.is_(None))
        ).one_or_none()

    def by_uuid(self, uuid: str) -> Sale | None:
        return self.session.scalars(select(Sale).where(Sale.uuid == uuid)).one_or_none()

    def by_receipt_number(self, receipt_number: str) -> Sale | None:
        return self.session.scalars(
            select(Sale).where(Sale.receipt_number == receipt_number)
        ).one_or_none()

    def lines(self, sale_id: int) -> list[SaleLine]:
        return list(
            self.session.scalars(
                select(SaleLine).where(SaleLine.sale_id == sale_id).order_by(SaleLine.line_no)
            )
        )

    def payments(self, sale_id: int) -> list[Payment]:
        return list(
            self.session.scalars(
                select(Payment).where(Payment.sale_id == sale_id).order_by(Payment.id)
            )
        )

    def returned_quantities(self, original_sale_id: int) -> dict[int, int]:
        """Units already returned per original line id (returns carry negative quantities)."""
        rows = self.session.execute(
            select(SaleLine.original_line_id, func.sum(SaleLine.quantity))
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(Sale.original_sale_id == original_sale_id, Sale.kind == "return")
            .group_by(SaleLine.original_line_id)
        )
        return {int(line_id): -int(total) for line_id, total in rows if line_id is not None}

    def inactive_products(self, product_ids: Iterable[int]) -> list[str]:
        """Names of the given products that are no longer sold."""
        ids = set(product_ids)
        if not ids:
            return []
        return list(self._core.scalars(_INACTIVE_NAMES, {"ids": list(ids)}))

    def add_all(self, rows: Iterable[object]) -> None:
        self.session.add_all(rows)
        self.session.flush()

    def voucher(self, code: str) -> Voucher | None:
        return self.session.scalars(
            select(Voucher).where(Voucher.code == code).with_for_update()
        ).one_or_none()

    def record_visit(self, customer_id: int, amount_minor: int, at: datetime) -> None:
        """Update the customer's running statistics in the sale's own transaction."""
        stats = self.session.get(CustomerStats, customer_id, with_for_update=True)
        if stats is None:
            stats = CustomerStats(
                customer_id=customer_id, visits=0, spend_minor=0, first_visit_at=at
            )
            self.session.add(stats)
        stats.visits += 1 if amount_minor >= 0 else 0
        stats.spend_minor += amount_minor
        if stats.last_visit_at is None or at > stats.last_visit_at:
            stats.last_visit_at = at

    # Returns (the returns service): the original sale locked, what was paid back.

    def lock_sale(self, receipt_number: str) -> Sale | None:
        """The sale with this receipt number, locked until commit.

        Two returns against the same sale then queue, and the second sees what the
        first returned (PostgreSQL row lock; SQLite's writer holds the database).
        """
        return self.session.scalars(
            select(Sale).where(Sale.receipt_number == receipt_number).with_for_update()
        ).one_or_none()

    def refunded_by_tender(self, original_sale_id: int) -> dict[tuple[str, str], int]:
        """What earlier returns of a sale paid back per (method, reference), as amounts > 0."""
        rows = self.session.execute(
            select(Payment.method, Payment.reference, func.sum(Payment.amount_minor))
            .join(Sale, Sale.id == Payment.sale_id)
            .where(Sale.original_sale_id == original_sale_id, Sale.kind == "return")
            .group_by(Payment.method, Payment.reference)
        )
        return {(method, reference): -int(total) for method, reference, total in rows}

    def products_with_rates(self, product_ids: Iterable[int]) -> dict[int, tuple[Product, int]]:
        """The given products with their tax rates in basis points, by product id."""
        ids = set(product_ids)
        if not ids:
            return {}
        rows = self.session.execute(
            select(Product, TaxRate.rate_bp)
            .join(TaxRate, TaxRate.id == Product.tax_rate_id)
            .where(Product.id.in_(ids))
        )
        return {product.id: (product, int(rate_bp)) for product, rate_bp in rows}
