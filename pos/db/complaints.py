"""Reading and writing complaints. Never commits: the complaint service does, so a
complaint and its follow-up are saved together.

A complaint whose customer was erased still counts in every figure; what it says about
the person is not read back (`anonymise_complaints` also blanks it at erasure).
"""

from datetime import datetime

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from pos.db.models import Complaint, Customer, Sale, User
from pos.domain.choices import one_of
from pos.domain.complaints import (
    CATEGORIES,
    COMPLAINT_STATUSES,
    REMEDIES,
    SEVERITIES,
    ComplaintItem,
)

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

    def unresolved(self) -> tuple[ComplaintItem, ...]:
        """Complaints not yet resolved, oldest first (the owner's list)."""
        return self._items(
            _ITEMS.where(Complaint.resolved_at.is_(None))
            .order_by(Complaint.logged_at, Complaint.id)
        )

    def _items(self, query: _ItemQuery) -> tuple[ComplaintItem, ...]:
        return tuple(_item(*row) for row in self.session.execute(query))


def anonymise_complaints(session: Session, customer_id: int) -> int:
    """Blank what the customer's complaints say about them, keeping the rest for the
    figures; for the erasure of the customer, in its transaction. Returns how many."""
    result = session.execute(
        update(Complaint)
        .where(Complaint.customer_id == customer_id)
        .values(said="", response_note="", resolution_note="")
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
