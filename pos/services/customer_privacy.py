"""A customer's own data: everything we hold (access), and forgetting them (erasure).

Erasure keeps the shop's books: sales, returns, vouchers and parked carts stay, no
longer linked to the person. It keeps the service records the daily service review
counts, complaints and follow-ups, anonymised: unlinked, their free text emptied (what
the customer said, notes, outcomes), their category, severity, owner, times and remedy
kept, an open follow-up cancelled; so the review of a past day reads the same after an
erasure. Everything else about them (preferences, statistics, promises and whatever
later features keep) is deleted, and the record itself is emptied of personal data.
The names of the people their gifts were for (someone else's personal data) are emptied
on their sales; the gifts' occasions stay for the figures.
The emptied record stays, with its `code` and `erased_at`, so the audit entry has a
subject and a re-import of an old customer list recognises the code instead of bringing
the person back.

Erasure is refused while a return of theirs is open: a return refunded to store
credit that has not been spent yet is money the shop still owes them, and only they
can claim it while the credit is theirs by name.
"""

import json
from datetime import datetime
from typing import Any

from pos.db.audit import AuditRepository, subject_of
from pos.db.customer_history import CustomerHistory
from pos.db.customer_links import (
    as_record,
    dump_references,
    forget_words_on_their_sales,
    release_references,
)
from pos.db.customers import CustomerRepository
from pos.db.gifts import gifts_of_customer
from pos.db.models import Customer
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.errors import NotFoundError, UserError
from pos.domain.money import format_minor
from pos.services.customer_types import ErasedCustomer
from pos.services.shop_facts import ShopFacts

EXPORT_FORMAT = "pos-customer-export/1"
ERASED_NAME = "Erased customer"
EXPORTED_SEPARATELY = frozenset({"sale"})
ERASED_VALUES: dict[str, object] = {
    "name": ERASED_NAME, "address_as": "", "search_text": "", "phone": "",
    "phone_normalised": "", "email": "", "email_normalised": "", "birthday_day": None,
    "birthday_month": None, "birthday_year": None, "notes": "", "language": "",
    "loyalty_card": None, "consent_marketing_email": False, "consent_sms": False,
    "consent_keep_history": False, "consent_given_at": None,
}
"""What an erased record holds instead (its id, code and created_at stay)."""


def export_customer(
    uow: SqlAlchemyUnitOfWork, customer_id: int, *, shop: ShopFacts, now: datetime, actor: str
) -> dict[str, Any]:
    """Everything held about the customer as JSON-ready data; the export is audited."""
    session = uow.session
    repo = CustomerRepository(session)
    customer = _existing(repo.get(customer_id), customer_id)
    audit = AuditRepository(session)
    subject = subject_of("customer", customer_id)
    audit.append(at=now, actor=actor, action="customer.export", subject=subject, details={})
    stats = repo.stats(customer_id)
    no_customer_id = frozenset({"customer_id"})
    gifts = gifts_of_customer(session, customer_id)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "shop": {"name": shop.name, "currency": shop.currency,
                 "amounts": f"integers in minor units ({shop.exponent} decimal places)"},
        "customer": as_record(customer),
        "preferences": repo.tags(customer_id),
        "statistics": None if stats is None else as_record(stats, leave_out=no_customer_id),
        "sales": [
            {
                **as_record(sale, leave_out=no_customer_id),
                "lines": [as_record(line, leave_out=frozenset({"sale_id"})) for line in lines],
                "payments": [as_record(p, leave_out=frozenset({"sale_id"})) for p in payments],
                "gifts": [as_record(g, leave_out=frozenset({"sale_id"}))
                          for g in gifts.get(sale.id, [])],
            }
            for sale, lines, payments in CustomerHistory(session).full_sales(customer_id)
        ],
        "other_records": dump_references(session, customer_id, skip=EXPORTED_SEPARATELY),
        "audit": [
            {"at": entry.at.isoformat(), "actor": entry.actor, "action": entry.action,
             "details": json.loads(entry.details)}
            for entry in audit.about(subject)
        ],
    }


def erase_customer(
    uow: SqlAlchemyUnitOfWork, customer_id: int, *, now: datetime, actor: str, exponent: int
) -> ErasedCustomer:
    """Remove the customer's personal data (see the module's docstring for what stays)."""
    session = uow.session
    repo = CustomerRepository(session)
    customer = _existing(repo.get(customer_id, lock=True), customer_id)
    if customer.erased_at is not None:
        raise UserError(
            f"customer {customer_id} was already erased on {customer.erased_at:%Y-%m-%d}"
        )
    owed = repo.open_store_credit(customer_id)
    if owed:
        total = format_minor(sum(voucher.balance_minor for voucher in owed), exponent)
        codes = ", ".join(voucher.code for voucher in owed)
        raise UserError(
            f"{customer.name} has an open return: {total} of store credit not yet spent "
            f"({codes}); let them spend it (or pay it out) before erasing their data"
        )
    # Before the sales lose their link to the customer, which finds their gifts and ratings.
    forgotten = forget_words_on_their_sales(session, customer_id)
    released = release_references(session, customer_id, now) | forgotten
    released["customer_tag.customer_id"] = repo.delete_tags(customer_id)
    repo.delete_stats(customer_id)
    for column, value in ERASED_VALUES.items():
        setattr(customer, column, value)
    customer.erased_at = now
    repo.flush()
    audit_id = AuditRepository(session).append(
        at=now, actor=actor, action="customer.erase", subject=subject_of("customer", customer_id),
        details={"released": released},
    )
    return ErasedCustomer(
        id=customer_id, erased_at=now, sales_kept=released.get("sale.customer_id", 0),
        released=released, audit_id=audit_id,
    )


def _existing(customer: Customer | None, customer_id: int) -> Customer:
    if customer is None:
        raise NotFoundError(f"there is no customer number {customer_id}")
    return customer
