"""Customer records on SQLite and PostgreSQL: adding (checked, duplicates caught), finding
them however they are typed, editing and merging."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from pos.db.database import Database
from pos.db.models import AuditEntry, Customer, CustomerStats, CustomerTag, Sale
from pos.domain.cart import Cart
from pos.domain.customer_details import Birthday
from pos.domain.errors import NotFoundError, UserError
from pos.domain.tender import Tender
from pos.services.customer_types import DuplicateCustomerError, NewCustomer
from pos.services.customers import CustomerService
from tests.factories import TillFixture, fixed_clock, make_shop

JANE = NewCustomer(
    "Jane Smith", address_as="Jane", phone="07946 0958 12", email="Jane.Smith@Example.com",
    birthday_day=29, birthday_month=2, tags=("likes dark roast", "size M"),
    notes="Prefers the window seat", language="en", loyalty_card="4000 1234",
    consent_marketing_email=True,
)


@pytest.fixture
def customers(database: Database) -> CustomerService:
    make_shop(database)
    return CustomerService(database, fixed_clock)


def test_a_customer_is_added_with_everything_normalised(
    database: Database, customers: CustomerService
) -> None:
    hit = customers.create(JANE)
    assert (hit.name, hit.phone, hit.email, hit.loyalty_card, hit.visits) == (
        "Jane Smith", "07946 095812", "Jane.Smith@Example.com", "40001234", 0
    )
    with database.reader() as uow:
        stored = uow.session.get(Customer, hit.id)
        assert stored is not None
        assert (stored.phone_normalised, stored.email_normalised) == (
            "+447946095812", "jane.smith@example.com"
        )
        assert (stored.birthday_day, stored.birthday_month, stored.birthday_year) == (29, 2, None)
        assert stored.search_text == "jane smith jane.smith@example.com"
        assert stored.consent_given_at == fixed_clock()
    assert customers.details(hit.id) == NewCustomer(
        "Jane Smith", address_as="Jane", phone="07946 095812", email="Jane.Smith@Example.com",
        birthday_day=29, birthday_month=2, notes="Prefers the window seat",
        tags=("likes dark roast", "size M"), language="en", loyalty_card="40001234",
        consent_marketing_email=True,
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (NewCustomer("Ann", birthday_day=31, birthday_month=2), "31 February is not a date"),
        (NewCustomer("Ann", birthday_day=3), "both the day and the month"),
        (NewCustomer("Ann", phone="12345"), "'12345' is not a phone number"),
        (NewCustomer("Ann", email="ann@"), "'ann@' is not an e-mail address"),
        (NewCustomer("  "), "give the customer's name"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(
    database: Database, customers: CustomerService, new: NewCustomer, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        customers.create(new)
    with database.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Customer)) == 0


def test_duplicates_are_offered_before_a_second_record_is_made(
    database: Database, customers: CustomerService
) -> None:
    jane = customers.create(JANE)
    for look_alike, why in (
        (NewCustomer("J. Smith", phone="+44 7946 095812"), "same phone"),
        (NewCustomer("Janet Doe", email="jane.smith@example.COM"), "same e-mail"),
        (NewCustomer("Jane Smyth"), "similar name"),
    ):
        with pytest.raises(DuplicateCustomerError) as caught:
            customers.create(look_alike)
        assert f"Jane Smith ({why})" in caught.value.message
        assert "pick them instead, or add a new customer anyway" in caught.value.message
        assert [c.id for c in caught.value.candidates] == [jane.id]
    twin = customers.create(NewCustomer("Jane Smyth"), allow_duplicate=True)
    assert twin.id != jane.id
    assert customers.create(NewCustomer("Bob Jones")).name == "Bob Jones"


def test_a_card_or_code_in_use_is_always_refused(customers: CustomerService) -> None:
    customers.create(JANE)
    with pytest.raises(UserError, match="loyalty card 40001234 already belongs to Jane Smith"):
        customers.create(NewCustomer("Bob", loyalty_card="4000-1234".replace("-", "")),
                         allow_duplicate=True)


@pytest.mark.parametrize(
    ("typed", "matched"),
    [
        ("jane", "name"), ("JANE SM", "name"), ("smi", "text"), ("ja sm", "text"),
        ("+44 7946 095812", "exact"), ("0044 (0)7946-095812".replace("(0)", ""), "exact"),
        ("07946 09", "phone"), ("6 0958", "phone"), ("jane.smith@example.com", "exact"),
        ("jane.smith@", "text"), ("4000 1234", "exact"),
    ],
)
def test_found_by_name_phone_in_any_format_email_and_card(
    customers: CustomerService, typed: str, matched: str
) -> None:
    jane = customers.create(JANE)
    customers.create(NewCustomer("Bob Jones", phone="020 7946 0000"))
    hits = customers.search(typed)
    assert [(hit.id, hit.matched) for hit in hits] == [(jane.id, matched)]


def test_search_ignores_accents_and_puts_exact_and_prefix_matches_first(
    customers: CustomerService,
) -> None:
    zoe = customers.create(NewCustomer("Zoë Brontë", code="BRONTE"))
    bron = customers.create(NewCustomer("Bronwyn Price"))
    assert [hit.id for hit in customers.search("bronte")] == [zoe.id]
    assert [hit.id for hit in customers.search("BRON")] == [bron.id, zoe.id]
    assert [hit.id for hit in customers.search("zoe")] == [zoe.id]
    assert customers.search("   ") == ()
    assert customers.search("nobody") == ()


def test_an_edit_is_checked_and_dates_a_changed_consent(
    database: Database, customers: CustomerService
) -> None:
    jane = customers.create(JANE)
    details = customers.details(jane.id)
    edited = replace(details, email="jane@example.org", tags=("size L",), consent_sms=True)
    assert customers.update(jane.id, edited).email == "jane@example.org"
    with database.reader() as uow:
        tags = uow.session.scalars(select(CustomerTag.tag)).all()
        assert tags == ["size L"]
    with pytest.raises(UserError, match="31 February"):
        customers.update(jane.id, NewCustomer("Jane Smith", birthday_day=31, birthday_month=2))
    customers.update_notes(jane.id, "  Allergic to nuts ", ["oat milk", "oat milk"])
    panel = customers.panel(jane.id)
    assert (panel.notes, panel.tags) == ("Allergic to nuts", ("oat milk",))
    assert panel.consents.sms


def test_an_unchanged_phone_that_no_longer_parses_is_kept(
    database: Database, customers: CustomerService
) -> None:
    """Demo and imported numbers (Ofcom's drama range) are kept when typed back unchanged."""
    with database.writer() as uow:
        customer = Customer(name="Demo Person", search_text="demo person", phone="07700 900123",
                            phone_normalised="+447700900123", created_at=fixed_clock())
        uow.session.add(customer)
        uow.session.flush()
        customer_id = customer.id
        uow.commit()
    details = customers.details(customer_id)
    assert customers.update(customer_id, details).phone == "07700 900123"
    with pytest.raises(UserError, match="is not a phone number"):
        customers.update(customer_id, NewCustomer("Demo Person", phone="07700 900124"))


def test_merge_moves_sales_fills_blanks_and_rebuilds_statistics(
    database: Database, till: TillFixture
) -> None:
    customers = CustomerService(database, fixed_clock)
    keep = customers.create(NewCustomer("Jane Smith", phone="07946 095812", tags=("tea",)))
    other = customers.create(
        NewCustomer("J Smith", email="jane@example.com", birthday_day=3, birthday_month=4,
                    notes="Likes mugs", loyalty_card="777", tags=("Tea", "mugs")),
        allow_duplicate=True,
    )
    till.sell(Cart().add(till.mugs()), Tender("cash", 450), customer_id=keep.id)
    till.sell(Cart().add(till.mugs(2)), Tender("cash", 900), customer_id=other.id)
    till.sell(Cart().add(till.card()), Tender("cash", 250), customer_id=other.id)

    merged = customers.merge(keep.id, other.id, actor="Alex")

    assert merged.kept.id == keep.id
    assert (merged.kept.visits, merged.kept.email, merged.kept.loyalty_card) == (
        3, "jane@example.com", "777"
    )
    assert merged.moved["sale.customer_id"] == 2
    panel = customers.panel(keep.id)
    assert (panel.visits, panel.lifetime_spend_minor, panel.notes) == (3, 1600, "Likes mugs")
    (found,) = customers.search("Jane Smith")  # the list shows the same spend, unread
    assert (found.id, found.visits, found.spend_minor) == (keep.id, 3, 1600)
    assert panel.tags == ("tea", "mugs")
    assert panel.birthday == Birthday(3, 4)
    with database.reader() as uow:
        session = uow.session
        assert session.get(Customer, other.id) is None
        assert session.get(CustomerStats, other.id) is None
        assert set(session.scalars(select(Sale.customer_id))) == {keep.id}
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.subject, entry.actor) == (
            "customer.merge", f"customer:{keep.id}", "Alex"
        )
    with pytest.raises(NotFoundError, match=f"no customer number {other.id}"):
        customers.panel(other.id)
    with pytest.raises(UserError, match="two different customers"):
        customers.merge(keep.id, keep.id)
