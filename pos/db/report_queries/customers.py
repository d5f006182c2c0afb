"""Customers over a period: who came (new or returning), who spent most, monthly
cohorts, visit histories for the lapsed rule, and birthdays."""

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from pos.db.models import Customer, Sale
from pos.db.report_queries.common import Bounds, sales_in
from pos.domain.report_figures import BirthdayFigure, CohortCell, CustomerFigure, CustomerGroup

IS_SALE = Sale.kind == "sale"
KNOWN = Sale.customer_id.is_not(None)
HISTORY_BATCH = 5_000


def _per_customer(bounds: Bounds, register_id: int | None) -> Any:
    """Per customer in the period: visits (sales), spend (net of returns), last visit."""
    return (
        select(
            Sale.customer_id.label("customer_id"),
            func.sum(case((IS_SALE, 1), else_=0)).label("visits"),
            func.sum(Sale.total_minor).label("spend"),
            func.max(Sale.completed_at).label("last_visit"),
        )
        .where(sales_in(bounds, register_id), KNOWN)
        .group_by(Sale.customer_id)
        .subquery()
    )


def customer_groups(
    session: Session, bounds: Bounds, register_id: int | None
) -> dict[str, CustomerGroup]:
    """"new" (first sale in the period), "returning" and "walk_in" (no customer given)."""
    per = _per_customer(bounds, register_id)
    earlier = aliased(Sale)
    came_before = exists().where(
        earlier.customer_id == per.c.customer_id,
        earlier.kind == "sale",
        earlier.completed_at < bounds[0],
    )
    kind = case((came_before, "returning"), else_="new")
    rows = session.execute(
        select(kind, func.count(), func.sum(per.c.visits), func.sum(per.c.spend)).group_by(kind)
    )
    groups = {name: CustomerGroup(int(n), int(visits), int(spend))
              for name, n, visits, spend in rows}
    visits, spend = session.execute(
        select(
            func.coalesce(func.sum(case((IS_SALE, 1), else_=0)), 0),
            func.coalesce(func.sum(Sale.total_minor), 0),
        ).where(sales_in(bounds, register_id), Sale.customer_id.is_(None))
    ).one()
    groups["walk_in"] = CustomerGroup(0, int(visits), int(spend))
    return groups


def top_customers(
    session: Session, bounds: Bounds, register_id: int | None, limit: int
) -> list[CustomerFigure]:
    per = _per_customer(bounds, register_id)
    rows = session.execute(
        select(Customer.name, Customer.code, per.c.visits, per.c.spend, per.c.last_visit)
        .join(Customer, Customer.id == per.c.customer_id)
        .where(Customer.erased_at.is_(None))
        .order_by(per.c.spend.desc(), Customer.name)
        .limit(limit)
    )
    return [
        CustomerFigure(name, code or "", int(visits), int(spend), last_visit)
        for name, code, visits, spend, last_visit in rows
    ]


def _month_number(
    column: ColumnElement[datetime] | InstrumentedAttribute[datetime],
    month_ends: Sequence[datetime],
) -> ColumnElement[int]:
    """The number (from 0) of the month a time falls in, given each month's end in UTC."""
    return case(
        *((column < end, number) for number, end in enumerate(month_ends)),
        else_=len(month_ends),
    )


def cohorts(
    session: Session, bounds: Bounds, register_id: int | None, month_ends: Sequence[datetime]
) -> list[CohortCell]:
    """Customers whose first sale ever fell in month `cohort` of the period, counted in
    each month they bought in. Months are numbered from the period's first."""
    first = (
        select(Sale.customer_id.label("customer_id"),
               func.min(Sale.completed_at).label("first_at"))
        .where(KNOWN, IS_SALE, Sale.completed_at < bounds[1])
        .group_by(Sale.customer_id)
        .having(func.min(Sale.completed_at) >= bounds[0])
        .subquery()
    )
    active = (
        select(Sale.customer_id.label("customer_id"),
               _month_number(Sale.completed_at, month_ends).label("month"))
        .where(sales_in(bounds, register_id), KNOWN, IS_SALE)
        .distinct()
        .subquery()
    )
    cohort = _month_number(first.c.first_at, month_ends)
    rows = session.execute(
        select(cohort, active.c.month, func.count())
        .join(first, first.c.customer_id == active.c.customer_id)
        .group_by(cohort, active.c.month)
        .order_by(cohort, active.c.month)
    )
    return [CohortCell(int(month), int(seen) - int(month), int(n)) for month, seen, n in rows]


def visit_histories(
    session: Session, until: datetime
) -> Iterator[tuple[int, list[tuple[datetime, int]]]]:
    """Each customer's sales before `until` as (time, total), in time order, one customer at
    a time: streamed in batches, so only one customer's visits are held at once."""
    rows = session.execute(
        select(Sale.customer_id, Sale.completed_at, Sale.total_minor)
        .where(KNOWN, IS_SALE, Sale.completed_at < until)
        .order_by(Sale.customer_id, Sale.completed_at)
        .execution_options(yield_per=HISTORY_BATCH)
    )
    for customer_id, visits in groupby(rows, key=itemgetter(0)):
        yield int(customer_id), [(at, int(total)) for _, at, total in visits]


def customer_names(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(name, code) of the given customers that are not erased, by id."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.code)
        .where(Customer.id.in_(wanted), Customer.erased_at.is_(None))
    )
    return {int(number): (name, code or "") for number, name, code in rows}


def birthdays(session: Session, month: int) -> list[BirthdayFigure]:
    """Customers (not erased) whose birthday falls in `month`, by day."""
    rows = session.execute(
        select(Customer.name, Customer.code, Customer.birthday_day, Customer.birthday_year)
        .where(and_(Customer.birthday_month == month, Customer.erased_at.is_(None)))
        .order_by(Customer.birthday_day, Customer.name)
    )
    return [BirthdayFigure(name, code or "", day, month, year)
            for name, code, day, year in rows if day is not None]

