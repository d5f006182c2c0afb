"""The catalogue for the stock report: how many products, and those that did not sell."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.models import Product, Sale, SaleLine
from pos.db.report_queries.common import Bounds, within


def product_counts(session: Session) -> tuple[int, int]:
    """(active, inactive) products."""
    counts = select(Product.active, func.count()).group_by(Product.active)
    rows = {bool(active): int(n) for active, n in session.execute(counts)}
    return rows.get(True, 0), rows.get(False, 0)


def unsold_products(
    session: Session, bounds: Bounds, limit: int
) -> tuple[int, list[tuple[str, str]]]:
    """Active products with no sale in the period: how many, and the first `limit` by name
    as (code, name)."""
    sold = (
        select(SaleLine.product_id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(within(Sale.completed_at, bounds), SaleLine.product_id.is_not(None))
    )
    unsold = Product.active.is_(True) & Product.id.not_in(sold)
    count = session.scalar(select(func.count()).select_from(Product).where(unsold))
    rows = session.execute(
        select(Product.code, Product.name).where(unsold).order_by(Product.name, Product.code)
        .limit(limit)
    )
    return int(count or 0), [(code, name) for code, name in rows]
