"""Rebuilding `customer_stats` from the sales themselves (after imports, merges, or on demand).

The till keeps the statistics up to date sale by sale (`SalesRepository.record_visit`);
this recomputes them with one aggregate over the sales, for every customer or for a
few: visits are the customer's sales (returns are not visits), spend is the sum of
sales less returns, first and last visit the earliest and latest of either.
"""

from collections.abc import Collection

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.orm import Session

from pos.db.bulk import table_of
from pos.db.models import CustomerStats, Sale

_STATS = table_of(CustomerStats)


def rebuild_customer_stats(session: Session, customer_ids: Collection[int] | None = None) -> int:
    """Recompute the statistics of `customer_ids` (None: everyone); returns how many
    customers have statistics afterwards among them."""
    aggregate = (
        select(
            Sale.customer_id,
            func.sum(case((Sale.kind == "sale", 1), else_=0)),
            func.sum(Sale.total_minor),
            func.min(Sale.completed_at),
            func.max(Sale.completed_at),
        )
        .where(Sale.customer_id.is_not(None))
        .group_by(Sale.customer_id)
    )
    clear = delete(_STATS)
    count = select(func.count()).select_from(_STATS)
    if customer_ids is not None:
        ids = sorted(set(customer_ids))
        if not ids:
            return 0
        aggregate = aggregate.where(Sale.customer_id.in_(ids))
        clear = clear.where(_STATS.c.customer_id.in_(ids))
        count = count.where(_STATS.c.customer_id.in_(ids))
    session.execute(clear)
    session.execute(
        insert(_STATS).from_select(
            ["customer_id", "visits", "spend_minor", "first_visit_at", "last_visit_at"],
            aggregate,
        )
    )
    return int(session.scalar(count) or 0)
