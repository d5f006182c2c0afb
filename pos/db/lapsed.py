"""Finding lapsed customers in SQL, and the reasons they gave for staying away.

Why SQL window functions rather than a stored "usual gap" column: the gap would have
to be updated by every sale, and the sale path is the one thing that must not get
slower; computed here it is never stale, and rebuilding nothing is needed after an
import. Both SQLite (3.25+) and PostgreSQL run the same statement:

1. `sale_days`/`visits`: each customer's distinct local days with a sale (returns are
   not visits). Days are counted from 1970 in the shop's current UTC offset: a sale
   within an hour of midnight on the other side of a clock change may land on the
   neighbouring day, which moves a gap by a day at most.
2. `gaps`: `LAG` gives the days since the previous visit; `COUNT`/`MAX` over the same
   window give the number of visits and the last one.
3. `ranked` + `medians`: `ROW_NUMBER` over the gaps in order; the median is the mean of
   the middle one or two (n visits have n-1 gaps, at positions n//2 and (n+1)//2).
4. The rule (pos.domain.lapsed) filters, lifetime value (customer_stats) sorts, and
   only `limit` rows leave the database.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import Float, case, cast, func, select
from sqlalchemy.orm import Session

from pos.db.models import Customer, CustomerStats, LapseReason, Sale, SaleLine
from pos.db.report_queries.common import EpochBucket
from pos.domain.lapsed import LapsedCustomer, LapseThresholds

DAY_SECONDS = 86_400
EPOCH = date(1970, 1, 1)
RECENT_LINES = 20
"""Lines read per customer (newest first) to find their last few products."""


def lapsed_customers(
    session: Session, *, today: date, utc_offset_seconds: int, thresholds: LapseThresholds,
    limit: int,
) -> list[LapsedCustomer]:
    """Customers lapsed on the shop's day `today`, most valuable first (without their
    last products and reasons: `last_products`, `latest_reasons`)."""
    today_day = (today - EPOCH).days
    day = (EpochBucket(Sale.completed_at, 1) + utc_offset_seconds) // DAY_SECONDS
    sale_days = (
        select(Sale.customer_id.label("customer_id"), day.label("day"))
        .where(Sale.kind == "sale", Sale.customer_id.is_not(None))
        .cte("sale_days")
    )
    visits = select(sale_days.c.customer_id, sale_days.c.day).distinct().cte("visits")
    customer = visits.c.customer_id
    gaps = select(
        customer,
        (visits.c.day - func.lag(visits.c.day).over(partition_by=customer, order_by=visits.c.day))
        .label("gap"),
        func.count().over(partition_by=customer).label("visits"),
        func.max(visits.c.day).over(partition_by=customer).label("last_day"),
    ).cte("gaps")
    ranked = (
        select(
            gaps.c.customer_id, gaps.c.gap, gaps.c.visits, gaps.c.last_day,
            func.row_number()
            .over(partition_by=gaps.c.customer_id, order_by=gaps.c.gap)
            .label("position"),
        )
        .where(gaps.c.gap.is_not(None), gaps.c.visits >= thresholds.min_visits)
        .cte("ranked")
    )
    medians = (
        select(
            ranked.c.customer_id, ranked.c.visits, ranked.c.last_day,
            cast(func.avg(ranked.c.gap), Float).label("usual_gap"),
        )
        .where(ranked.c.position.between(ranked.c.visits // 2, (ranked.c.visits + 1) // 2))
        .group_by(ranked.c.customer_id, ranked.c.visits, ranked.c.last_day)
        .cte("medians")
    )
    at_least_a_day = case((medians.c.usual_gap < 1, 1.0), else_=medians.c.usual_gap)
    value = func.coalesce(CustomerStats.spend_minor, 0)
    rows = session.execute(
        select(
            medians.c.customer_id, Customer.name, Customer.phone, Customer.email,
            medians.c.visits, medians.c.usual_gap, medians.c.last_day, value,
        )
        .join(Customer, Customer.id == medians.c.customer_id)
        .outerjoin(CustomerStats, CustomerStats.customer_id == medians.c.customer_id)
        .where(
            Customer.erased_at.is_(None),
            today_day - medians.c.last_day > thresholds.factor * at_least_a_day,
        )
        .order_by(value.desc(), medians.c.customer_id)
        .limit(limit)
    )
    return [
        LapsedCustomer(
            customer_id=int(cid), name=name, phone=phone or "", email=email or "",
            visits=int(count), usual_gap_days=float(gap),
            last_visit_on=EPOCH + timedelta(days=int(last)), days_away=today_day - int(last),
            lifetime_value_minor=int(worth),
        )
        for cid, name, phone, email, count, gap, last, worth in rows
    ]


def last_products(session: Session, customer_ids: list[int], most: int) -> dict[int, list[str]]:
    """Up to `most` different products each customer bought last, newest first."""
    if not customer_ids:
        return {}
    newest_first = (
        select(
            Sale.customer_id, SaleLine.name,
            func.row_number().over(
                partition_by=Sale.customer_id,
                order_by=(Sale.completed_at.desc(), Sale.id.desc(), SaleLine.line_no),
            ).label("position"),
        )
        .join(SaleLine, SaleLine.sale_id == Sale.id)
        .where(Sale.customer_id.in_(customer_ids), Sale.kind == "sale")
        .subquery()
    )
    rows = session.execute(
        select(newest_first.c.customer_id, newest_first.c.name)
        .where(newest_first.c.position <= RECENT_LINES)
        .order_by(newest_first.c.customer_id, newest_first.c.position)
    )
    products: defaultdict[int, list[str]] = defaultdict(list)
    for customer_id, name in rows:
        names = products[int(customer_id)]
        if name not in names and len(names) < most:
            names.append(name)
    return dict(products)


def add_reason(
    session: Session, customer_id: int, reason: str, at: datetime, recorded_by_id: int | None
) -> LapseReason:
    row = LapseReason(
        customer_id=customer_id, reason=reason, recorded_at=at, recorded_by_id=recorded_by_id
    )
    session.add(row)
    session.flush()
    return row


def latest_reasons(session: Session, customer_ids: list[int]) -> dict[int, str]:
    """The last reason each of the customers gave (those who gave one)."""
    if not customer_ids:
        return {}
    rows = session.execute(
        select(LapseReason.customer_id, LapseReason.reason)
        .where(LapseReason.customer_id.in_(customer_ids))
        .order_by(LapseReason.recorded_at, LapseReason.id)
    )
    return {int(customer_id): reason for customer_id, reason in rows}


def reason_counts(session: Session, since: datetime | None = None) -> list[tuple[str, int]]:
    """How often each reason was given (since a time), the most frequent first."""
    count = func.count(LapseReason.id)
    query = select(LapseReason.reason, count).group_by(LapseReason.reason)
    if since is not None:
        query = query.where(LapseReason.recorded_at >= since)
    return [(reason, int(n)) for reason, n in session.execute(
        query.order_by(count.desc(), LapseReason.reason)
    )]
