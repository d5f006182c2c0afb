"""A customer's own data on SQLite and PostgreSQL: the export holds everything we keep; an
erasure removes the person and keeps the books; an open return blocks it."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from pos.db.database import Database
from pos.db.followups import add_follow_up
from pos.db.models import (
    AuditEntry,
    Customer,
    CustomerStats,
    CustomerTag,
    FollowUp,
    Payment,
    Sale,
    SaleLine,
    Voucher,
)
from pos.domain.cart import Cart
from pos.domain.errors import NotFoundError, UserError
from pos.domain.tender import Tender
from pos.services.customer_privacy import ERASED_NAME
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from tests.factories import TillFixture, fixed_clock

PERSONAL = NewCustomer(
    "Priya Patel", address_as="Mrs Patel", phone="020 7946 0123", email="priya@example.com",
    birthday_day=14, birthday_month=7, birthday_year=1984, notes="Son's name is Arjun",
    tags=("gift wrap", "no plastic"), language="en", loyalty_card="555123",
    consent_marketing_email=True, consent_sms=True,
)


@pytest.fixture
def priya(database: Database, till: TillFixture) -> int:
    """Priya with two sales (one partly returned for cash), a follow-up and a voucher."""
    customers = CustomerService(database, fixed_clock)
    customer_id = customers.create(PERSONAL).id
    till.sell(Cart().add(till.mugs(2)), Tender("cash", 900), customer_id=customer_id)
    till.sell(Cart().add(till.card()), Tender("cash", 250), customer_id=customer_id)
    till.give_back({1: 1}, receipt_number="R1-000001")
    with database.writer() as uow:
        add_follow_up(uow.session, customer_id=customer_id, due_on=date(2026, 12, 1),
                      kind="call", note="Ask Priya how the mug is", created_at=fixed_clock())
        uow.commit()
    return customer_id


def test_the_export_holds_everything_kept_about_them(
    database: Database, till: TillFixture, priya: int
) -> None:
    exported = CustomerService(database, fixed_clock).export(priya, actor="Olivia")
    assert json.loads(json.dumps(exported)) == exported  # plain JSON all the way down
    person = exported["customer"]
    assert {key: person[key] for key in ("name", "address_as", "phone", "email", "notes",
                                         "birthday_day", "birthday_month", "birthday_year",
                                         "loyalty_card", "consent_sms")} == {
        "name": "Priya Patel", "address_as": "Mrs Patel", "phone": "020 7946 0123",
        "email": "priya@example.com", "notes": "Son's name is Arjun", "birthday_day": 14,
        "birthday_month": 7, "birthday_year": 1984, "loyalty_card": "555123",
        "consent_sms": True,
    }
    assert exported["preferences"] == ["gift wrap", "no plastic"]
    assert exported["statistics"]["visits"] == 2
    assert [(s["receipt_number"], s["kind"], s["total_minor"]) for s in exported["sales"]] == [
        ("R1-000001", "sale", 900), ("R1-000002", "sale", 250), ("R1-000003", "return", -450),
    ]
    assert [line["product_code"] for line in exported["sales"][0]["lines"]] == ["M1"]
    assert exported["sales"][0]["payments"][0]["method"] == "cash"
    follow_ups = exported["other_records"]["follow_up"]
    assert [f["note"] for f in follow_ups] == ["Ask Priya how the mug is"]
    assert exported["audit"] == [
        {"at": fixed_clock().isoformat(), "actor": "Olivia", "action": "customer.export",
         "details": {}}
    ]


def test_erasure_removes_the_person_and_keeps_the_books(
    database: Database, priya: int
) -> None:
    customers = CustomerService(database, fixed_clock)
    with database.reader() as uow:
        sales_before = uow.session.execute(
            select(func.count(), func.sum(Sale.total_minor)).select_from(Sale)
        ).one()
        lines_before = uow.session.scalar(select(func.count()).select_from(SaleLine))
        paid_before = uow.session.scalar(select(func.sum(Payment.amount_minor)))

    erased = customers.erase(priya, actor="Olivia")

    assert erased.sales_kept == 3
    assert erased.released["follow_up.customer_id"] == 1
    assert erased.released["customer_tag.customer_id"] == 2
    with database.reader() as uow:
        session = uow.session
        record = session.get(Customer, priya)
        assert record is not None
        assert record.erased_at == fixed_clock()
        kept = {column: getattr(record, column) for column in (
            "name", "address_as", "search_text", "phone", "phone_normalised", "email",
            "email_normalised", "birthday_day", "birthday_month", "birthday_year", "notes",
            "language", "loyalty_card", "consent_marketing_email", "consent_sms",
            "consent_given_at")}
        assert kept == {
            "name": ERASED_NAME, "address_as": "", "search_text": "", "phone": "",
            "phone_normalised": "", "email": "", "email_normalised": "", "birthday_day": None,
            "birthday_month": None, "birthday_year": None, "notes": "", "language": "",
            "loyalty_card": None, "consent_marketing_email": False, "consent_sms": False,
            "consent_given_at": None,
        }
        # The books: every sale, line and payment stays, with its amounts, unlinked.
        assert session.execute(
            select(func.count(), func.sum(Sale.total_minor)).select_from(Sale)
        ).one() == sales_before
        assert session.scalar(select(func.count()).select_from(SaleLine)) == lines_before
        assert session.scalar(select(func.sum(Payment.amount_minor))) == paid_before
        assert session.scalar(select(func.count()).where(Sale.customer_id == priya)) == 0
        # What was about them is gone; the follow-up stays for the figures, anonymised
        # and cancelled (nobody is left to call).
        for model in (CustomerTag, CustomerStats):
            assert session.scalar(select(func.count()).select_from(model)) == 0, model
        follow_up = session.scalars(select(FollowUp)).one()
        assert (follow_up.customer_id, follow_up.note, follow_up.outcome_note) == (None, "", "")
        assert (follow_up.status, follow_up.done_at) == ("cancelled", fixed_clock())
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.subject, entry.actor) == (
            "customer.erase", f"customer:{priya}", "Olivia"
        )
        assert not {"Priya", "Patel"} & set(entry.details.replace('"', " ").split())
        raw = " ".join(str(v) for v in session.execute(
            text("SELECT * FROM customer WHERE id = :id"), {"id": priya}
        ).one())
        for personal in ("Priya", "priya", "7946", "Arjun"):
            assert personal not in raw
    assert customers.search("priya") == ()
    assert customers.search("020 7946 0123") == ()
    with pytest.raises(NotFoundError, match="was erased on 2026-11-24 at their request"):
        customers.panel(priya)
    with pytest.raises(UserError, match="already erased on 2026-11-24"):
        customers.erase(priya)
    exported = customers.export(priya)
    assert exported["customer"]["name"] == ERASED_NAME
    assert (exported["sales"], exported["preferences"]) == ([], [])


def test_erasure_waits_while_a_return_is_open(
    database: Database, till: TillFixture, priya: int
) -> None:
    """An open return: refunded to store credit that is not spent yet (money owed to them)."""
    till.give_back({1: 1}, receipt_number="R1-000002", refund_method="store_credit")
    customers = CustomerService(database, fixed_clock)
    with database.reader() as uow:
        code = uow.session.scalars(select(Voucher.code)).one()
    with pytest.raises(UserError) as refused:
        customers.erase(priya)
    assert refused.value.message == (
        f"Priya Patel has an open return: 2.50 of store credit not yet spent ({code}); let "
        "them spend it (or pay it out) before erasing their data"
    )
    assert customers.panel(priya).name == "Priya Patel"  # nothing was changed
    till.sell(Cart().add(till.card()), Tender("store_credit", 250, code), customer_id=priya)
    assert customers.erase(priya).sales_kept == 5


def test_the_audit_log_is_append_only(database: Database, priya: int) -> None:
    CustomerService(database, fixed_clock).erase(priya)
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), database.writer() as uow:
            uow.session.execute(text(statement))
    with database.reader() as uow:
        assert uow.session.scalar(select(AuditEntry.actor)) == "till"
