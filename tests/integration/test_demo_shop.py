"""The demo shop: a consistent two-year history from the real sample, ready for the till."""

import csv
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.database import Database
from pos.db.models import (
    Category,
    Customer,
    Product,
    ProductBarcode,
    Register,
    Sale,
    SaleLine,
    Shift,
    Shop,
    TaxRate,
    User,
)
from pos.db.repositories import ShopRepository
from pos.domain.errors import UserError
from pos.domain.text import search_key
from pos.services.demo import DEMO_CSV, DemoSummary, build_demo_shop, retail_price
from pos.services.pins import pin_matches
from pos.services.till_session import TillSessionService
from tests.integration.history_checks import (
    check_barcodes,
    check_customer_stats,
    check_receipts_gapless,
    check_sales_add_up,
    check_shifts,
    check_times,
)

LONDON = ZoneInfo("Europe/London")
# Late December: the birthday week runs into the next year.
NOW = datetime(2026, 12, 29, 15, 0, tzinfo=UTC)
TODAY = date(2026, 12, 29)


def clock() -> datetime:
    return NOW


@pytest.fixture
def demo(database: Database) -> DemoSummary:
    return build_demo_shop(database, DEMO_CSV, clock)


def _count(session: Session, model: type[object]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _csv_rows() -> list[dict[str, str]]:
    with DEMO_CSV.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_history_is_consistent(database: Database, demo: DemoSummary) -> None:
    with database.reader() as uow:
        session = uow.session
        assert check_receipts_gapless(session) == demo.sales
        check_sales_add_up(session)
        check_customer_stats(session)
        check_shifts(session)
        check_barcodes(session)
        check_times(session, earliest=NOW - timedelta(days=732), latest=NOW)


def test_history_fills_the_two_years_before_today(database: Database, demo: DemoSummary) -> None:
    with database.reader() as uow:
        times = list(uow.session.scalars(select(Sale.completed_at)))
        shift_days = [
            shift.opened_at.astimezone(LONDON).date()
            for shift in uow.session.scalars(select(Shift))
        ]
    local_days = {moment.astimezone(LONDON).date() for moment in times}
    assert min(local_days) == TODAY - timedelta(days=730)
    assert max(local_days) == TODAY - timedelta(days=1)
    assert len(shift_days) == len(set(shift_days)) == len(local_days) == demo.shifts
    # Sales keep the file's shop hours (08:00-20:00), in London time whatever the season.
    assert {moment.astimezone(LONDON).hour for moment in times} <= set(range(7, 21))
    summer = [moment for moment in times if moment.astimezone(LONDON).utcoffset()]
    assert summer, "some sales fall in British Summer Time"


def test_counts_match_the_summary(database: Database, demo: DemoSummary) -> None:
    with database.reader() as uow:
        session = uow.session
        assert demo.products == _count(session, Product)
        assert demo.barcodes == _count(session, ProductBarcode)
        assert demo.customers == _count(session, Customer)
        assert demo.categories == _count(session, Category)
        assert demo.staff == _count(session, User)
        assert demo.sales == _count(session, Sale)
        assert demo.sale_lines == _count(session, SaleLine)
        assert demo.shifts == _count(session, Shift)
    assert 300 <= demo.products <= 400
    assert demo.customers == 300
    assert 8 <= demo.categories <= 12
    assert demo.sales > 2000
    assert demo.sale_lines > demo.sales
    assert demo.csv_rows_skipped >= 620 + 2000  # at least the cancellations and walk-ins


def test_catalogue_comes_from_the_best_sellers(database: Database, demo: DemoSummary) -> None:
    usable = [
        row for row in _csv_rows()
        if not row["InvoiceNo"].startswith("C") and row["CustomerID"]
        and Decimal(row["UnitPrice"]) > 0
    ]
    best_code, _ = Counter(row["StockCode"] for row in usable).most_common(1)[0]
    prices = Counter(row["UnitPrice"] for row in usable if row["StockCode"] == best_code)
    usual_price = int(Decimal(prices.most_common(1)[0][0]) * 100)
    with database.reader() as uow:
        session = uow.session
        best = session.scalars(select(Product).where(Product.code == best_code)).one()
        assert best.price_minor == retail_price(usual_price)
        products = list(session.scalars(select(Product)))
        rates = {rate.id: rate.rate_bp for rate in session.scalars(select(TaxRate))}
        categories = set(session.scalars(select(Category.id)))
        assert sorted(rates.values()) == [0, 500, 2000]
        assert {rates[product.tax_rate_id] for product in products} >= {0, 2000}
        for product in products:
            assert product.price_minor > 0
            assert product.category_id in categories
            assert product.name == " ".join(product.name.split()), product.name
            assert product.name != product.name.upper(), product.name
            assert product.search_text == search_key(product.name, product.code)
        assert len({product.category_id for product in products}) == len(categories)


def test_shop_staff_and_till_are_set_up(database: Database, demo: DemoSummary) -> None:
    with database.reader() as uow:
        session = uow.session
        shop = session.get(Shop, 1)
        assert shop is not None
        assert shop.is_demo
        assert shop.prices_include_tax
        assert (shop.currency, shop.timezone, shop.locale) == ("GBP", "Europe/London", "en_GB")
        assert shop.name
        assert shop.address
        assert shop.vat_number.startswith("GB")
        assert list(session.scalars(select(Register.code))) == ["1"]
        users = {user.name: (user.role, user.pin_hash) for user in session.scalars(select(User))}
    assert {name: role for name, (role, _) in users.items()} == {
        "Alex": "cashier", "Sam": "cashier", "Owner": "owner",
    }
    for name, pin in (("Alex", "1234"), ("Sam", "2345"), ("Owner", "9999")):
        assert pin_matches(users[name][1], pin)
        assert not pin_matches(users[name][1], "0000")


def test_customers_look_real(database: Database, demo: DemoSummary) -> None:
    csv_customers = {str(int(Decimal(row["CustomerID"]))) for row in _csv_rows()
                     if row["CustomerID"]}
    with database.reader() as uow:
        customers = list(uow.session.scalars(select(Customer)))
        uow.session.expunge_all()  # read once, check after the session has gone
    for customer in customers:
        assert customer.code in csv_customers
        assert customer.phone.startswith("07")
        assert " " in customer.phone
        assert customer.phone_normalised == "+44" + customer.phone.replace(" ", "")[1:]
        if customer.email:
            assert customer.email.rsplit("@", 1)[1] in {"example.com", "example.org", "example.net"}
            assert customer.email_normalised == customer.email.lower()
        for part in (customer.name.lower(), customer.code, customer.email.lower()):
            assert part in customer.search_text
        assert customer.birthday_day is not None
        assert customer.birthday_month is not None
        if customer.birthday_year is not None:
            date(customer.birthday_year, customer.birthday_month, customer.birthday_day)
    assert len({customer.phone for customer in customers}) == len(customers)
    emails = [customer.email for customer in customers if customer.email]
    assert len(set(emails)) == len(emails) >= 0.8 * len(customers)
    with_notes = sum(1 for customer in customers if customer.notes)
    assert 0.2 * len(customers) <= with_notes <= 0.5 * len(customers)
    with_year = sum(1 for customer in customers if customer.birthday_year is not None)
    assert 0.3 * len(customers) <= with_year <= 0.7 * len(customers)


def test_some_birthdays_fall_this_week(database: Database, demo: DemoSummary) -> None:
    week = {(day.month, day.day) for day in (TODAY + timedelta(days=n) for n in range(7))}
    with database.reader() as uow:
        birthdays = [
            (customer.birthday_month, customer.birthday_day)
            for customer in uow.session.scalars(select(Customer))
        ]
    assert (TODAY.month, TODAY.day) in birthdays
    assert sum(1 for birthday in birthdays if birthday in week) >= demo.birthdays_this_week >= 3
    assert any(month == 1 for month, day in birthdays if (month, day) in week)


def test_the_till_signs_in_on_the_demo_shop(database: Database, demo: DemoSummary) -> None:
    signed_in = TillSessionService(database, "1", clock).demo_sign_in()
    assert signed_in.shop.is_demo
    assert signed_in.cashier.name == "Alex"
    # A new row gets the next id: explicit ids did not leave a sequence behind.
    assert signed_in.shift.id == demo.shifts + 1


def test_a_second_build_is_refused(database: Database, demo: DemoSummary) -> None:
    with pytest.raises(UserError, match="already holds a demo shop"):
        build_demo_shop(database, DEMO_CSV, clock)
    with database.reader() as uow:
        assert ShopRepository(uow.session).counts()["sales"] == demo.sales


def test_an_unreadable_file_leaves_the_database_empty(database: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot read the demo sales file"):
        build_demo_shop(database, tmp_path / "missing.csv", clock)
    with database.reader() as uow:
        repo = ShopRepository(uow.session)
        assert repo.shop() is None
        assert set(repo.counts().values()) == {0}
