"""Promises per person who made them: due in the period, kept or broken in it, and
overdue at its close."""

from sqlalchemy.orm import Session

from pos.db.models import Promise
from pos.db.review_queries.window import (
    ReviewWindow,
    count_by,
    count_by_status,
    count_outstanding_at_close,
)
from pos.db.sql_time import within
from pos.domain.service_review import ByPerson, merged

_MARKED = {"kept": "promises_kept", "broken": "promises_broken"}


def promises_by_person(session: Session, window: ReviewWindow) -> ByPerson:
    person = Promise.promised_by_id
    return merged(
        count_by(session, "promises_due", person,
                 Promise.due_on.between(window.first_day, window.last_day)),
        count_by_status(session, _MARKED, person, Promise.status,
                        within(Promise.closed_at, window.bounds)),
        count_outstanding_at_close(
            session, window, "promises_overdue_at_close", person, due_on=Promise.due_on,
            created_at=Promise.made_at, still_open=Promise.status == "open",
            closed_at=Promise.closed_at,
        ),
    )
