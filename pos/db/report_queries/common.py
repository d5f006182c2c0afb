"""What every report query shares: the shop, registers, period filters and time buckets."""

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, and_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from pos.db.models import Register, Sale, Shop
from pos.domain.report_figures import ShopProfile

Bounds = tuple[datetime, datetime]
"""[start, end) in aware UTC."""


class EpochBucket(FunctionElement[int]):
    """`floor(seconds since 1970 / size)` of a UTC timestamp column, as an integer.

    SQLite stores `UtcDateTime` as text ("2026-11-24 10:30:00.123456"); its
    `strftime('%s')` rounds to the millisecond, so the fraction is cut off first (a sale
    at 23:59:59.9996 belongs to the day it was made). PostgreSQL stores `timestamp`.
    """

    type = BigInteger()
    inherit_cache = True
    name = "epoch_bucket"

    def __init__(self, column: ColumnElement[Any] | InstrumentedAttribute[Any], size: int):
        self.size = size
        super().__init__(column)


@compiles(EpochBucket, "sqlite")
def _epoch_bucket_sqlite(element: EpochBucket, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"(CAST(strftime('%s', substr({column}, 1, 19)) AS INTEGER) / {int(element.size)})"


@compiles(EpochBucket, "postgresql")
def _epoch_bucket_postgresql(element: EpochBucket, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column}) / {int(element.size)}) AS BIGINT)"


def within(column: InstrumentedAttribute[datetime], bounds: Bounds) -> ColumnElement[bool]:
    start, end = bounds
    return and_(column >= start, column < end)


def sales_in(bounds: Bounds, register_id: int | None) -> ColumnElement[bool]:
    """Documents (sales and returns) completed in the period, on one register or all."""
    condition = within(Sale.completed_at, bounds)
    return condition if register_id is None else and_(condition, Sale.register_id == register_id)


def shop_profile(session: Session) -> ShopProfile | None:
    shop = session.get(Shop, 1)
    if shop is None:
        return None
    return ShopProfile(
        name=shop.name,
        address=shop.address,
        vat_number=shop.vat_number,
        currency=shop.currency,
        locale=shop.locale,
        timezone=shop.timezone,
        prices_include_tax=shop.prices_include_tax,
    )


def register_id(session: Session, code: str) -> int | None:
    return session.scalar(select(Register.id).where(Register.code == code))


def register_codes(session: Session) -> list[str]:
    return list(session.scalars(select(Register.code).order_by(Register.code)))
