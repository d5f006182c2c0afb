"""Reading and writing complaints. Never commits: the complaint service does, so a
complaint and its follow-up are saved together.

A complaint whose customer was erased still counts in every figure: the erasure keeps it
without the link to the person and with its free text (`COMPLAINT_FREE_TEXT`) emptied
(`pos.db.customer_links`); a complaint read while its customer is marked erased does not
show that text either.
"""

from datetime import datetime

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from pos.db.models import Complaint, Customer, FollowUp, Sale, User
from pos.domain.choices import one_of
from pos.domain.complaints import (
    CATEGORIES,
    COMPLAINT_STATUSES,
    REMEDIES,
    SEVERITIES,
    ComplaintItem,
)

COMPLAINT_FREE_TEXT = ("said", "response_note", "resolution_note")
"""What a complaint says by or about the person: emptied when they are erased."""

_ItemQuery = Select[Complaint, str | None, datetime | None, str | None, str]
_ITEMS: _ItemQuery = (
    select(Complaint, Customer.name, Customer.erased_at, Sale.receipt_number, User.name)
    .outerjoin(Customer, Customer.id == Complaint.customer_id)
    .outerjoin(Sale, Sale.id == Complaint.sale_id)
    .join(User, User.id == Complaint.owner_id)
)


class ComplaintRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, complaint: Complaint) -> Complaint:
        self.session.add(complaint)
        self.session.flush()
        return complaint

    def lock(self, complaint_id: int) -> Complaint | None:
        """The complaint, locked until commit."""
        return self.session.get(Complaint, complaint_id, with_for_update=True)

    def lock_for_follow_up(self, follow_up_id: int) -> Complaint | None:
        """The complaint whose satisfaction check is that follow-up, locked until commit."""
        return self.session.scalars(
            select(Complaint).where(Complaint.follow_up_id == follow_up_id).with_for_update()
        ).first()

    def follow_up(self, follow_up_id: int | None) -> FollowUp | None:
        """The complaint's follow-up, locked; None if there is none (any more)."""
        if follow_up_id is None:
            return None
        return self.session.get(FollowUp, follow_up_id, with_for_update=True)

    def flush(self) -> None:
        self.session.flush()

    def item(self, complaint_id: int) -> ComplaintItem | None:
        items = self._items(_ITEMS.where(Complaint.id == complaint_id))
        return items[0] if items else None

    def for_customer(self, customer_id: int) -> tuple[ComplaintItem, ...]:
        """The customer's complaints, newest first."""
        return self._items(
            _ITEMS.where(Complaint.customer_id == customer_id)
            .order_by(Complaint.logged_at.desc(), Complaint.id.desc())
        )

    def unresolved_for(self, customer_id: int) -> tuple[ComplaintItem, ...]:
        """The customer's complaints not yet resolved, newest first."""
        return self._items(
            _ITEMS.where(Complaint.customer_id == customer_id, Complaint.resolved_at.is_(None))
            .order_by(Complaint.logged_at.desc(), Complaint.id.desc())
        )

    def unresolved(self) -> tuple[ComplaintItem, ...]:
        """Complaints not yet resolved, oldest first (the owner's list)."""
        return self._items(
            _ITEMS.where(Complaint.resolved_at.is_(None))
            .order_by(Complaint.logged_at, Complaint.id)
        )

    def _items(self, query: _ItemQuery) -> tuple[ComplaintItem, ...]:
        return tuple(_item(*row) for row in self.session.execute(query))


def anonymise_complaints(session: Session, customer_id: int) -> int:
    """Unlink the customer's complaints and blank what they say, keeping the rest (category,
    severity, owner, times, remedy) for the figures. Returns how many. (Erasing a
    customer does the same through `pos.db.customer_links.release_references`.)"""
    result = session.execute(
        update(Complaint)
        .where(Complaint.customer_id == customer_id)
        .values(customer_id=None, **dict.fromkeys(COMPLAINT_FREE_TEXT, ""))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _item(
    complaint: Complaint,
    customer_name: str | None,
    erased_at: datetime | None,
    receipt_number: str | None,
    owner_name: str,
) -> ComplaintItem:
    erased = erased_at is not None

    def personal(text: str) -> str:
        return "" if erased else text

    remedy = complaint.remedy
    return ComplaintItem(
        id=complaint.id, customer_id=complaint.customer_id,
        customer_name=personal(customer_name or ""), customer_erased=erased,
        sale_id=complaint.sale_id, receipt_number=receipt_number or "",
        line_no=complaint.line_no,
        category=one_of(complaint.category, CATEGORIES, "complaint category"),
        said=personal(complaint.said),
        severity=one_of(complaint.severity, SEVERITIES, "severity"),
        owner_id=complaint.owner_id, owner_name=owner_name,
        logged_by_id=complaint.logged_by_id, logged_at=complaint.logged_at,
        status=one_of(complaint.status, COMPLAINT_STATUSES, "complaint status"),
        apologised_at=complaint.apologised_at, first_response_at=complaint.first_response_at,
        response_note=personal(complaint.response_note),
        remedy=None if remedy is None else one_of(remedy, REMEDIES, "remedy"),
        resolution_note=personal(complaint.resolution_note),
        resolved_at=complaint.resolved_at, follow_up_id=complaint.follow_up_id,
    )
