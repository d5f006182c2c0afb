"""A customer's purchase history: their usual products and their sales, newest first.

Each read goes through the index on `sale.customer_id` (a customer's few hundred
sales) and from there `sale_line.sale_id`: the cost grows with the customer's own
history, never with the shop's.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.models import Payment, Product, Sale, SaleLine
from pos.domain.customer_records import PastSale, UsualProduct


class CustomerHistory:
    def __init__(self, session: Session) -> None:
        self.session = session

    def usual_products(self, customer_id: int, limit: int) -> list[UsualProduct]:
        """What they buy most often (in how many sales), with when they last bought it,
        named as the catalogue names it now. Read from the two covering indexes."""
        sales_with_it = func.count(func.distinct(SaleLine.sale_id))
        last = func.max(Sale.completed_at)
        rows = self.session.execute(
            select(SaleLine.product_code, sales_with_it, func.sum(SaleLine.quantity), last)
            .select_from(Sale)
            .join(SaleLine, SaleLine.sale_id == Sale.id)
            .where(Sale.customer_id == customer_id, Sale.kind == "sale", SaleLine.quantity > 0)
            .group_by(SaleLine.product_code)
            .order_by(sales_with_it.desc(), last.desc(), SaleLine.product_code)
            .limit(limit)
        ).all()
        names = self._names([code for code, *_ in rows])
        return [
            UsualProduct(code, names.get(code, code), int(times), int(quantity), at)
            for code, times, quantity, at in rows
        ]

    def _names(self, codes: list[str]) -> dict[str, str]:
        if not codes:
            return {}
        found = self.session.execute(
            select(Product.code, Product.name).where(Product.code.in_(codes))
        )
        return {code: name for code, name in found}

    def sales(
        self, customer_id: int, *, offset: int = 0, limit: int = 5, kind: str | None = None
    ) -> list[PastSale]:
        """Their sales and returns (only one `kind` when given), newest first."""
        items = (
            select(func.coalesce(func.sum(func.abs(SaleLine.quantity)), 0))
            .where(SaleLine.sale_id == Sale.id)
            .scalar_subquery()
        )
        query = select(
            Sale.id, Sale.receipt_number, Sale.kind, Sale.completed_at, Sale.total_minor, items
        ).where(Sale.customer_id == customer_id)
        if kind is not None:
            query = query.where(Sale.kind == kind)
        rows = self.session.execute(
            query.order_by(Sale.completed_at.desc(), Sale.id.desc()).offset(offset).limit(limit)
        )
        return [
            PastSale(sale_id, number, sale_kind, at, int(total), int(units))
            for sale_id, number, sale_kind, at, total, units in rows
        ]

    def full_sales(self, customer_id: int) -> list[tuple[Sale, list[SaleLine], list[Payment]]]:
        """Every sale of theirs with its lines and payments, oldest first (for an export)."""
        sales = list(
            self.session.scalars(
                select(Sale)
                .where(Sale.customer_id == customer_id)
                .order_by(Sale.completed_at, Sale.id)
            )
        )
        ids = [sale.id for sale in sales]
        lines: dict[int, list[SaleLine]] = {sale_id: [] for sale_id in ids}
        payments: dict[int, list[Payment]] = {sale_id: [] for sale_id in ids}
        if ids:
            for line in self.session.scalars(
                select(SaleLine)
                .where(SaleLine.sale_id.in_(ids))
                .order_by(SaleLine.sale_id, SaleLine.line_no)
            ):
                lines[line.sale_id].append(line)
            for payment in self.session.scalars(
                select(Payment).where(Payment.sale_id.in_(ids)).order_by(Payment.id)
            ):
                payments[payment.sale_id].append(payment)
        return [(sale, lines[sale.id], payments[sale.id]) for sale in sales]
