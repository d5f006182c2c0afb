"""Parking and resuming sales on SQLite and PostgreSQL: kept across restarts, resumed once."""

import threading
from datetime import timedelta

import pytest

from pos.db.database import Database
from pos.db.engine import create_database_engine
from pos.db.models import ParkedSale
from pos.domain.cart import Cart, CartLine, Discount
from pos.domain.errors import NotFoundError, UserError
from pos.services.parking import ParkingService, ResumedCart
from tests.factories import (
    FIXED_NOW,
    TillFixture,
    add_customer,
    add_product,
    fixed_clock,
    row_counts,
    sign_in_cashier,
)

FULL_LIMIT = 10_000


@pytest.fixture
def full_cart(database: Database, till: TillFixture) -> Cart:
    """Three mugs at a changed price, cheese sold by weight with money off, a voided line,
    10 % off the sale: 3 x 4.00 + (9.74 - 0.74) = 21.00, less 2.10 = 18.90."""
    cheese = add_product(database, "2300042", "Cheese", 1299, rate_bp=0)
    return (
        Cart()
        .add(till.mugs(3))
        .add(CartLine(cheese, "2300042", "Cheese", 1299, 1, 0,
                      weight_grams=750, line_price_minor=974))
        .add(till.mugs(1, price_overridden=True))
        .override_price(0, 400)
        .discount_line(1, Discount("amount", 74), FULL_LIMIT)
        .void_line(2, "scanned twice")
        .discount_sale(Discount("percent", 1000), FULL_LIMIT)
    )


def _parked_rows(database: Database) -> int:
    return row_counts(database, ParkedSale)["parked_sale"]


def test_a_parked_sale_survives_a_restart_and_resumes_exactly(
    database: Database, database_url: str, till: TillFixture, full_cart: Cart
) -> None:
    customer = add_customer(database, "Dana")
    summary = till.parking.park(full_cart, till.cashier_id, customer, "  blue coat  ")
    assert (summary.label, summary.cashier_name, summary.customer_id) == (
        "blue coat", "Alex", customer
    )
    assert (summary.item_count, summary.total_minor) == (4, 1890)
    assert (summary.register_code, summary.parked_at) == ("1", FIXED_NOW)
    database.close()

    reopened = Database.on(create_database_engine(database_url))
    try:
        parking = ParkingService(reopened, "1", fixed_clock)
        assert parking.list_parked() == (summary,)
        assert parking.resume(summary.id) == ResumedCart(full_cart, customer)
        assert parking.list_parked() == ()
        assert _parked_rows(reopened) == 0
    finally:
        reopened.close()


def test_a_sale_is_resumed_only_once(
    database: Database, till: TillFixture, full_cart: Cart
) -> None:
    parked = till.parking.park(full_cart, till.cashier_id, None)
    other_till = ParkingService(database, "2", fixed_clock)
    assert other_till.resume(parked.id).cart == full_cart
    with pytest.raises(NotFoundError, match="that sale was already resumed on another till"):
        till.parking.resume(parked.id)


def test_two_tills_resuming_at_once_get_it_once(
    database: Database, till: TillFixture, full_cart: Cart
) -> None:
    parked = till.parking.park(full_cart, till.cashier_id, None)
    barrier = threading.Barrier(2)
    resumed: list[ResumedCart] = []
    refused: list[str] = []

    def resume() -> None:
        barrier.wait()
        try:
            resumed.append(ParkingService(database, "1", fixed_clock).resume(parked.id))
        except NotFoundError as error:
            refused.append(error.message)

    threads = [threading.Thread(target=resume) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.cart for r in resumed] == [full_cart]
    assert refused == ["that sale was already resumed on another till"]


def test_the_list_shows_every_till_newest_first(
    database: Database, till: TillFixture, full_cart: Cart
) -> None:
    sign_in_cashier(database, "2")
    later = ParkingService(database, "2", lambda: FIXED_NOW + timedelta(minutes=5))
    small = Cart().add(till.mugs(2))
    first = till.parking.park(small, till.cashier_id, None, "first")
    second = later.park(full_cart, till.cashier_id, None, "second")
    listed = till.parking.list_parked()
    assert [(p.label, p.register_code, p.item_count, p.total_minor) for p in listed] == [
        ("second", "2", 4, 1890), ("first", "1", 2, 900)
    ]
    assert listed == (second, first)


@pytest.mark.parametrize(
    ("cart", "label", "message"),
    [
        (Cart(), "", "nothing to park"),
        (Cart().add(CartLine(1, "X", "X", 100, 1, 0)).void_line(0, "wrong"), "", "nothing to park"),
        (Cart().add(CartLine(1, "X", "X", 100, 1, 0)), "x" * 121, "shorten it to 120"),
    ],
    ids=["empty", "only-voided", "long-label"],
)
def test_bad_parking_writes_nothing(
    database: Database, till: TillFixture, cart: Cart, label: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        till.parking.park(cart, till.cashier_id, None, label)
    assert _parked_rows(database) == 0


def test_parking_on_a_till_never_set_up_is_refused(
    database: Database, till: TillFixture, full_cart: Cart
) -> None:
    unknown = ParkingService(database, "9", fixed_clock)
    with pytest.raises(UserError, match="register 9 is not set up"):
        unknown.park(full_cart, till.cashier_id, None)
    assert _parked_rows(database) == 0
