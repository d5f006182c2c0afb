"""Reads the demo's service story needs from the freshly built demo history."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.models import Sale, SaleLine, User


@dataclass(frozen=True, slots=True)
class RecentSale:
    sale_id: int
    customer_id: int
    cashier_id: int
    first_product_id: int | None


def recent_customer_sales(session: Session, limit: int) -> list[RecentSale]:
    """The latest sales to known customers, newest first, one per customer."""
    rows = session.execute(
        select(Sale.id, Sale.customer_id, Sale.cashier_id)
        .where(Sale.customer_id.is_not(None), Sale.kind == "sale")
        .order_by(Sale.completed_at.desc(), Sale.id.desc())
        .limit(limit * 4)
    )
    chosen: dict[int, RecentSale] = {}
    for sale_id, customer_id, cashier_id in rows:
        if customer_id is not None and customer_id not in chosen and len(chosen) < limit:
            product = session.scalars(
                select(SaleLine.product_id).where(SaleLine.sale_id == sale_id)
                .order_by(SaleLine.line_no).limit(1)
            ).first()
            chosen[customer_id] = RecentSale(sale_id, customer_id, cashier_id, product)
    return list(chosen.values())


def staff_by_role(session: Session) -> dict[str, int]:
    """The first active user of each role (owner, manager, cashier)."""
    found: dict[str, int] = {}
    for user_id, role in session.execute(
        select(User.id, User.role).where(User.active.is_(True)).order_by(User.id)
    ):
        found.setdefault(role, user_id)
    return found
