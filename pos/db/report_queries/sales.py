"""Sales over a period: totals, quarter-hour buckets, and products, categories and
cashiers ranked by what they sold (returns netted off)."""

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Subquery, case, func, select
from sqlalchemy.orm import Session

from pos.db.models import Category, Product, Sale, SaleLine, User
from pos.db.report_queries.common import Bounds, EpochBucket, sales_in
from pos.domain.report_figures import Ranked, Totals
from pos.domain.sales_calendar import BUCKET_SECONDS, Bucket

IS_SALE = Sale.kind == "sale"
OTHER_ITEMS = "Items without a product"
UNCATEGORISED = "Uncategorised"


@dataclass(frozen=True, slots=True)
class RankedProducts:
    best: list[Ranked]
    worst: list[Ranked]
    sold: int
    """How many different products sold."""


def period_totals(session: Session, bounds: Bounds, register_id: int | None) -> Totals:
    rows = session.execute(
        select(
            Sale.kind,
            func.count(),
            func.sum(Sale.total_minor),
            func.sum(Sale.discount_minor),
            func.sum(Sale.tax_minor),
        )
        .where(sales_in(bounds, register_id))
        .group_by(Sale.kind)
    )
    figures = {kind: (int(n), int(total), int(discount), int(tax))
               for kind, n, total, discount, tax in rows}
    sales = figures.get("sale", (0, 0, 0, 0))
    returns = figures.get("return", (0, 0, 0, 0))
    return Totals(
        sales_count=sales[0],
        sales_minor=sales[1],
        returns_count=returns[0],
        returns_minor=returns[1],
        discount_minor=sales[2],
        tax_minor=sales[3] + returns[3],
    )


def buckets(session: Session, bounds: Bounds, register_id: int | None) -> Iterator[Bucket]:
    """Sales and returns per quarter hour of UTC, in time order (a few thousand rows)."""
    bucket = EpochBucket(Sale.completed_at, BUCKET_SECONDS)
    is_return = Sale.kind == "return"
    rows = session.execute(
        select(
            bucket,
            func.sum(case((IS_SALE, 1), else_=0)),
            func.sum(case((IS_SALE, Sale.total_minor), else_=0)),
            func.sum(case((is_return, 1), else_=0)),
            func.sum(case((is_return, Sale.total_minor), else_=0)),
        )
        .where(sales_in(bounds, register_id))
        .group_by(bucket)
        .order_by(bucket)
    )
    for index, sales, sales_minor, returns, returns_minor in rows:
        yield Bucket(int(index), int(sales), int(sales_minor), int(returns), int(returns_minor))


def _product_sums(bounds: Bounds, register_id: int | None) -> Subquery:
    """Per product: units and takings in the period (one pass over the lines)."""
    return (
        select(
            SaleLine.product_id.label("product_id"),
            func.sum(SaleLine.quantity).label("quantity"),
            func.sum(SaleLine.total_minor).label("total"),
        )
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(sales_in(bounds, register_id))
        .group_by(SaleLine.product_id)
        .subquery()
    )


def ranked_products(
    session: Session, bounds: Bounds, register_id: int | None, limit: int
) -> RankedProducts:
    """The `limit` products that sold most and least (by takings), and how many sold:
    ranked by window functions over one grouping of the lines."""
    sums = _product_sums(bounds, register_id)
    name = func.coalesce(Product.name, OTHER_ITEMS)
    ranked = (
        select(
            name.label("name"), sums.c.quantity, sums.c.total,
            func.row_number().over(
                order_by=(sums.c.total.desc(), sums.c.quantity.desc(), name)
            ).label("best"),
            func.row_number().over(
                order_by=(sums.c.total.asc(), sums.c.quantity.asc(), name)
            ).label("worst"),
            func.count().over().label("sold"),
        )
        .select_from(sums)
        .outerjoin(Product, Product.id == sums.c.product_id)
        .subquery()
    )
    rows = session.execute(
        select(ranked.c.name, ranked.c.quantity, ranked.c.total, ranked.c.best,
               ranked.c.worst, ranked.c.sold)
        .where((ranked.c.best <= limit) | (ranked.c.worst <= limit))
    ).all()
    best = sorted((row for row in rows if row.best <= limit), key=lambda row: row.best)
    worst = sorted((row for row in rows if row.worst <= limit), key=lambda row: row.worst)
    return RankedProducts(
        best=[Ranked(row.name, int(row.quantity), int(row.total)) for row in best],
        worst=[Ranked(row.name, int(row.quantity), int(row.total)) for row in worst],
        sold=int(rows[0].sold) if rows else 0,
    )


def ranked_categories(session: Session, bounds: Bounds, register_id: int | None) -> list[Ranked]:
    """Every category that sold in the period, best first (from the per-product sums)."""
    sums = _product_sums(bounds, register_id)
    total = func.sum(sums.c.total)
    rows = session.execute(
        select(Category.name, func.sum(sums.c.quantity), total)
        .select_from(sums)
        .outerjoin(Product, Product.id == sums.c.product_id)
        .outerjoin(Category, Category.id == Product.category_id)
        .group_by(Category.id, Category.name)
        .order_by(total.desc(), Category.name)
    )
    return [Ranked(name or UNCATEGORISED, int(quantity), int(amount))
            for name, quantity, amount in rows]


def ranked_cashiers(session: Session, bounds: Bounds, register_id: int | None) -> list[Ranked]:
    """Cashiers with the number of sales they rang up and their takings, best first."""
    total = func.sum(Sale.total_minor)
    rows = session.execute(
        select(User.name, func.sum(case((IS_SALE, 1), else_=0)), total)
        .join(User, User.id == Sale.cashier_id)
        .where(sales_in(bounds, register_id))
        .group_by(User.id, User.name)
        .order_by(total.desc(), User.name)
    )
    return [Ranked(name, int(count), int(amount)) for name, count, amount in rows]


def tax_rows(session: Session, where: ColumnElement[bool]) -> list[tuple[int, int, int]]:
    """(rate, amount, tax) of the lines of the documents `where` picks, summed per rate."""
    rows = session.execute(
        select(SaleLine.tax_rate_bp, func.sum(SaleLine.total_minor), func.sum(SaleLine.tax_minor))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(where)
        .group_by(SaleLine.tax_rate_bp)
        .order_by(SaleLine.tax_rate_bp)
    )
    return [(int(rate), int(amount), int(tax)) for rate, amount, tax in rows]
