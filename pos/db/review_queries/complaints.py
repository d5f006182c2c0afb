"""Complaints per owner: opened, timed (apology, first response, resolution), still
open at close; and opened per category."""

from itertools import groupby
from operator import itemgetter

from sqlalchemy import desc, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from pos.db.models import Complaint
from pos.db.planner_hints import rarely
from pos.db.review_queries.window import ReviewWindow, count_by, only
from pos.db.sql_time import seconds_between, within
from pos.domain.choices import one_of
from pos.domain.complaints import CATEGORIES, Category
from pos.domain.service_review import ByPerson, Timing, merged

_TIMED_EVENTS = {
    "time_to_apology": Complaint.apologised_at,
    "time_to_first_response": Complaint.first_response_at,
    "time_to_resolution": Complaint.resolved_at,
}


def complaints_by_owner(session: Session, window: ReviewWindow) -> ByPerson:
    return merged(
        count_by(session, "complaints_opened", Complaint.owner_id,
                 within(Complaint.logged_at, window.bounds)),
        *(
            count_by(session, "complaints_open_at_close", Complaint.owner_id,
                     Complaint.logged_at < window.end, unresolved)
            for unresolved in (Complaint.resolved_at.is_(None),
                               rarely(Complaint.resolved_at >= window.end))
        ),
        *(_timed(session, window, figure, event) for figure, event in _TIMED_EVENTS.items()),
    )


def complaint_categories(
    session: Session, window: ReviewWindow
) -> tuple[tuple[Category, int], ...]:
    count = func.count()
    rows = session.execute(
        select(Complaint.category, count)
        .where(within(Complaint.logged_at, window.bounds))
        .group_by(Complaint.category)
        .order_by(desc(count), Complaint.category)
    )
    return tuple(
        (one_of(category, CATEGORIES, "complaint category"), int(n)) for category, n in rows
    )


def _timed(
    session: Session, window: ReviewWindow, figure: str, event: InstrumentedAttribute[object]
) -> ByPerson:
    """Complaints whose `event` happened in the window, and the time from logging to it,
    one by one (a day has a handful; the median needs each)."""
    rows = session.execute(
        select(Complaint.owner_id, seconds_between(Complaint.logged_at, event))
        .where(within(event, window.bounds))
        .order_by(Complaint.owner_id, Complaint.id)
    )
    return {
        owner: only(figure, Timing.of(float(seconds or 0) for _, seconds in group))
        for owner, group in groupby(rows, key=itemgetter(0))
    }
