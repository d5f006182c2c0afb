"""The customer panel, on SQLite and PostgreSQL: every figure checked against SQL written
here independently of the services, over sales and a return on several days."""

from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import text

from pos.db.database import Database
from pos.domain.cart import Cart, CartLine
from pos.domain.customer_details import Birthday
from pos.domain.errors import NotFoundError
from pos.domain.tender import Tender
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from tests.factories import add_product, fixed_clock, make_shop, shift_at

TODAY = date(2026, 11, 24)
PRODUCTS = {"T1": ("Earl Grey", 350), "M1": ("Cat Mug", 450), "C1": ("Card", 250),
            "B1": ("Biscuits", 199), "J1": ("Jam", 275), "H1": ("Honey", 525)}

USUAL_SQL = """
    SELECT l.product_code, COUNT(DISTINCT l.sale_id) AS times, SUM(l.quantity) AS units,
           MAX(s.completed_at) AS last_at
    FROM sale_line l JOIN sale s ON s.id = l.sale_id
    WHERE s.customer_id = :c AND s.kind = 'sale' AND l.quantity > 0
    GROUP BY l.product_code
    ORDER BY times DESC, last_at DESC, l.product_code
    LIMIT 5
"""
LAST_SQL = """
    SELECT s.receipt_number, s.kind, s.total_minor,
           (SELECT SUM(ABS(l.quantity)) FROM sale_line l WHERE l.sale_id = s.id) AS units
    FROM sale s WHERE s.customer_id = :c ORDER BY s.completed_at DESC, s.id DESC LIMIT 5
"""
STATS_SQL = """
    SELECT SUM(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END), SUM(total_minor),
           MIN(completed_at), MAX(completed_at)
    FROM sale WHERE customer_id = :c
"""


def _naive_utc(value: object) -> datetime:
    """A time as raw SQL returns it (text on SQLite, naive datetime on PostgreSQL) or as the
    services return it (aware UTC), as naive UTC for comparing."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(moment, datetime)
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _line(ids: dict[str, int], code: str, quantity: int = 1) -> CartLine:
    name, price = PRODUCTS[code]
    return CartLine(ids[code], code, name, price, quantity, 2000)


@pytest.fixture
def shop(database: Database) -> tuple[CustomerService, int, int]:
    """A regular (birthday in two days) with eight sales and a return over four days, and
    another customer's sale that must not count."""
    make_shop(database)
    ids = {code: add_product(database, code, name, price)
           for code, (name, price) in PRODUCTS.items()}
    customers = CustomerService(database, fixed_clock)
    regular = customers.create(NewCustomer(
        "Mary Jones", birthday_day=26, birthday_month=11, birthday_year=1961,
        notes="Takes her tea black", tags=("earl grey",), consent_sms=True,
    )).id
    other = customers.create(NewCustomer("Tom Other")).id
    baskets = [["T1", "M1"], ["T1"], ["T1", "B1", "C1"], ["J1", "T1"], ["B1"], ["H1", "T1"],
               ["J1", "B1"], ["C1", "M1", "T1"]]
    for day in range(4):
        with shift_at(database, datetime(2026, 11, 10 + day, 9, tzinfo=UTC)) as shift:
            for basket in baskets[day * 2 : day * 2 + 2]:
                cart = Cart()
                for code in basket:
                    cart = cart.add(_line(ids, code, 2 if code == "B1" else 1))
                shift.sell(cart, Tender("cash", 100_00), customer_id=regular)
            if day == 1:
                shift.sell(Cart().add(_line(ids, "H1", 3)), Tender("cash", 100_00),
                           customer_id=other)
            if day == 3:
                shift.give_back("R1-000007", {1: 1})  # one honey back from her 6th sale
    return customers, regular, other


def test_panel_figures_match_independent_sql(
    database: Database, shop: tuple[CustomerService, int, int]
) -> None:
    customers, regular, _ = shop
    panel = customers.panel(regular, TODAY)
    with database.reader() as uow:
        run = uow.session.execute
        visits, spend, first_at, last_at = run(text(STATS_SQL), {"c": regular}).one()
        usual = run(text(USUAL_SQL), {"c": regular}).all()
        last = run(text(LAST_SQL), {"c": regular}).all()
    assert (panel.visits, panel.lifetime_spend_minor) == (visits, spend) == (8, spend)
    assert _naive_utc(panel.first_visit_at) == _naive_utc(first_at)
    assert _naive_utc(panel.last_visit_at) == _naive_utc(last_at)
    expected_average = int((Decimal(spend) / visits).quantize(Decimal(1), ROUND_HALF_UP))
    assert panel.average_basket_minor == expected_average
    assert [(u.product_code, u.times_bought, u.quantity) for u in panel.usual_products] == [
        (code, times, units) for code, times, units, _ in usual
    ]
    assert panel.usual_products[0].product_code == "T1"
    assert panel.usual_products[0].times_bought == 6
    assert [_naive_utc(u.last_bought_at) for u in panel.usual_products] == [
        _naive_utc(at) for *_, at in usual
    ]
    assert [(s.receipt_number, s.kind, s.total_minor, s.items) for s in panel.last_sales] == [
        tuple(row) for row in last
    ]
    assert panel.last_sales[0].kind == "return"


def test_panel_shows_who_they_are(shop: tuple[CustomerService, int, int]) -> None:
    customers, regular, _ = shop
    panel = customers.panel(regular, TODAY)
    assert (panel.name, panel.notes, panel.tags) == (
        "Mary Jones", "Takes her tea black", ("earl grey",)
    )
    assert panel.birthday == Birthday(26, 11, 1961)
    assert (panel.birthday_today, panel.birthday_this_week) == (False, True)
    assert customers.panel(regular, date(2026, 11, 26)).birthday_today
    assert not customers.panel(regular, date(2026, 11, 27)).birthday_this_week
    assert (panel.consents.sms, panel.consents.marketing_email) == (True, False)
    assert panel.badges == ()


def test_full_history_pages_back_from_the_newest(shop: tuple[CustomerService, int, int]) -> None:
    customers, regular, _ = shop
    first_page = customers.history(regular, limit=4)
    rest = customers.history(regular, offset=4, limit=50)
    every = [*first_page, *rest]
    assert len(every) == 9
    assert [s.completed_at for s in every] == sorted(
        (s.completed_at for s in every), reverse=True
    )
    assert every[0].completed_at - every[-1].completed_at > timedelta(days=3)


def test_statistics_kept_sale_by_sale_equal_a_rebuild(
    database: Database, shop: tuple[CustomerService, int, int]
) -> None:
    customers, regular, other = shop
    before = {cid: customers.panel(cid, TODAY) for cid in (regular, other)}
    assert customers.rebuild_stats() == 2
    for cid, panel in before.items():
        rebuilt = customers.panel(cid, TODAY)
        assert (rebuilt.visits, rebuilt.lifetime_spend_minor, rebuilt.first_visit_at,
                rebuilt.last_visit_at) == (panel.visits, panel.lifetime_spend_minor,
                                           panel.first_visit_at, panel.last_visit_at)


def test_a_new_customer_has_an_empty_panel(shop: tuple[CustomerService, int, int]) -> None:
    customers, _, _ = shop
    new = customers.create(NewCustomer("Ann New"))
    panel = customers.panel(new.id, TODAY)
    assert (panel.visits, panel.average_basket_minor, panel.usual_products, panel.last_sales,
            panel.first_visit_at) == (0, 0, (), (), None)
    with pytest.raises(NotFoundError, match="no customer number 999"):
        customers.panel(999, TODAY)
