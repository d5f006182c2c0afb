"""Complaints: logged from the till or the customer screen, apologised for, answered,
and closed with a remedy; with the times it took.

Logging a complaint about a known customer also creates, in the same transaction, a
follow-up due that day to check they are satisfied (source "complaint"). A passer-by's
complaint gets none: there is nobody to call back.
"""

from collections.abc import Callable
from datetime import datetime

from pos.db.complaints import ComplaintRepository
from pos.db.database import Database
from pos.db.followups import add_follow_up
from pos.db.linked_records import LinkedRecords
from pos.db.models import Complaint
from pos.domain.clock import Clock, utc_now
from pos.domain.complaints import (
    SATISFACTION_CHECK,
    ComplaintItem,
    Remedy,
    apology_time,
    checked_category,
    checked_remedy,
    checked_said,
    checked_severity,
    refuse_if_resolved,
)
from pos.domain.errors import NotFoundError, UserError
from pos.domain.followups import Outcome
from pos.services.link_checks import found, require_customer, require_sale_of, require_staff
from pos.services.shop_days import shop_today

FOLLOW_UP_KIND = "call"
Change = Callable[[Complaint, datetime], None]
"""A step of a complaint's lifecycle, applied at a time."""


class ComplaintService:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    def log(
        self,
        customer_id: int | None,
        sale_id: int | None,
        line_no: int | None,
        category: str,
        said: str,
        severity: str,
        owner_id: int,
        logged_by_id: int,
    ) -> ComplaintItem:
        """Record a complaint (customer None: someone the shop does not know), about a
        sale or one of its lines if given; a sale made to another customer is refused."""
        complaint = Complaint(
            customer_id=customer_id, sale_id=sale_id, line_no=line_no,
            category=checked_category(category), said=checked_said(said),
            severity=checked_severity(severity), owner_id=owner_id, logged_by_id=logged_by_id,
            status="open", response_note="", resolution_note="",
        )
        now = self._clock()
        today = shop_today(self._database, now)
        with self._database.writer() as uow:
            self._check_links(LinkedRecords(uow.session), complaint)
            complaint.logged_at = now
            repo = ComplaintRepository(uow.session)
            repo.add(complaint)
            if customer_id is not None:
                complaint.follow_up_id = add_follow_up(
                    uow.session, customer_id=customer_id, due_on=today, kind=FOLLOW_UP_KIND,
                    note=SATISFACTION_CHECK, created_at=now, owner_id=owner_id,
                    created_by_id=logged_by_id, sale_id=sale_id, source="complaint",
                    source_id=complaint.id,
                ).id
            item = found(repo.item(complaint.id), "complaint", complaint.id)
            uow.commit()
        return item

    def record_apology(self, complaint_id: int, at: datetime | None = None) -> ComplaintItem:
        """Record when the customer was apologised to (now if not given). The first
        apology is the one timed; recording another changes nothing."""

        def apologise(complaint: Complaint, now: datetime) -> None:
            if complaint.apologised_at is None:
                complaint.apologised_at = apology_time(at or now, complaint.logged_at, now)

        return self._change(complaint_id, apologise)

    def respond(self, complaint_id: int, note: str) -> ComplaintItem:
        """Record an answer given to the customer; the first one times the response."""
        text = note.strip()
        if not text:
            raise UserError("write down what the customer was told")

        def answer(complaint: Complaint, now: datetime) -> None:
            refuse_if_resolved(complaint.status, complaint.resolved_at)
            complaint.first_response_at = complaint.first_response_at or now
            complaint.status = "responded"
            complaint.response_note = "\n".join(
                part for part in (complaint.response_note, text) if part
            )

        return self._change(complaint_id, answer)

    def resolve(self, complaint_id: int, remedy: str | None, note: str = "") -> ComplaintItem:
        """Close the complaint with the remedy that put it right (refused without one).
        Closing it also counts as the first response if there was none before."""
        chosen = checked_remedy(remedy)
        return self._change(
            complaint_id, lambda complaint, now: _close(complaint, chosen, note, now)
        )

    def resolve_follow_up(
        self, follow_up_id: int, remedy: str | None, note: str = ""
    ) -> ComplaintItem:
        """Close the complaint whose satisfaction check is that follow-up, with the remedy
        (refused without one), and mark the check done: the customer was reached."""
        chosen = checked_remedy(remedy)
        now = self._clock()
        today = shop_today(self._database, now)
        with self._database.writer() as uow:
            repo = ComplaintRepository(uow.session)
            complaint = repo.lock_for_follow_up(follow_up_id)
            if complaint is None:
                raise NotFoundError(
                    f"follow-up {follow_up_id} is not about a complaint; record its outcome"
                )
            _close(complaint, chosen, note, now)
            follow_up = repo.follow_up(follow_up_id)
            if follow_up is not None and follow_up.status == "open":
                follow_up.status = "done"
                follow_up.done_at = now
                follow_up.outcome = Outcome.REACHED.value
                attempt = " ".join(part for part in (
                    f"{today.isoformat()} {Outcome.REACHED.value}: complaint resolved "
                    f"({chosen}).", complaint.resolution_note) if part)
                follow_up.outcome_note = "\n".join(
                    part for part in (follow_up.outcome_note, attempt) if part
                )
            repo.flush()
            item = found(repo.item(complaint.id), "complaint", complaint.id)
            uow.commit()
        return item

    def get(self, complaint_id: int) -> ComplaintItem:
        with self._database.reader() as uow:
            item = ComplaintRepository(uow.session).item(complaint_id)
        return found(item, "complaint", complaint_id)

    def for_customer(self, customer_id: int) -> tuple[ComplaintItem, ...]:
        with self._database.reader() as uow:
            return ComplaintRepository(uow.session).for_customer(customer_id)

    def unresolved(self) -> tuple[ComplaintItem, ...]:
        with self._database.reader() as uow:
            return ComplaintRepository(uow.session).unresolved()

    @staticmethod
    def _check_links(links: LinkedRecords, complaint: Complaint) -> None:
        if complaint.customer_id is not None:
            require_customer(links, complaint.customer_id)
        if complaint.sale_id is not None:
            sale = require_sale_of(links, complaint.sale_id, complaint.customer_id)
            if complaint.line_no is not None and not links.has_line(sale.id, complaint.line_no):
                raise UserError(
                    f"receipt {sale.receipt_number} has no line {complaint.line_no}; "
                    "pick a line of that sale"
                )
        elif complaint.line_no is not None:
            raise UserError("a line number needs the sale it is on; choose the sale first")
        require_staff(links, complaint.owner_id)
        require_staff(links, complaint.logged_by_id)

    def _change(self, complaint_id: int, apply: Change) -> ComplaintItem:
        """Apply a step of the lifecycle to the locked complaint, at the clock's time."""
        now = self._clock()
        with self._database.writer() as uow:
            repo = ComplaintRepository(uow.session)
            apply(found(repo.lock(complaint_id), "complaint", complaint_id), now)
            repo.flush()
            item = found(repo.item(complaint_id), "complaint", complaint_id)
            uow.commit()
        return item


def _close(complaint: Complaint, remedy: Remedy, note: str, now: datetime) -> None:
    """Resolve the complaint with `remedy`; the first response too, if there was none."""
    refuse_if_resolved(complaint.status, complaint.resolved_at)
    complaint.first_response_at = complaint.first_response_at or now
    complaint.status = "resolved"
    complaint.remedy = remedy
    complaint.resolution_note = note.strip()
    complaint.resolved_at = now
