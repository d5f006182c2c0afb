"""Follow-ups per owner: done in the period, and overdue at its close."""

from sqlalchemy.orm import Session

from pos.db.models import FollowUp
from pos.db.review_queries.window import (
    ReviewWindow,
    count_by_status,
    count_outstanding_at_close,
)
from pos.db.sql_time import within
from pos.domain.service_review import ByPerson, merged


def follow_ups_by_owner(session: Session, window: ReviewWindow) -> ByPerson:
    owner = FollowUp.owner_id
    return merged(
        count_by_status(session, {"done": "follow_ups_done"}, owner, FollowUp.status,
                        within(FollowUp.done_at, window.bounds)),
        count_outstanding_at_close(
            session, window, "follow_ups_overdue_at_close", owner, due_on=FollowUp.due_on,
            created_at=FollowUp.created_at, still_open=FollowUp.status == "open",
            closed_at=FollowUp.done_at,
        ),
    )
