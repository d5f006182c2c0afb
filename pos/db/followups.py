"""Writing follow-ups from any feature (the till, rules, quotations, complaints, promises).

Never commits: the caller's unit of work does, so a follow-up is saved together with
the sale, quotation or complaint that caused it.
"""

from datetime import date, datetime

from sqlalchemy.orm import Session

from pos.db.models import FollowUp


def add_follow_up(
    session: Session,
    *,
    customer_id: int | None,
    due_on: date,
    kind: str,
    note: str,
    created_at: datetime,
    owner_id: int | None = None,
    created_by_id: int | None = None,
    sale_id: int | None = None,
    source: str = "manual",
    source_id: int | None = None,
) -> FollowUp:
    follow_up = FollowUp(
        customer_id=customer_id, sale_id=sale_id, kind=kind, due_on=due_on, note=note,
        owner_id=owner_id, source=source, source_id=source_id, status="open", outcome="",
        outcome_note="", created_by_id=created_by_id, created_at=created_at,
    )
    session.add(follow_up)
    session.flush()
    return follow_up
