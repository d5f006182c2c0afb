"""Sales served per cashier, and the visits behind "won back"."""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.models import Sale
from pos.db.review_queries.window import ReviewWindow
from pos.domain.service_review import ByPerson, ServiceFigures


def sales_by_cashier(session: Session, window: ReviewWindow) -> ByPerson:
    rows = session.execute(
        select(Sale.cashier_id, func.count(), func.count(Sale.customer_id))
        .where(window.sales())
        .group_by(Sale.cashier_id)
    )
    return {
        cashier: ServiceFigures(sales=int(sales), known_customer_sales=int(known))
        for cashier, sales, known in rows
    }


def visits_of_customers_seen(session: Session, window: ReviewWindow) -> dict[int, list[datetime]]:
    """For each known customer with a sale in the window: the times of all their sales up
    to its end, in order (their earlier visits give their usual gap)."""
    seen = select(Sale.customer_id).where(window.sales(), Sale.customer_id.is_not(None))
    rows = session.execute(
        select(Sale.customer_id, Sale.completed_at)
        .where(Sale.customer_id.in_(seen), Sale.kind == "sale", Sale.completed_at < window.end)
        .order_by(Sale.customer_id, Sale.completed_at)
    )
    visits: dict[int, list[datetime]] = defaultdict(list)
    for customer_id, completed_at in rows:
        if customer_id is not None:
            visits[customer_id].append(completed_at)
    return dict(visits)
