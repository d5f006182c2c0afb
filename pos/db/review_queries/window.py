"""The period a review covers, in the shop's days and in UTC, and helpers shared by
the review's queries."""

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from pos.db.models import Sale
from pos.db.planner_hints import rarely
from pos.db.sql_time import Bounds, within
from pos.domain.service_review import ByPerson, ServiceFigures, merged


@dataclass(frozen=True, slots=True)
class ReviewWindow:
    first_day: date
    last_day: date
    start: datetime
    """Local midnight starting `first_day`, in UTC."""
    end: datetime
    """Local midnight after `last_day`, in UTC."""
    register_id: int | None
    """Sales of this register only; None for every register."""

    @property
    def bounds(self) -> Bounds:
        return self.start, self.end

    def sales(self) -> ColumnElement[bool]:
        """Sales (not returns) completed in the window, at its register if it has one."""
        condition = and_(within(Sale.completed_at, self.bounds), Sale.kind == "sale")
        if self.register_id is None:
            return condition
        return and_(condition, Sale.register_id == self.register_id)


def count_by(
    session: Session,
    figure: str,
    person: InstrumentedAttribute[Any],
    *conditions: ColumnElement[bool],
) -> ByPerson:
    """How many rows meet `conditions`, per `person` column, as that figure."""
    rows = session.execute(select(person, func.count()).where(*conditions).group_by(person))
    return {key: only(figure, int(count)) for key, count in rows}


def count_by_status(
    session: Session,
    figures: dict[str, str],
    person: InstrumentedAttribute[Any],
    status: InstrumentedAttribute[str],
    *conditions: ColumnElement[bool],
) -> ByPerson:
    """How many rows meeting `conditions` have each status of `figures` (status ->
    figure), per person. The status is grouped on rather than filtered on, so the
    database ranges over the time index in `conditions` instead of the status index."""
    rows = session.execute(
        select(person, status, func.count()).where(*conditions).group_by(person, status)
    )
    return merged(*(
        {key: only(figures[state], int(count))} for key, state, count in rows if state in figures
    ))


def count_outstanding_at_close(
    session: Session,
    window: ReviewWindow,
    figure: str,
    person: InstrumentedAttribute[Any],
    *,
    due_on: InstrumentedAttribute[date],
    created_at: InstrumentedAttribute[datetime],
    still_open: ColumnElement[bool],
    closed_at: InstrumentedAttribute[datetime | None],
) -> ByPerson:
    """Rows due by the last day, there before its end, and open at its end: those open
    now, and those closed after the end (two indexed look-ups rather than one OR)."""
    due = (due_on <= window.last_day, created_at < window.end)
    return merged(
        count_by(session, figure, person, *due, still_open),
        count_by(session, figure, person, *due, rarely(closed_at >= window.end)),
    )


def only(figure: str, value: object) -> ServiceFigures:
    """Figures that are all zero but `figure`."""
    changes: dict[str, Any] = {figure: value}
    return replace(ServiceFigures(), **changes)
