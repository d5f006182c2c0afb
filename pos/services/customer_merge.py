"""Merging two records of one person: everything moves to the record kept.

The kept record keeps what it has; blanks are filled from the other record (phone,
e-mail, birthday, card, code, language, form of address); notes and preferences are
combined; the consents given last win. Every row that named the other record (sales,
vouchers, follow-ups, ...) is moved, the other record deleted, statistics rebuilt,
and the merge written to the audit log. Runs inside the caller's transaction.
"""

from datetime import datetime

from pos.db.audit import AuditRepository, subject_of
from pos.db.customer_links import move_references
from pos.db.customer_stats import rebuild_customer_stats
from pos.db.customers import CustomerRepository
from pos.db.models import Customer
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.customer_details import clean_tags, customer_search_text
from pos.domain.errors import NotFoundError, UserError

FILLED_IF_BLANK = (
    ("address_as",), ("phone", "phone_normalised"), ("email", "email_normalised"),
    ("birthday_day", "birthday_month", "birthday_year"), ("language",),
)
"""Groups of columns taken together from the merged record when the kept one has none."""
CONSENTS = ("consent_marketing_email", "consent_sms", "consent_keep_history", "consent_given_at")


def merge_customers(
    uow: SqlAlchemyUnitOfWork, keep_id: int, merge_id: int, *, now: datetime, actor: str
) -> tuple[Customer, dict[str, int]]:
    """Merge `merge_id` into `keep_id`; returns the kept customer and the rows moved."""
    session = uow.session
    if keep_id == merge_id:
        raise UserError("choose two different customers to merge")
    repo = CustomerRepository(session)
    keep = _mergeable(repo.get(keep_id, lock=True), keep_id)
    gone = _mergeable(repo.get(merge_id, lock=True), merge_id)
    tags = clean_tags([*repo.tags(keep_id), *repo.tags(merge_id)])
    code, card = keep.code or gone.code, keep.loyalty_card or gone.loyalty_card
    gone.code, gone.loyalty_card = None, None  # free them before the kept record takes them
    repo.flush()
    _fill_blanks(keep, gone)
    keep.code, keep.loyalty_card = code, card
    keep.notes = "\n".join(dict.fromkeys(note for note in (keep.notes, gone.notes) if note))
    keep.created_at = min(keep.created_at, gone.created_at)
    keep.search_text = customer_search_text(keep.name, keep.code, keep.email)
    moved = move_references(session, merge_id, keep_id)
    repo.delete_tags(merge_id)
    repo.delete_stats(merge_id)
    repo.delete(gone)
    repo.replace_tags(keep_id, tags, now)
    rebuild_customer_stats(session, [keep_id])
    AuditRepository(session).append(
        at=now, actor=actor, action="customer.merge", subject=subject_of("customer", keep_id),
        details={"merged_customer_id": merge_id, "moved": moved},
    )
    return keep, moved


def _mergeable(customer: Customer | None, customer_id: int) -> Customer:
    if customer is None:
        raise NotFoundError(f"there is no customer number {customer_id} to merge")
    if customer.erased_at is not None:
        raise UserError(f"customer {customer_id} was erased; there is nothing to merge")
    return customer


def _fill_blanks(keep: Customer, gone: Customer) -> None:
    for group in FILLED_IF_BLANK:
        if not getattr(keep, group[0]) and getattr(gone, group[0]):
            for column in group:
                setattr(keep, column, getattr(gone, column))
    kept_at, gone_at = keep.consent_given_at, gone.consent_given_at
    if gone_at is not None and (kept_at is None or gone_at > kept_at):
        for column in CONSENTS:
            setattr(keep, column, getattr(gone, column))
